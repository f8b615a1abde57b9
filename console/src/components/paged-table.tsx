import { type ReactNode, useRef } from 'react';
import { formatShownRange } from '../lib/format.ts';
import { EmptyState, LoadError, Loading } from './page.tsx';

/** 前へ / 次へ with `2 / 5 ページ`. */
function Pager({
  offset,
  limit,
  total,
  onChange,
  label,
}: {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  label: string;
}) {
  if (total <= limit && offset === 0) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        前へ
      </button>
      <span className="pager__status">
        {page} / {pages} ページ
      </span>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={offset + limit >= total}
        onClick={() => onChange(offset + limit)}
      >
        次へ
      </button>
    </nav>
  );
}

/**
 * One page of a list as a table (thead and tbody are the children) with its pager. After a page change the
 * table takes focus, so that keyboard and screen-reader users start reading at the new rows instead of
 * staying on the 次へ button at the bottom.
 */
export function PagedTable({
  caption,
  className,
  busy,
  offset,
  limit,
  total,
  onPage,
  pagerLabel,
  children,
}: {
  caption: ReactNode;
  className?: string;
  /** True while the next page loads (the rows shown are still the previous page's). */
  busy: boolean;
  offset: number;
  limit: number;
  total: number;
  onPage: (offset: number) => void;
  pagerLabel: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLTableElement>(null);
  return (
    <>
      <div className="table-wrap">
        <table
          ref={ref}
          tabIndex={-1}
          className={className ? `table table--compact ${className}` : 'table table--compact'}
          aria-busy={busy}
        >
          <caption className="table__caption">{caption}</caption>
          {children}
        </table>
      </div>
      <Pager
        offset={offset}
        limit={limit}
        total={total}
        onChange={(next) => {
          onPage(next);
          ref.current?.focus();
        }}
        label={pagerLabel}
      />
    </>
  );
}

/**
 * An offset-paged list loaded with useApi: the load error with a retry, loading, 「全N件中 a〜b件を表示しています。」
 * (announced), then the empty state or the PagedTable. `children` renders thead and tbody from the data.
 */
export function PagedList<T extends { total: number; items: readonly unknown[] }>({
  list,
  empty,
  children,
  ...table
}: {
  list: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  empty: ReactNode;
  caption: ReactNode;
  className?: string;
  offset: number;
  limit: number;
  onPage: (offset: number) => void;
  pagerLabel: string;
  children: (data: T) => ReactNode;
}) {
  const data = list.data;
  return (
    <>
      {list.error !== undefined && <LoadError error={list.error} onRetry={list.reload} />}
      {!data ? (
        list.loading && <Loading />
      ) : (
        <>
          <p className="result-count" role="status">
            {data.total === 0
              ? ''
              : `${formatShownRange(data.total, table.offset, data.items.length)}を表示しています。`}
          </p>
          {data.items.length === 0 ? (
            <EmptyState>{empty}</EmptyState>
          ) : (
            <PagedTable {...table} busy={list.loading} total={data.total}>
              {children(data)}
            </PagedTable>
          )}
        </>
      )}
    </>
  );
}

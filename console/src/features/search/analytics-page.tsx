import {
  type QueryCount,
  type Role,
  type SearchAnalytics,
  type SessionCenter,
  searchAnalyticsSchema,
} from '@madoguchi/contracts';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { FormAlert, TextField } from '../../components/fields.tsx';
import { EmptyState, LoadError, Loading, PageHeader, Section } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { addDays, formatDateJa, todayJst } from '../../lib/format.ts';
import { can } from '../../lib/permissions.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { isIsoDate } from '../faq/dates.ts';
import { faqHref, setQueryParams, useQueryParams } from '../faq/routes.ts';
import '../faq/faq.css';

const DEFAULT_DAYS = 28;

/** A searched wording and its count; the weekly top lists carry their week (its Monday). */
type Row = QueryCount & { week?: string };

/** 検索分析: searches that found nothing, searches nobody opened a result of, the top words per week. */
export function SearchAnalyticsPage({ center, roles }: { center: SessionCenter; roles: Set<Role> }) {
  const slug = center.slug;
  const params = useQueryParams();
  const today = todayJst();
  const defaultFrom = addDays(today, -(DEFAULT_DAYS - 1));
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const from = isIsoDate(fromParam) ? fromParam : defaultFrom;
  const to = isIsoDate(toParam) ? toParam : today;
  const [form, setForm] = useState({ from, to });
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const canCreate = can.editFaq(roles);

  // Back / forward: the period fields follow the URL.
  useEffect(() => setForm({ from, to }), [from, to]);

  const report = useApi<SearchAnalytics>(`search-analytics:${slug}:${from}:${to}`, (signal) =>
    api.get<SearchAnalytics>(centerPath(slug, '/search-analytics'), {
      signal,
      query: { from, to },
      schema: searchAnalyticsSchema,
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isIsoDate(form.from)) {
      errors.setField('from', '開始日を入力してください');
      focusFirstInvalid(formRef.current);
      return;
    }
    if (!isIsoDate(form.to)) {
      errors.setField('to', '終了日を入力してください');
      focusFirstInvalid(formRef.current);
      return;
    }
    if (form.from > form.to) {
      errors.setField('to', '終了日は開始日以降にしてください');
      focusFirstInvalid(formRef.current);
      return;
    }
    errors.clear();
    setQueryParams({ from: form.from, to: form.to });
  };

  const preset = (days: number) => {
    const next = { from: addDays(today, -(days - 1)), to: today };
    setForm(next);
    errors.clear();
    setQueryParams(next);
  };

  const data = report.data;
  const noResult = data?.noResult ?? [];
  const noClick = data?.noClick ?? [];
  const top = [...(data?.top ?? [])].sort((a, b) => b.week.localeCompare(a.week) || b.count - a.count);
  const weeks = [...new Set(top.map((r) => r.week))];

  const searchLink = (q: string) => <Link to={faqHref(slug, 'search', { q })}>{q}</Link>;
  const createLink = (q: string) => (
    <Link to={faqHref(slug, 'new', { question: q })}>
      FAQを作成<span className="visually-hidden">（{q}）</span>
    </Link>
  );

  return (
    <>
      <PageHeader
        title="検索分析"
        lead="FAQ 検索で使われた言葉の集計です。見つからなかった言葉やクリックされなかった言葉は、FAQ の追加や言い換え・同義語の登録の手がかりになります。"
      />
      <search aria-label="集計期間">
        <form ref={formRef} className="filters" onSubmit={submit} noValidate>
          <FormAlert
            formError={errors.formError}
            fieldErrors={errors.fieldErrors}
            sequence={errors.sequence}
          />
          <div className="form__row">
            <TextField
              label="開始日"
              name="from"
              type="date"
              fieldClassName="field--medium"
              value={form.from}
              max={today}
              onChange={(e) => setForm((f) => ({ ...f, from: e.target.value }))}
              error={errors.fieldErrors.from}
            />
            <TextField
              label="終了日"
              name="to"
              type="date"
              fieldClassName="field--medium"
              value={form.to}
              max={today}
              onChange={(e) => setForm((f) => ({ ...f, to: e.target.value }))}
              error={errors.fieldErrors.to}
            />
            <div className="form__actions">
              <button type="submit" className="button button--primary">
                集計
              </button>
            </div>
          </div>
          <div className="form__actions">
            <span className="muted">期間：</span>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => preset(7)}
            >
              直近7日
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => preset(28)}
            >
              直近4週間
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => preset(91)}
            >
              直近3か月
            </button>
          </div>
        </form>
      </search>
      <p className="result-count" role="status">
        {data ? `${formatDateJa(from)}から${formatDateJa(to)}までの集計です。` : ''}
      </p>
      {report.error !== undefined && <LoadError error={report.error} onRetry={report.reload} />}
      {!data ? (
        report.loading && <Loading />
      ) : (
        <>
          <Section
            title="結果が0件だった検索語"
            id="no-result"
            description="FAQ がない、または FAQ に使われていない言い方の可能性があります。"
          >
            <QueryTable
              rows={noResult}
              caption="結果が0件だった検索語"
              captionHidden
              empty="結果が0件だった検索はありません。"
              action={canCreate ? createLink : undefined}
              renderQuery={searchLink}
            />
          </Section>
          <Section
            title="結果が開かれなかった検索語"
            id="no-click"
            description="結果は出たものの、どの FAQ も開かれなかった検索です。質問や言い換えの見直しの候補です。"
          >
            <QueryTable
              rows={noClick}
              caption="結果が開かれなかった検索語"
              captionHidden
              empty="該当する検索はありません。"
              action={canCreate ? createLink : undefined}
              renderQuery={searchLink}
            />
          </Section>
          <Section title="よく使われた検索語（週別）" id="top-queries">
            {top.length === 0 ? (
              <EmptyState>この期間の検索はありません。</EmptyState>
            ) : (
              weeks.map((week) => (
                <QueryTable
                  key={week}
                  rows={top.filter((r) => r.week === week)}
                  caption={`${formatDateJa(week)}からの週`}
                  empty=""
                  renderQuery={searchLink}
                />
              ))
            )}
          </Section>
        </>
      )}
    </>
  );
}

function QueryTable({
  rows,
  caption,
  captionHidden,
  empty,
  action,
  renderQuery,
}: {
  rows: Row[];
  caption: string;
  /** The section's heading says it already. */
  captionHidden?: boolean;
  empty: string;
  action?: ((query: string) => ReactNode) | undefined;
  renderQuery: (query: string) => ReactNode;
}) {
  if (rows.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table table--compact table--auto analytics-table">
        <caption className={captionHidden ? 'visually-hidden' : 'table__caption'}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">検索語</th>
            <th scope="col" className="num">
              回数
            </th>
            {action && <th scope="col">操作</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.week ?? ''}:${r.query}`}>
              <th scope="row">{renderQuery(r.query)}</th>
              <td className="num">{r.count.toLocaleString('ja-JP')}</td>
              {action && <td>{action(r.query)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

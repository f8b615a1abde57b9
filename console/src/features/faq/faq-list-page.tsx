import {
  type FaqSummary,
  faqListSchema,
  publicationStateSchema,
  type Role,
  type SessionCenter,
} from '@madoguchi/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { useDownload } from '../../components/download.ts';
import { Checkbox } from '../../components/fields.tsx';
import { useNotice } from '../../components/notice.tsx';
import { PageHeader } from '../../components/page.tsx';
import { PagedList } from '../../components/paged-table.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { can } from '../../lib/permissions.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { departmentName, faqsPath, useCenterDetail } from './api.ts';
import { reviewOverdue } from './dates.ts';
import { CategoryDepartmentFilters, PublicationStateFilter } from './faq-filters.tsx';
import { StateBadge } from './parts.tsx';
import { faqHref, faqItemHref, setQueryParams, takeFlash, useQueryParams } from './routes.ts';

const PAGE_SIZE = 50;

interface Filters {
  state: string;
  categoryId: string;
  departmentId: string;
  reviewDue: boolean;
  /** Deleted FAQs only (editors), to restore one. */
  deleted: boolean;
}

const noFilters: Filters = { state: '', categoryId: '', departmentId: '', reviewDue: false, deleted: false };

function filtersOf(params: URLSearchParams): Filters {
  const state = params.get('state') ?? '';
  return {
    state: publicationStateSchema.safeParse(state).success ? state : '',
    categoryId: params.get('categoryId') ?? '',
    departmentId: params.get('departmentId') ?? '',
    reviewDue: params.get('reviewDue') === 'true',
    deleted: params.get('deleted') === 'true',
  };
}

function apiFilters(f: Filters) {
  return {
    state: f.state || undefined,
    categoryId: f.categoryId || undefined,
    departmentId: f.departmentId || undefined,
    reviewDue: f.reviewDue ? 'true' : undefined,
    deleted: f.deleted ? 'true' : undefined,
  };
}

/** FAQ一覧・管理: filters (状態, 分類, 所管課, 要確認), paging, 新規作成 and exports. */
export function FaqListPage({ center, roles }: { center: SessionCenter; roles: Set<Role> }) {
  const slug = center.slug;
  const params = useQueryParams();
  const applied = filtersOf(params);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [form, setForm] = useState<Filters>(applied);
  const detail = useCenterDetail(slug);
  const notice = useNotice();
  const appliedKey = JSON.stringify(applied);

  // Back / forward: the form follows the URL.
  useEffect(() => {
    setForm(JSON.parse(appliedKey) as Filters);
  }, [appliedKey]);

  const { success } = notice;
  useEffect(() => {
    const text = takeFlash();
    if (text) success(text);
  }, [success]);

  const list = useApi(`faqs:${slug}:${appliedKey}:${offset}`, (signal) =>
    api.get<{ items: FaqSummary[]; total: number }>(faqsPath(slug), {
      signal,
      query: { ...apiFilters(applied), limit: PAGE_SIZE, offset },
      schema: faqListSchema,
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQueryParams({ ...apiFilters(form) });
  };

  const reset = () => {
    setForm(noFilters);
    setQueryParams({});
  };

  const goTo = (next: number) => {
    setQueryParams({ ...apiFilters(applied), offset: next || undefined });
  };

  const { busy: exporting, download } = useDownload<'csv' | 'xlsx'>(notice);
  const exportFile = (format: 'csv' | 'xlsx') => {
    const { deleted: _deleted, ...filters } = apiFilters(applied);
    return download(
      format,
      faqsPath(slug, '/export'),
      { format, encoding: format === 'csv' ? 'utf8bom' : undefined, ...filters },
      `faq.${format}`,
    );
  };

  return (
    <>
      <PageHeader
        title="FAQ管理"
        lead={
          can.editFaq(roles)
            ? 'FAQ の作成・編集・公開の管理です。'
            : 'センターの FAQ の一覧です。FAQ を選ぶと内容を表示します。'
        }
      >
        {can.editFaq(roles) && (
          <Link to={faqHref(slug, 'new')} className="button button--primary">
            新規作成
          </Link>
        )}
        {can.exportFaq(roles) && !applied.deleted && (
          <>
            <button
              type="button"
              className="button button--secondary"
              aria-busy={exporting === 'csv'}
              onClick={() => exportFile('csv')}
            >
              CSV出力<span className="visually-hidden">（表示中の条件）</span>
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-busy={exporting === 'xlsx'}
              onClick={() => exportFile('xlsx')}
            >
              Excel出力<span className="visually-hidden">（表示中の条件）</span>
            </button>
          </>
        )}
      </PageHeader>
      {notice.element}

      <search aria-label="FAQの絞り込み">
        <form className="filters" onSubmit={submit} noValidate>
          <div className="filters__grid">
            <PublicationStateFilter
              value={form.state}
              onChange={(state) => setForm((f) => ({ ...f, state }))}
            />
            <CategoryDepartmentFilters
              center={detail.data}
              value={form}
              onChange={(change) => setForm((f) => ({ ...f, ...change }))}
            />
            <Checkbox
              className="filters__checkbox"
              label="要確認（1年以上確認していない）のみ"
              name="reviewDue"
              checked={form.reviewDue}
              onChange={(e) => setForm((f) => ({ ...f, reviewDue: e.target.checked }))}
            />
            {can.editFaq(roles) && (
              <Checkbox
                className="filters__checkbox"
                label="削除済みの FAQ（復元用）"
                name="deleted"
                checked={form.deleted}
                onChange={(e) => setForm((f) => ({ ...f, deleted: e.target.checked }))}
              />
            )}
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              絞り込む
            </button>
            <button type="button" className="button button--secondary" onClick={reset}>
              条件をクリア
            </button>
          </div>
        </form>
      </search>

      <PagedList
        list={list}
        empty="条件に一致する FAQ はありません。"
        caption={applied.deleted ? '削除済みの FAQ' : 'FAQ一覧'}
        className="faq-table"
        offset={offset}
        limit={PAGE_SIZE}
        onPage={goTo}
        pagerLabel="FAQ一覧のページ"
      >
        {(data) => (
          <>
            <thead>
              <tr>
                <th scope="col">FAQ-ID</th>
                <th scope="col">質問</th>
                <th scope="col">公開状態</th>
                <th scope="col">所管課</th>
                <th scope="col">最終更新</th>
                <th scope="col">最終確認</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((f) => (
                <tr key={f.id}>
                  <td className="nowrap">
                    <code>{f.faqId}</code>
                  </td>
                  <th scope="row" className="faq-table__question">
                    <Link to={faqItemHref(slug, f.faqId)}>{f.question}</Link>
                  </th>
                  <td>
                    <StateBadge state={f.publicationState} />
                  </td>
                  <td>{departmentName(detail.data, f.departmentId)}</td>
                  <td className="nowrap">{formatDateTime(f.updatedAt)}</td>
                  <td className="nowrap">
                    {f.lastReviewedAt ? formatDateTime(f.lastReviewedAt).slice(0, 10) : '未確認'}
                    {reviewOverdue(f.lastReviewedAt) && <span className="badge badge--warning">要確認</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedList>
    </>
  );
}

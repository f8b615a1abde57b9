import {
  type FaqVoteList,
  type FaqVoteSort,
  faqVoteListSchema,
  faqVoteSortLabels,
  faqVoteSortSchema,
  type SessionCenter,
  type VoteCounts,
} from '@madoguchi/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useDownload } from '../../components/download.ts';
import { FormAlert, SelectField, TextField } from '../../components/fields.tsx';
import { useNotice } from '../../components/notice.tsx';
import { EmptyState, LoadError, Loading, PageHeader } from '../../components/page.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { addDays, formatDateJa, formatShownRange, todayJst } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { departmentName, useCenterDetail } from './api.ts';
import { isIsoDate } from './dates.ts';
import { CategoryDepartmentFilters } from './faq-filters.tsx';
import { StateBadge } from './parts.tsx';
import { faqItemHref, setQueryParams, useQueryParams } from './routes.ts';

const DEFAULT_DAYS = 28;
/** A share of はい from one or two votes says little: the list starts from five. */
const DEFAULT_MIN_VOTES = 5;
const PAGE_SIZE = 50;

/** はい ÷ total as `85.7%`; `—` without votes. */
export function ratioText(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

/** The column headers over VoteCells. */
export function VoteHeaders() {
  return (
    <>
      <th scope="col" className="num">
        はい
      </th>
      <th scope="col" className="num">
        いいえ
      </th>
      <th scope="col" className="num">
        役に立った割合
      </th>
    </>
  );
}

/** はい, いいえ and the share as table cells (the ranking and this page). */
export function VoteCells({ counts }: { counts: VoteCounts }) {
  return (
    <>
      <td className="num">{counts.helpful.toLocaleString('ja-JP')}</td>
      <td className="num">{counts.notHelpful.toLocaleString('ja-JP')}</td>
      <td className="num">{ratioText(counts.ratio)}</td>
    </>
  );
}

interface Filters {
  from: string;
  to: string;
  sort: FaqVoteSort;
  minVotes: string;
  categoryId: string;
  departmentId: string;
}

function filtersOf(params: URLSearchParams, today: string): Filters {
  const from = params.get('from');
  const to = params.get('to');
  const sort = faqVoteSortSchema.safeParse(params.get('sort'));
  const minVotes = params.get('minVotes') ?? '';
  return {
    from: isIsoDate(from) ? from : addDays(today, -(DEFAULT_DAYS - 1)),
    to: isIsoDate(to) ? to : today,
    sort: sort.success ? sort.data : 'notHelpful',
    minVotes: /^[1-9][0-9]{0,5}$/.test(minVotes) ? minVotes : String(DEFAULT_MIN_VOTES),
    categoryId: params.get('categoryId') ?? '',
    departmentId: params.get('departmentId') ?? '',
  };
}

function apiFilters(f: Filters) {
  return {
    from: f.from,
    to: f.to,
    sort: f.sort,
    minVotes: f.minVotes,
    categoryId: f.categoryId || undefined,
    departmentId: f.departmentId || undefined,
  };
}

/**
 * 満足度: citizens' 「この情報は役に立ちましたか」 votes on the public FAQ site per FAQ and period (seed 004
 * 第2-8(1)イ(ｳ)), most いいえ or lowest share of はい first: the FAQs whose answers to improve. CSV download.
 */
export function VotesPage({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const today = todayJst();
  const params = useQueryParams();
  const applied = filtersOf(params, today);
  const appliedKey = JSON.stringify(applied);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [form, setForm] = useState<Filters>(applied);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const detail = useCenterDetail(slug);
  const notice = useNotice();
  const { busy: exporting, download } = useDownload(notice);

  // Back / forward: the form follows the URL.
  useEffect(() => {
    setForm(JSON.parse(appliedKey) as Filters);
  }, [appliedKey]);

  const list = useApi<FaqVoteList>(`faq-votes:${slug}:${appliedKey}:${offset}`, (signal) =>
    api.get<FaqVoteList>(centerPath(slug, '/faq-votes'), {
      signal,
      query: { ...apiFilters(applied), limit: PAGE_SIZE, offset },
      schema: faqVoteListSchema,
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const invalid = (field: string, message: string) => {
      errors.setField(field, message);
      focusFirstInvalid(formRef.current);
    };
    if (!isIsoDate(form.from)) return invalid('from', '開始日を入力してください');
    if (!isIsoDate(form.to)) return invalid('to', '終了日を入力してください');
    if (form.from > form.to) return invalid('to', '終了日は開始日以降にしてください');
    if (addDays(form.from, 365) < form.to) return invalid('to', '期間は366日以内にしてください');
    if (!/^[1-9][0-9]{0,5}$/.test(form.minVotes.trim()))
      return invalid('minVotes', '最低投票数は1以上の整数で入力してください');
    errors.clear();
    setQueryParams({ ...apiFilters({ ...form, minVotes: form.minVotes.trim() }) });
  };

  const goTo = (next: number) => {
    setQueryParams({ ...apiFilters(applied), offset: next || undefined });
  };

  const exportCsv = () =>
    download('file', centerPath(slug, '/faq-votes/export'), apiFilters(applied), 'faq-votes.csv');

  const data = list.data;

  return (
    <>
      <PageHeader
        title="満足度"
        lead="公開FAQサイトの「この情報は役に立ちましたか」への回答の集計です（日付は日本時間）。「いいえ」が多い FAQ、役に立った割合が低い FAQ は回答を見直す候補です。"
      >
        <button
          type="button"
          className="button button--secondary"
          aria-busy={exporting !== null}
          onClick={exportCsv}
        >
          CSV出力<span className="visually-hidden">（表示中の条件）</span>
        </button>
      </PageHeader>
      {notice.element}

      <search aria-label="集計の条件">
        <form ref={formRef} className="filters" onSubmit={submit} noValidate>
          <FormAlert
            formError={errors.formError}
            fieldErrors={errors.fieldErrors}
            sequence={errors.sequence}
          />
          <div className="filters__grid">
            <TextField
              label="開始日"
              name="from"
              type="date"
              value={form.from}
              onChange={(e) => setForm((f) => ({ ...f, from: e.target.value }))}
              error={errors.fieldErrors.from}
            />
            <TextField
              label="終了日"
              name="to"
              type="date"
              value={form.to}
              onChange={(e) => setForm((f) => ({ ...f, to: e.target.value }))}
              error={errors.fieldErrors.to}
            />
            <SelectField
              label="並び順"
              name="sort"
              value={form.sort}
              onChange={(e) => setForm((f) => ({ ...f, sort: e.target.value as FaqVoteSort }))}
            >
              {(Object.keys(faqVoteSortLabels) as FaqVoteSort[]).map((s) => (
                <option key={s} value={s}>
                  {faqVoteSortLabels[s]}
                </option>
              ))}
            </SelectField>
            <TextField
              label="最低投票数"
              name="minVotes"
              type="text"
              inputMode="numeric"
              hint="期間の投票がこの数に満たない FAQ は表示しません。"
              value={form.minVotes}
              onChange={(e) => setForm((f) => ({ ...f, minVotes: e.target.value }))}
              error={errors.fieldErrors.minVotes}
            />
            <CategoryDepartmentFilters
              center={detail.data}
              value={form}
              onChange={(change) => setForm((f) => ({ ...f, ...change }))}
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              集計
            </button>
          </div>
        </form>
      </search>

      {list.error !== undefined && <LoadError error={list.error} onRetry={list.reload} />}
      {!data ? (
        list.loading && <Loading />
      ) : (
        <>
          <p className="result-count" role="status">
            {`${formatDateJa(data.from)}から${formatDateJa(data.to)}までの集計です。`}
          </p>
          <dl className="details details--inline stats-summary">
            <div>
              <dt>投票数</dt>
              <dd>{data.summary.total.toLocaleString('ja-JP')}件</dd>
            </div>
            <div>
              <dt>はい</dt>
              <dd>{data.summary.helpful.toLocaleString('ja-JP')}件</dd>
            </div>
            <div>
              <dt>いいえ</dt>
              <dd>{data.summary.notHelpful.toLocaleString('ja-JP')}件</dd>
            </div>
            <div>
              <dt>役に立った割合</dt>
              <dd>{ratioText(data.summary.ratio)}</dd>
            </div>
            <div>
              <dt>投票のあった FAQ</dt>
              <dd>{data.summary.faqs.toLocaleString('ja-JP')}件</dd>
            </div>
          </dl>
          {data.items.length === 0 ? (
            <EmptyState>
              {data.summary.total === 0
                ? 'この期間の投票はありません。'
                : `投票が${data.minVotes}件以上の FAQ はありません。最低投票数を下げると表示されます。`}
            </EmptyState>
          ) : (
            <>
              <p className="muted">
                {formatShownRange(data.total, offset, data.items.length)}（{faqVoteSortLabels[data.sort]}、
                投票{data.minVotes}件以上）
              </p>
              <PagedTable
                caption="FAQ ごとの満足度"
                busy={list.loading}
                offset={offset}
                limit={PAGE_SIZE}
                total={data.total}
                onPage={goTo}
                pagerLabel="満足度の一覧のページ"
              >
                <thead>
                  <tr>
                    <th scope="col">FAQ-ID</th>
                    <th scope="col">質問</th>
                    <th scope="col">公開状態</th>
                    <th scope="col">所管課</th>
                    <VoteHeaders />
                    <th scope="col" className="num">
                      合計
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.faqId}>
                      <td className="nowrap">
                        <code>{item.faqId}</code>
                      </td>
                      <th scope="row">
                        <Link to={faqItemHref(slug, item.faqId)}>{item.question}</Link>
                      </th>
                      <td>
                        <StateBadge state={item.publicationState} />
                      </td>
                      <td>{departmentName(detail.data, item.departmentId)}</td>
                      <VoteCells counts={item} />
                      <td className="num">{item.total.toLocaleString('ja-JP')}</td>
                    </tr>
                  ))}
                </tbody>
              </PagedTable>
            </>
          )}
        </>
      )}
    </>
  );
}

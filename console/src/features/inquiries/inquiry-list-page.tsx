import {
  type InquiryList,
  type InquiryMailState,
  type InquiryStatus,
  inquiryListSchema,
  inquiryMailStateLabels,
  inquiryStatusLabels,
  inquiryStatusSchema,
  type SessionCenter,
} from '@madoguchi/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { SelectField, TextField } from '../../components/fields.tsx';
import { PageHeader } from '../../components/page.tsx';
import { PagedList } from '../../components/paged-table.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { setQueryParams, useQueryParams } from '../faq/routes.ts';
import { inquiryHref } from './routes.ts';

const PAGE_SIZE = 50;
const statuses = Object.keys(inquiryStatusLabels) as InquiryStatus[];

const statusBadge: Record<InquiryStatus, string> = {
  new: 'badge badge--error',
  in_progress: 'badge badge--info',
  closed: 'badge badge--muted',
};
const mailBadge: Record<InquiryMailState, string> = {
  none: 'badge badge--muted',
  pending: 'badge badge--info',
  sent: 'badge badge--success',
  failed: 'badge badge--error',
};

export function StatusBadge({ status }: { status: InquiryStatus }) {
  return <span className={statusBadge[status]}>{inquiryStatusLabels[status]}</span>;
}

export function MailStateBadge({ state }: { state: InquiryMailState }) {
  return <span className={mailBadge[state]}>{inquiryMailStateLabels[state]}</span>;
}

/** Web問合せ: the centre's web-form inquiries, newest first; names and contact data masked. */
export function InquiryListPage({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const params = useQueryParams();
  const statusParam = params.get('status') ?? '';
  const status = inquiryStatusSchema.safeParse(statusParam).success ? statusParam : '';
  const receipt = params.get('receipt') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [form, setForm] = useState({ status, receipt });

  useEffect(() => {
    setForm({ status, receipt });
  }, [status, receipt]);

  const list = useApi(`inquiries:${slug}:${status}:${receipt}:${offset}`, (signal) =>
    api.get<InquiryList>(centerPath(slug, '/inquiries'), {
      signal,
      query: { status: status || undefined, receipt: receipt || undefined, limit: PAGE_SIZE, offset },
      schema: inquiryListSchema,
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQueryParams({ status: form.status || undefined, receipt: form.receipt.trim() || undefined });
  };

  const goTo = (next: number) =>
    setQueryParams({ status: status || undefined, receipt: receipt || undefined, offset: next || undefined });

  const data = list.data;

  return (
    <>
      <PageHeader
        title="Web問合せ"
        lead="問合せフォームから届いたお問い合わせです。一覧では氏名と連絡先の一部を伏せています。開くと全文を表示し、閲覧はアクセスログに記録されます。"
      />
      <search aria-label="Web問合せの絞り込み">
        <form className="filters" onSubmit={submit} noValidate>
          <div className="filters__grid">
            <SelectField
              label="対応状況"
              name="status"
              value={form.status}
              onChange={(e) => setForm((f) => ({ ...f, status: e.target.value }))}
            >
              <option value="">すべて</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {inquiryStatusLabels[s]}
                  {data ? `（${data.counts[s].toLocaleString('ja-JP')}件）` : ''}
                </option>
              ))}
            </SelectField>
            <TextField
              label="受付番号"
              name="receipt"
              hint="先頭の一部でも探せます（例 W20261122）"
              value={form.receipt}
              onChange={(e) => setForm((f) => ({ ...f, receipt: e.target.value }))}
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              絞り込む
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setForm({ status: '', receipt: '' });
                setQueryParams({});
              }}
            >
              条件をクリア
            </button>
          </div>
        </form>
      </search>

      <PagedList
        list={list}
        empty="条件に一致するお問い合わせはありません。"
        caption="Web問合せの一覧（新しい順）"
        offset={offset}
        limit={PAGE_SIZE}
        onPage={goTo}
        pagerLabel="Web問合せ一覧のページ"
      >
        {(data) => (
          <>
            <thead>
              <tr>
                <th scope="col">受付番号</th>
                <th scope="col">受付日時</th>
                <th scope="col">分類</th>
                <th scope="col">対応状況</th>
                <th scope="col">お名前</th>
                <th scope="col">メール</th>
                <th scope="col">電話</th>
                <th scope="col">添付</th>
                <th scope="col">自動返信</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.id}>
                  <th scope="row" className="nowrap">
                    <Link to={inquiryHref(slug, i.receiptNumber)}>{i.receiptNumber}</Link>
                  </th>
                  <td className="nowrap">{formatDateTime(i.receivedAt)}</td>
                  <td className="nowrap">{i.categoryName ?? '—'}</td>
                  <td>
                    <StatusBadge status={i.status} />
                  </td>
                  <td className="nowrap">{i.maskedName ?? '—'}</td>
                  <td className="nowrap">{i.maskedEmail ?? '—'}</td>
                  <td className="nowrap">{i.maskedPhone ?? '—'}</td>
                  <td>{i.hasAttachment ? 'あり' : '—'}</td>
                  <td>
                    <MailStateBadge state={i.mailState} />
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

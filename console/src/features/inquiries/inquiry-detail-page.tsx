import {
  type Inquiry,
  type InquiryStatus,
  inquirySchema,
  inquiryStatusLabels,
  type OutgoingMail,
  outgoingMailSchema,
  outgoingMailStatusLabels,
  type SessionCenter,
} from '@madoguchi/contracts';
import { type FormEvent, useState } from 'react';
import { SelectField } from '../../components/fields.tsx';
import { useNotice } from '../../components/notice.tsx';
import { LoadError, Loading, PageHeader, Section } from '../../components/page.tsx';
import { ApiError, api, apiHref, centerPath } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { StatusBadge } from './inquiry-list-page.tsx';
import { inquiriesHref } from './routes.ts';

/** The moves the server allows (inquiries.policy.ts): never back to 未対応. */
const nextStatuses: Record<InquiryStatus, InquiryStatus[]> = {
  new: ['in_progress', 'closed'],
  in_progress: ['closed'],
  closed: ['in_progress'],
};

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} バイト`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One web inquiry in full (the server records the viewing), its status and its auto-reply. */
export function InquiryDetailPage({
  center,
  receiptNumber,
}: {
  center: SessionCenter;
  receiptNumber: string;
}) {
  const slug = center.slug;
  const path = centerPath(slug, `/inquiries/${encodeURIComponent(receiptNumber)}`);
  const detail = useApi(`inquiry:${slug}:${receiptNumber}`, (signal) =>
    api.get<Inquiry>(path, { signal, schema: inquirySchema }),
  );
  const [current, setCurrent] = useState<Inquiry | null>(null);
  const inquiry = current ?? detail.data;

  return (
    <>
      <PageHeader title={`Web問合せ ${receiptNumber}`} lead="この画面の表示はアクセスログに記録されます。">
        <Link to={inquiriesHref(slug)} className="button button--secondary">
          一覧へ戻る
        </Link>
      </PageHeader>
      {detail.error !== undefined && !inquiry ? (
        <LoadError
          error={detail.error}
          onRetry={
            detail.error instanceof ApiError && detail.error.status === 404 ? undefined : detail.reload
          }
        />
      ) : !inquiry ? (
        <Loading />
      ) : (
        <>
          <StatusSection inquiry={inquiry} path={path} onChange={setCurrent} />
          <Section title="お問い合わせの内容" id="content">
            <dl className="details">
              <div>
                <dt>受付日時</dt>
                <dd>{formatDateTime(inquiry.receivedAt)}</dd>
              </div>
              <div>
                <dt>分類</dt>
                <dd>{inquiry.categoryName ?? '分からない・その他'}</dd>
              </div>
              <div>
                <dt>お名前</dt>
                <dd>{inquiry.name ?? '—'}</dd>
              </div>
              <div>
                <dt>ふりがな</dt>
                <dd>{inquiry.nameKana ?? '—'}</dd>
              </div>
              <div>
                <dt>メールアドレス</dt>
                <dd>{inquiry.email ?? '—'}</dd>
              </div>
              <div>
                <dt>電話番号</dt>
                <dd>{inquiry.phone ?? '—'}</dd>
              </div>
              <div>
                <dt>ご住所</dt>
                <dd>{inquiry.address ?? '—'}</dd>
              </div>
              <div>
                <dt>お問い合わせ内容</dt>
                <dd className="pre-wrap">{inquiry.body}</dd>
              </div>
              <div>
                <dt>添付ファイル</dt>
                <dd>
                  {inquiry.attachments.length === 0 ? (
                    'なし'
                  ) : (
                    <ul className="plain-list">
                      {inquiry.attachments.map((a) => (
                        <li key={a.id}>
                          <a href={apiHref(`${path}/attachments/${a.id}`)} download={a.filename}>
                            {a.filename}
                          </a>{' '}
                          （{sizeText(a.size)}。ダウンロードはアクセスログに記録されます）
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
            </dl>
            <details className="raw-fields">
              <summary>送信された項目（そのまま）</summary>
              <dl className="details details--compact">
                {Object.entries(inquiry.raw).map(([key, value]) => (
                  <div key={key}>
                    <dt>
                      <code>{key}</code>
                    </dt>
                    <dd className="pre-wrap">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          </Section>
          <MailsSection inquiry={inquiry} path={path} onRetried={detail.reload} />
        </>
      )}
    </>
  );
}

function StatusSection({
  inquiry,
  path,
  onChange,
}: {
  inquiry: Inquiry;
  path: string;
  onChange: (inquiry: Inquiry) => void;
}) {
  const options = nextStatuses[inquiry.status];
  const [next, setNext] = useState<InquiryStatus>(options[0] ?? inquiry.status);
  const [busy, setBusy] = useState(false);
  const notice = useNotice();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    notice.clear();
    try {
      const updated = await api.patch<Inquiry>(path, { status: next }, { schema: inquirySchema });
      onChange(updated);
      setNext(nextStatuses[updated.status][0] ?? updated.status);
      notice.success(`対応状況を「${inquiryStatusLabels[updated.status]}」にしました。`);
    } catch (e) {
      notice.failure(e, '対応状況を変更できませんでした。');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="対応状況" id="status">
      {notice.element}
      <p>
        現在：
        <StatusBadge status={inquiry.status} />
        （最終更新 {formatDateTime(inquiry.updatedAt)}）
      </p>
      <form className="form__row" onSubmit={submit} noValidate>
        <SelectField
          label="変更後の対応状況"
          name="status"
          value={next}
          onChange={(e) => setNext(e.target.value as InquiryStatus)}
          fieldClassName="field--medium"
        >
          {options.map((s) => (
            <option key={s} value={s}>
              {inquiryStatusLabels[s]}
            </option>
          ))}
        </SelectField>
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-busy={busy}>
            変更する
          </button>
        </div>
      </form>
    </Section>
  );
}

function MailsSection({
  inquiry,
  path,
  onRetried,
}: {
  inquiry: Inquiry;
  path: string;
  onRetried: () => void;
}) {
  const notice = useNotice();
  const [busy, setBusy] = useState<string | null>(null);

  const retry = async (mail: OutgoingMail) => {
    if (busy) return;
    setBusy(mail.id);
    notice.clear();
    try {
      await api.post<OutgoingMail>(`${path}/mails/${mail.id}/retry`, {}, { schema: outgoingMailSchema });
      notice.success('自動返信メールを送信待ちに戻しました。まもなく送信されます。');
      onRetried();
    } catch (e) {
      notice.failure(e, '再送できませんでした。');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Section
      title="自動返信メール"
      id="mails"
      description="受付を知らせる自動返信です。お問い合わせの内容は、誤送信に備えて記載していません。"
    >
      {notice.element}
      {inquiry.mails.length === 0 ? (
        <p>メールアドレスの入力がないため、自動返信はありません。</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">自動返信メール</caption>
            <thead>
              <tr>
                <th scope="col">宛先</th>
                <th scope="col">状態</th>
                <th scope="col">送信試行</th>
                <th scope="col">送信日時</th>
                <th scope="col">理由・エラー</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {inquiry.mails.map((m) => (
                <tr key={m.id}>
                  <td>{m.toAddress}</td>
                  <td>
                    <span
                      className={`badge ${m.status === 'sent' ? 'badge--success' : m.status === 'failed' ? 'badge--error' : 'badge--info'}`}
                    >
                      {outgoingMailStatusLabels[m.status]}
                    </span>
                  </td>
                  <td>{m.attempts}回</td>
                  <td className="nowrap">{m.sentAt ? formatDateTime(m.sentAt) : '—'}</td>
                  <td>{m.lastError ?? '—'}</td>
                  <td>
                    {m.status === 'failed' ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-busy={busy === m.id}
                        onClick={() => retry(m)}
                      >
                        再送する<span className="visually-hidden">（{m.toAddress}）</span>
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {inquiry.mails.map((m) => (
        <details key={m.id} className="mail-preview">
          <summary>送信内容を見る（{m.subject}）</summary>
          <p>
            <strong>件名：</strong>
            {m.subject}
          </p>
          <pre className="pre-wrap">{m.bodyText}</pre>
        </details>
      ))}
    </Section>
  );
}

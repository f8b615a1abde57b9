import {
  type Faq,
  type FaqAttachment,
  type FaqEvidence,
  type FaqRevision,
  type FaqStats,
  faqAttachmentSchema,
  faqCommentInputSchema,
  faqCommentSchema,
  faqEvidenceSchema,
  faqRevisionSchema,
  faqSchema,
  faqStatsSchema,
  publicationStateLabels,
} from '@madoguchi/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormAlert, TextAreaField } from '../../components/fields.tsx';
import { ItemButton } from '../../components/item-button.tsx';
import { useNotice } from '../../components/notice.tsx';
import { EmptyState, LoadError, Loading, Section } from '../../components/page.tsx';
import { ApiError, api, apiHref } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { formatDateJa, formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { type FaqComment, faqPath, formatBytes, isForbidden, isNotFound } from './api.ts';
import { reviewOverdue } from './dates.ts';
import { htmlToText } from './html.tsx';
import { JsonView } from './parts.tsx';

interface SectionBase {
  slug: string;
  faq: Faq;
}

// ── 添付ファイル ─────────────────────────────────────────────────────────────────────────────────────

const MAX_ATTACHMENT = 10 * 1024 * 1024;
const attachmentTypes = ['pdf', 'png', 'jpg', 'jpeg', 'gif', 'docx', 'xlsx', 'txt', 'csv'];
const attachmentAccept = attachmentTypes.map((t) => `.${t}`).join(',');

export function AttachmentsSection({
  slug,
  faq,
  editable,
  onChanged,
}: SectionBase & { editable: boolean; onChanged: (attachments: FaqAttachment[]) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const notice = useNotice();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    notice.clear();
    const problem = !file
      ? 'ファイルを選択してください'
      : file.size > MAX_ATTACHMENT
        ? 'ファイルは10MB以下にしてください'
        : !attachmentTypes.includes(file.name.split('.').pop()?.toLowerCase() ?? '')
          ? 'PDF・画像（PNG, JPEG, GIF）・Word・Excel・テキスト・CSV のファイルを選択してください'
          : undefined;
    if (problem || !file) {
      setFileError(problem);
      inputRef.current?.focus();
      return;
    }
    setFileError(undefined);
    setBusy(true);
    try {
      const saved = await api.upload<FaqAttachment>(faqPath(slug, faq.faqId, '/attachments'), file, {
        schema: faqAttachmentSchema,
      });
      notice.success(`「${file.name}」を添付しました。`);
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onChanged([...faq.attachments, saved]);
    } catch (e) {
      if (e instanceof ApiError && (e.field === 'file' || e.status === 413 || e.status === 415)) {
        setFileError(e.status === 413 ? 'ファイルは10MB以下にしてください' : e.message);
        inputRef.current?.focus();
      } else {
        notice.failure(e, '添付できませんでした。');
      }
    } finally {
      setBusy(false);
    }
  };

  const remove = async (attachment: FaqAttachment) => {
    if (!window.confirm(`添付ファイル「${attachment.filename}」を削除しますか？`)) return;
    try {
      await api.delete(faqPath(slug, faq.faqId, `/attachments/${attachment.id}`));
      notice.success(`「${attachment.filename}」を削除しました。`);
      onChanged(faq.attachments.filter((a) => a.id !== attachment.id));
    } catch (e) {
      notice.failure(e, '削除できませんでした。');
    }
  };

  return (
    <Section title="添付ファイル" id="attachments">
      {notice.element}
      {faq.attachments.length === 0 ? (
        <EmptyState>添付ファイルはありません。</EmptyState>
      ) : (
        <ul className="attachment-list">
          {faq.attachments.map((a) => (
            <li key={a.id} className="attachment-list__item">
              <a href={apiHref(faqPath(slug, faq.faqId, `/attachments/${a.id}`))} download={a.filename}>
                {a.filename}
              </a>
              <span className="muted">（{formatBytes(a.size)}）</span>
              {editable && <ItemButton label="削除" item={a.filename} danger onClick={() => remove(a)} />}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="form attachment-upload" onSubmit={upload} noValidate>
          <div className={`field${fileError ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={inputId}>
              添付するファイル
            </label>
            <p className="field__hint" id={`${inputId}-hint`}>
              10MBまで。PDF、PNG、JPEG、GIF、Word（docx）、Excel（xlsx）、テキスト、CSV。
            </p>
            <input
              ref={inputRef}
              id={inputId}
              name="file"
              type="file"
              className="file-input"
              accept={attachmentAccept}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={`${inputId}-hint${fileError ? ` ${inputId}-error` : ''}`}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileError(undefined);
              }}
            />
            {fileError && (
              <p className="field__error" id={`${inputId}-error`} role="alert">
                <span aria-hidden="true">⚠ </span>
                {fileError}
              </p>
            )}
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--secondary" aria-busy={busy}>
              アップロード
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}

// ── 確認状況 ────────────────────────────────────────────────────────────────────────────────────────

export function ReviewSection({
  slug,
  faq,
  canReview,
  onReviewed,
}: SectionBase & { canReview: boolean; onReviewed: (faq: Faq) => void }) {
  const [busy, setBusy] = useState(false);
  const notice = useNotice();
  const overdue = reviewOverdue(faq.lastReviewedAt);

  const review = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const saved = await api.post<Faq>(faqPath(slug, faq.faqId, '/review'), {}, { schema: faqSchema });
      notice.success('確認済みにしました。');
      onReviewed(saved);
    } catch (e) {
      notice.failure(e, '確認済みにできませんでした。');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section
      title="内容の確認"
      id="review"
      description={
        canReview
          ? 'FAQ は少なくとも年に1回、内容が正しいか確認します。確認したら「確認済みにする」を押してください。'
          : 'FAQ は少なくとも年に1回、FAQ 編集者が内容を確認します。誤りに気づいたらコメントで知らせてください。'
      }
    >
      {notice.element}
      <dl className="details">
        <div>
          <dt>最終確認</dt>
          <dd>
            {faq.lastReviewedAt ? (
              <>
                {formatDateTime(faq.lastReviewedAt)}
                {faq.lastReviewedBy && <>（{faq.lastReviewedBy.name}）</>}
              </>
            ) : (
              '未確認'
            )}
            {overdue && <span className="badge badge--warning">要確認</span>}
          </dd>
        </div>
      </dl>
      {canReview && (
        <div className="form__actions section__footer">
          <button type="button" className="button button--secondary" onClick={review} aria-busy={busy}>
            確認済みにする
          </button>
        </div>
      )}
    </Section>
  );
}

// ── 履歴 ────────────────────────────────────────────────────────────────────────────────────────────

const revisionListSchema = faqRevisionSchema.array();

export const fieldLabels: Record<string, string> = {
  faqId: 'FAQ-ID',
  question: '質問',
  answer: '回答',
  altPhrasings: '言い換え',
  keywords: 'キーワード',
  categoryIds: '分類',
  departmentId: '所管課',
  relatedFaqIds: '関連FAQ',
  relatedUrls: '関連URL',
  internalNotes: '内部メモ',
  published: '公開',
  publishStart: '公開開始日時',
  publishEnd: '公開終了日時',
  publicationState: '公開状態',
  attachments: '添付ファイル',
  lastReviewedAt: '最終確認',
  deleted: '削除',
};

const actionLabels: Record<FaqRevision['action'], string> = {
  create: '作成',
  update: '更新',
  delete: '削除',
  restore: '復元',
  import: '一括取込',
  review: '確認',
};

export interface NameLookup {
  category: (id: string) => string;
  department: (id: string | null) => string;
}

function revisionValue(field: string, value: unknown, names: NameLookup): string {
  if (value === null || value === undefined || value === '') return '（なし）';
  if (field === 'answer' && typeof value === 'string') return htmlToText(value) || '（空）';
  if (field === 'published' && typeof value === 'boolean') return value ? '公開する' : '公開しない';
  if (field === 'publicationState' && typeof value === 'string')
    return publicationStateLabels[value as keyof typeof publicationStateLabels] ?? value;
  if (field === 'departmentId' && typeof value === 'string') return names.department(value);
  if (
    (field === 'publishStart' || field === 'publishEnd' || field.endsWith('At')) &&
    typeof value === 'string'
  )
    return formatDateTime(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '（なし）';
    return value
      .map((v) => {
        if (field === 'categoryIds' && typeof v === 'string') return names.category(v);
        if (typeof v === 'string') return v;
        if (typeof v === 'object' && v && 'url' in v) {
          const u = v as { title?: unknown; url?: unknown };
          return `${String(u.title ?? '')} <${String(u.url)}>`;
        }
        if (typeof v === 'object' && v && 'filename' in v)
          return String((v as { filename: unknown }).filename);
        return JSON.stringify(v);
      })
      .join('、');
  }
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const REVISIONS_SHOWN = 10;

export function RevisionsSection({
  slug,
  faqId,
  version,
  canRestore,
  names,
  onRestored,
  hideWhenMissing,
}: {
  slug: string;
  faqId: string;
  /** The FAQ's version (reloads the history when it changes); null for a deleted FAQ. */
  version: number | null;
  canRestore: boolean;
  names: NameLookup;
  onRestored: (faq: Faq) => void;
  /** Show nothing when the FAQ has no history either (it never existed). */
  hideWhenMissing?: boolean;
}) {
  const list = useApi<FaqRevision[]>(`faq-revisions:${slug}:${faqId}:${version ?? 'deleted'}`, (signal) =>
    api.get<FaqRevision[]>(faqPath(slug, faqId, '/revisions'), { signal, schema: revisionListSchema }),
  );
  const [shown, setShown] = useState(REVISIONS_SHOWN);
  const notice = useNotice();

  const restore = async (revision: FaqRevision) => {
    if (
      !window.confirm(
        `第${revision.revision}版（${formatDateTime(revision.createdAt)}）の内容に戻しますか？${version === null ? '削除されたFAQが復元されます。' : '編集中で保存していない内容は破棄されます。'}`,
      )
    )
      return;
    try {
      const saved = await api.post<Faq>(
        faqPath(slug, faqId, `/revisions/${revision.revision}/restore`),
        {},
        {
          schema: faqSchema,
        },
      );
      notice.success(`第${revision.revision}版の内容に戻しました。`);
      onRestored(saved);
    } catch (e) {
      notice.failure(e, '復元できませんでした。');
    }
  };

  if (isForbidden(list.error) || (hideWhenMissing && isNotFound(list.error))) return null;
  const revisions = list.data ?? [];

  return (
    <Section
      title="変更履歴"
      id="history"
      description="新しい順です。各版で変わった項目の変更前と変更後を示します。"
    >
      {notice.element}
      {list.error !== undefined && !list.data ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : revisions.length === 0 ? (
        <EmptyState>履歴はありません。</EmptyState>
      ) : (
        <>
          <ol className="revision-list">
            {revisions.slice(0, shown).map((r, index) => {
              const changes = Object.entries(r.changes ?? {});
              return (
                <li key={r.revision} className="revision">
                  <div className="revision__header">
                    <h3 className="revision__title">
                      第{r.revision}版{' '}
                      <span className="badge badge--muted">{actionLabels[r.action] ?? r.action}</span>
                    </h3>
                    <p className="muted">
                      {formatDateTime(r.createdAt)}
                      {r.actor && <>／{r.actor.name}</>}
                      {r.action === 'restore' && r.restoredFrom ? (
                        <>／第{r.restoredFrom}版の内容に戻しました</>
                      ) : null}
                    </p>
                    {canRestore && index > 0 && r.action !== 'delete' && (
                      <ItemButton
                        label="この版に戻す"
                        item={`第${r.revision}版`}
                        onClick={() => restore(r)}
                      />
                    )}
                    {index === 0 && <span className="badge badge--info">現在の版</span>}
                  </div>
                  {changes.length > 0 ? (
                    <div className="table-wrap">
                      <table className="table table--compact revision__changes">
                        <caption className="visually-hidden">第{r.revision}版の変更内容</caption>
                        <thead>
                          <tr>
                            <th scope="col">項目</th>
                            <th scope="col">変更前</th>
                            <th scope="col">変更後</th>
                          </tr>
                        </thead>
                        <tbody>
                          {changes.map(([field, change]) => (
                            <tr key={field}>
                              <th scope="row" className="nowrap">
                                {fieldLabels[field] ?? field}
                              </th>
                              <td className="revision__value revision__value--from">
                                <span className="visually-hidden">変更前：</span>
                                {revisionValue(field, change.from, names)}
                              </td>
                              <td className="revision__value revision__value--to">
                                <span className="visually-hidden">変更後：</span>
                                {revisionValue(field, change.to, names)}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ) : (
                    <p className="muted">項目の変更はありません。</p>
                  )}
                </li>
              );
            })}
          </ol>
          {revisions.length > shown && (
            <div className="more">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setShown((n) => n + REVISIONS_SHOWN)}
              >
                さらに表示（残り{revisions.length - shown}件）
              </button>
            </div>
          )}
        </>
      )}
    </Section>
  );
}

// ── コメント ──────────────────────────────────────────────────────────────────────────────────────────

const commentListSchema = faqCommentSchema.array();

export function CommentsSection({ slug, faq, canComment }: SectionBase & { canComment: boolean }) {
  const list = useApi<FaqComment[]>(`faq-comments:${slug}:${faq.faqId}`, (signal) =>
    api.get<FaqComment[]>(faqPath(slug, faq.faqId, '/comments'), { signal, schema: commentListSchema }),
  );
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const notice = useNotice();
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = faqCommentInputSchema.safeParse({ body });
    if (!parsed.success) {
      errors.fromZod(parsed.error, ['body']);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await api.post(faqPath(slug, faq.faqId, '/comments'), parsed.data);
      setBody('');
      notice.success('コメントを投稿しました。');
      list.reload();
    } catch (e) {
      errors.fromApi(e, ['body']);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  if (isForbidden(list.error)) return null;
  const comments = list.data ?? [];

  return (
    <Section
      title="コメント"
      id="comments"
      description="所管課と FAQ 編集者の間の連絡用です（職員のみ）。内容の修正依頼や確認結果を書いてください。"
    >
      {notice.element}
      {list.error !== undefined && !list.data ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : comments.length === 0 ? (
        <EmptyState>コメントはまだありません。</EmptyState>
      ) : (
        <ol className="comment-list">
          {comments.map((c) => (
            <li key={c.id} className="comment">
              <p className="comment__meta">
                <strong>{c.author?.name ?? '（不明）'}</strong>{' '}
                <time className="muted" dateTime={c.createdAt}>
                  {formatDateTime(c.createdAt)}
                </time>
              </p>
              <p className="pre-wrap">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment && (
        <form ref={formRef} className="form comment-form" onSubmit={submit} noValidate>
          <FormAlert
            formError={errors.formError}
            fieldErrors={errors.fieldErrors}
            sequence={errors.sequence}
          />
          <TextAreaField
            label="コメントを書く"
            name="body"
            rows={3}
            maxLength={2000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            error={errors.fieldErrors.body}
          />
          <div className="form__actions">
            <button type="submit" className="button button--secondary" aria-busy={busy}>
              投稿
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}

// ── 学習した検索語 ─────────────────────────────────────────────────────────────────────────────────────

const evidenceListSchema = faqEvidenceSchema.array();

/**
 * What operators searched before answering with this FAQ (learning from use), for FAQ editors: a wording that
 * led to the wrong FAQ is removed here, and the search forgets it.
 */
export function EvidenceSection({ slug, faq }: SectionBase) {
  const list = useApi<FaqEvidence[]>(`faq-evidence:${slug}:${faq.faqId}`, (signal) =>
    api.get<FaqEvidence[]>(faqPath(slug, faq.faqId, '/evidence'), { signal, schema: evidenceListSchema }),
  );
  const notice = useNotice();
  const [busy, setBusy] = useState<string | null>(null);

  const remove = async (item: FaqEvidence) => {
    if (busy) return;
    if (!window.confirm(`検索語「${item.phrase}」をこの FAQ の学習から削除しますか？`)) return;
    setBusy(item.id);
    notice.clear();
    try {
      await api.delete(faqPath(slug, faq.faqId, `/evidence/${item.id}`));
      notice.success(`検索語「${item.phrase}」を削除しました。検索にはすぐに反映されます。`);
      list.reload();
    } catch (e) {
      if (isNotFound(e)) list.reload();
      notice.failure(e, '削除できませんでした。');
    } finally {
      setBusy(null);
    }
  };

  if (isForbidden(list.error)) return null;
  const items = list.data ?? [];
  return (
    <Section
      title="学習した検索語"
      id="evidence"
      description="オペレーターが「このFAQで回答した」を押したときの検索語です。似た言葉の検索でこの FAQ が上位に出ます。別の FAQ を指すものは削除してください。"
    >
      {notice.element}
      {list.error !== undefined && !list.data ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState>学習した検索語はまだありません。</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact table--auto">
            <caption className="table__caption">学習した検索語（利用の多い順）</caption>
            <thead>
              <tr>
                <th scope="col">検索語</th>
                <th scope="col" className="num">
                  回数
                </th>
                <th scope="col">最後に使われた日時</th>
                <th scope="col">
                  <span className="visually-hidden">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.phrase}</th>
                  <td className="num">{item.uses.toLocaleString('ja-JP')}</td>
                  <td className="nowrap">{formatDateTime(item.lastUsedAt)}</td>
                  <td>
                    <ItemButton
                      label="削除"
                      item={item.phrase}
                      danger
                      disabled={busy === item.id}
                      onClick={() => void remove(item)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

// ── 利用状況 ────────────────────────────────────────────────────────────────────────────────────────

export function StatsSection({ slug, faq }: SectionBase) {
  const stats = useApi<unknown>(`faq-stats:${slug}:${faq.faqId}`, (signal) =>
    api.get<unknown>(faqPath(slug, faq.faqId, '/stats'), { signal, schema: faqStatsSchema }),
  );
  if (isForbidden(stats.error)) return null;
  const parsed = faqStatsSchema.safeParse(stats.data);
  return (
    <Section
      title="利用状況"
      id="stats"
      description="直近12週間の経路別の閲覧数と、応対で利用された回数です。"
    >
      {stats.error !== undefined && !stats.data ? (
        <LoadError error={stats.error} onRetry={stats.reload} />
      ) : stats.loading && stats.data === undefined ? (
        <Loading />
      ) : parsed.success ? (
        <StatsTable stats={parsed.data} />
      ) : (
        <JsonView value={stats.data ?? null} caption="利用状況" />
      )}
    </Section>
  );
}

function StatsTable({ stats }: { stats: FaqStats }) {
  const weeks = [...stats.weeks].reverse();
  const sum = (key: 'console' | 'public' | 'uses') => stats.weeks.reduce((n, w) => n + w[key], 0);
  return (
    <>
      <dl className="details details--inline stats-summary">
        <div>
          <dt>応対での利用（累計）</dt>
          <dd>{stats.totalUses.toLocaleString('ja-JP')}回</dd>
        </div>
        <div>
          <dt>最後に利用された日時</dt>
          <dd>{stats.lastUsedAt ? formatDateTime(stats.lastUsedAt) : 'なし'}</dd>
        </div>
      </dl>
      <div className="table-wrap">
        <table className="table table--compact table--auto stats-table">
          <caption className="table__caption">週別の閲覧数と利用回数（新しい週から）</caption>
          <thead>
            <tr>
              <th scope="col">週（月曜日から）</th>
              <th scope="col" className="num">
                閲覧（コンソール）
              </th>
              <th scope="col" className="num">
                閲覧（公開サイト）
              </th>
              <th scope="col" className="num">
                応対での利用
              </th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row" className="nowrap">
                  {formatDateJa(w.weekStart)}〜
                </th>
                <td className="num">{w.console.toLocaleString('ja-JP')}</td>
                <td className="num">{w.public.toLocaleString('ja-JP')}</td>
                <td className="num">{w.uses.toLocaleString('ja-JP')}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">12週間の合計</th>
              <td className="num">{sum('console').toLocaleString('ja-JP')}</td>
              <td className="num">{sum('public').toLocaleString('ja-JP')}</td>
              <td className="num">{sum('uses').toLocaleString('ja-JP')}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

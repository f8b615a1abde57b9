import { type Faq, faqSchema, type Role, type SessionCenter } from '@madoguchi/contracts';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useNotice } from '../../components/notice.tsx';
import { LoadError, Loading, PageHeader, Section } from '../../components/page.tsx';
import { ApiError, api, errorText } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { can } from '../../lib/permissions.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { categoryNames, departmentName, faqPath, isNotFound, useCenterDetail } from './api.ts';
import { FaqForm } from './faq-form.tsx';
import {
  AttachmentsSection,
  CommentsSection,
  EvidenceSection,
  type NameLookup,
  ReviewSection,
  RevisionsSection,
  StatsSection,
} from './faq-sections.tsx';
import { VotesSection } from './faq-votes-section.tsx';
import { AnswerHtml } from './html.tsx';
import { StateBadge } from './parts.tsx';
import { faqHref, faqItemHref, setFlash, takeFlash, useQueryParams } from './routes.ts';

/** One FAQ: the editor for faq_editor / admin, a read-only page for everyone else, plus its sections. */
export function FaqDetailPage({
  center,
  roles,
  faqId,
}: {
  center: SessionCenter;
  roles: Set<Role>;
  faqId: string;
}) {
  const slug = center.slug;
  const params = useQueryParams();
  const query = params.get('q') ?? '';
  const detail = useCenterDetail(slug);
  const [faq, setFaq] = useState<Faq | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [formKey, setFormKey] = useState(0);
  const notice = useNotice();
  const editable = can.editFaq(roles);

  useEffect(() => {
    void attempt;
    const controller = new AbortController();
    setError(undefined);
    api.get<Faq>(faqPath(slug, faqId), { signal: controller.signal, schema: faqSchema }).then(
      (data) => {
        if (!controller.signal.aborted) setFaq(data);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [slug, faqId, attempt]);

  const { success } = notice;
  useEffect(() => {
    const text = takeFlash();
    if (text) success(text);
  }, [success]);

  const refetch = useCallback(() => setAttempt((n) => n + 1), []);
  /** Throw away the form's edits and show what is saved now. */
  const reloadLatest = useCallback(() => {
    setAttempt((n) => n + 1);
    setFormKey((n) => n + 1);
  }, []);

  const names = useMemo<NameLookup>(() => {
    const categories = categoryNames(detail.data);
    return {
      category: (id) => categories.get(id) ?? '（削除された分類）',
      department: (id) => departmentName(detail.data, id),
    };
  }, [detail.data]);

  if (!faq) {
    if (error !== undefined && isNotFound(error) && editable) {
      // Deleted FAQs answer 404 but keep their history: an editor can bring one back from it.
      return (
        <>
          <PageHeader title={`FAQ「${faqId}」`} />
          <p className="alert alert--warning">
            このFAQは存在しないか、削除されています。削除されたFAQは、下の変更履歴から削除前の版に戻すと復元できます。
            <Link to={faqHref(slug, 'list')}>FAQ一覧へ戻る</Link>
          </p>
          <RevisionsSection
            slug={slug}
            faqId={faqId}
            version={null}
            names={names}
            canRestore
            onRestored={(restored) => {
              setError(undefined);
              setFaq(restored);
              notice.success('FAQを復元しました。');
            }}
            hideWhenMissing
          />
        </>
      );
    }
    if (error !== undefined) {
      return (
        <>
          <PageHeader title={isNotFound(error) ? 'FAQが見つかりません' : 'FAQ'} />
          {isNotFound(error) ? (
            <p className="alert alert--warning">
              FAQ「{faqId}」は存在しないか、削除されました。
              <Link to={faqHref(slug, 'list')}>FAQ一覧へ戻る</Link>
            </p>
          ) : (
            <LoadError error={error} onRetry={refetch} />
          )}
        </>
      );
    }
    return (
      <>
        <PageHeader title="FAQ" />
        <Loading />
      </>
    );
  }

  const remove = async () => {
    if (!window.confirm(`FAQ「${faq.faqId}」を削除しますか？履歴は残ります。`)) return;
    try {
      await api.delete(faqPath(slug, faq.faqId), { query: { version: faq.version } });
      setFlash(`FAQ「${faq.faqId}」を削除しました。`);
      navigate(faqHref(slug, 'list'), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409)
        notice.failure(
          e,
          'ほかの人が先に変更したため削除できませんでした。ページを再読み込みして内容を確認してください。',
        );
      else notice.failure(e, '削除できませんでした。');
    }
  };

  const sections: [string, string][] = [
    ['content', editable ? '内容の編集' : '回答'],
    ['attachments', '添付ファイル'],
    ['review', '内容の確認'],
    ['history', '変更履歴'],
    ['comments', 'コメント'],
    ['stats', '利用状況'],
    ...(editable ? ([['evidence', '学習した検索語']] as [string, string][]) : []),
    ...(can.viewVoteStats(roles) ? ([['votes', '満足度']] as [string, string][]) : []),
  ];

  return (
    <>
      <PageHeader
        title={faq.question}
        lead={
          <>
            <code>{faq.faqId}</code> <StateBadge state={faq.publicationState} />
            <span className="muted">
              最終更新 {formatDateTime(faq.updatedAt)}
              {faq.updatedBy && <>（{faq.updatedBy.name}）</>}
            </span>
          </>
        }
      >
        {can.recordFaqUse(roles) && <UseButton slug={slug} faqId={faq.faqId} query={query} />}
        {editable && (
          <button type="button" className="button button--danger-text" onClick={remove}>
            削除
          </button>
        )}
      </PageHeader>
      {notice.element}
      <nav className="toc" aria-label="このページの内容">
        <ul>
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      {editable ? (
        <Section title="内容の編集" id="content">
          <FaqForm
            key={formKey}
            slug={slug}
            center={detail.data}
            faq={faq}
            onSaved={(saved) => {
              setFaq(saved);
              notice.success('保存しました。');
            }}
            onReloadLatest={reloadLatest}
          />
        </Section>
      ) : (
        <FaqView slug={slug} faq={faq} names={names} />
      )}

      <AttachmentsSection
        slug={slug}
        faq={faq}
        editable={editable}
        onChanged={(attachments) => setFaq((f) => (f ? { ...f, attachments } : f))}
      />
      <ReviewSection slug={slug} faq={faq} canReview={editable} onReviewed={setFaq} />
      <RevisionsSection
        slug={slug}
        faqId={faq.faqId}
        version={faq.version}
        names={names}
        canRestore={editable}
        onRestored={(restored) => {
          setFaq(restored);
          setFormKey((n) => n + 1);
        }}
      />
      <CommentsSection slug={slug} faq={faq} canComment={can.commentFaq(roles)} />
      <StatsSection slug={slug} faq={faq} />
      {editable && <EvidenceSection slug={slug} faq={faq} />}
      {can.viewVoteStats(roles) && (
        <VotesSection slug={slug} faq={faq} canReadComments={can.viewVoteComments(roles)} />
      )}
    </>
  );
}

/** 「この FAQ で回答した」: counts the use and teaches search the words that found this FAQ. */
function UseButton({ slug, faqId, query }: { slug: string; faqId: string; query: string }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const record = async () => {
    if (state !== 'idle') return;
    setState('busy');
    try {
      await api.post(faqPath(slug, faqId, '/uses'), query.trim() ? { query: query.trim() } : {});
      setState('done');
      setMessage({ kind: 'ok', text: 'この FAQ で回答したことを記録しました。' });
    } catch (e) {
      setState('idle');
      setMessage({ kind: 'error', text: `記録できませんでした。${errorText(e)}` });
    }
  };

  return (
    <div className="use-button">
      <button
        type="button"
        className="button button--primary"
        aria-busy={state === 'busy'}
        aria-disabled={state === 'done' || undefined}
        onClick={record}
      >
        {state === 'done' ? '回答に利用済み' : 'この FAQ で回答した'}
      </button>
      {message && (
        <p
          className={message.kind === 'ok' ? 'use-button__message' : 'use-button__message text-error'}
          role={message.kind === 'ok' ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const none = <span className="muted">なし</span>;

/** The FAQ as the staff reads it (roles that cannot edit). */
function FaqView({ slug, faq, names }: { slug: string; faq: Faq; names: NameLookup }) {
  return (
    <>
      <Section title="回答" id="content">
        <AnswerHtml html={faq.answer} className="faq-answer--read" />
        {faq.relatedUrls.length > 0 && (
          <div className="subsection">
            <h3 className="subsection__title">関連URL</h3>
            <ul>
              {faq.relatedUrls.map((u) => (
                <li key={`${u.url}:${u.title}`}>
                  <a href={u.url} target="_blank" rel="noopener noreferrer">
                    {u.title}
                    <span className="visually-hidden">（新しいタブで開きます）</span>
                  </a>{' '}
                  <span className="muted break">{u.url}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {faq.relatedFaqIds.length > 0 && (
          <div className="subsection">
            <h3 className="subsection__title">関連FAQ</h3>
            <ul>
              {faq.relatedFaqIds.map((id) => (
                <li key={id}>
                  <Link to={faqItemHref(slug, id)}>{id}</Link>
                </li>
              ))}
            </ul>
          </div>
        )}
      </Section>
      <Section title="FAQの情報" id="info">
        <dl className="details">
          <Row label="言い換え">{faq.altPhrasings.length > 0 ? faq.altPhrasings.join('／') : none}</Row>
          <Row label="キーワード">{faq.keywords.length > 0 ? faq.keywords.join('、') : none}</Row>
          <Row label="分類">
            {faq.categoryIds.length > 0 ? faq.categoryIds.map((id) => names.category(id)).join('、') : none}
          </Row>
          <Row label="所管課">{names.department(faq.departmentId)}</Row>
          <Row label="公開">
            <StateBadge state={faq.publicationState} />
            {(faq.publishStart || faq.publishEnd) && (
              <span>
                {faq.publishStart ? formatDateTime(faq.publishStart) : ''}〜
                {faq.publishEnd ? formatDateTime(faq.publishEnd) : ''}
              </span>
            )}
          </Row>
          <Row label="内部メモ">
            {faq.internalNotes.trim() ? <span className="pre-wrap">{faq.internalNotes}</span> : none}
          </Row>
        </dl>
      </Section>
    </>
  );
}

/** 新規作成 (faq_editor, admin); `?question=` prefills the question (from 検索分析). */
export function FaqCreatePage({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const detail = useCenterDetail(slug);
  const params = useQueryParams();
  const [initialQuestion] = useState(() => params.get('question') ?? '');
  return (
    <>
      <PageHeader title="FAQの新規作成" lead="質問と回答は必須です。保存すると履歴に残ります。">
        <Link to={faqHref(slug, 'list')} className="button button--secondary">
          FAQ一覧へ戻る
        </Link>
      </PageHeader>
      {detail.error !== undefined && !detail.data && (
        <LoadError error={detail.error} onRetry={detail.reload} />
      )}
      <FaqForm slug={slug} center={detail.data} initialQuestion={initialQuestion} />
    </>
  );
}

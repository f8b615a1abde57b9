import {
  type Faq,
  type FaqVoteComment,
  type FaqVoteStats,
  faqVoteStatsSchema,
  type VoteCounts,
} from '@madoguchi/contracts';
import { useState } from 'react';
import { LoadError, Loading, Section } from '../../components/page.tsx';
import { api } from '../../lib/api.ts';
import { formatDateJa, formatDateTime } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { faqPath, isForbidden } from './api.ts';
import { faqHref } from './routes.ts';
import { VoteCells, VoteHeaders } from './votes-page.tsx';

const COMMENTS = 20;

/**
 * 満足度 on an FAQ's page: citizens' はい / いいえ of the last 28 days and since the first vote. The comments
 * (free text that may hold personal data) load only when asked for, by those allowed: each showing is audited.
 */
export function VotesSection({
  slug,
  faq,
  canReadComments,
}: {
  slug: string;
  faq: Faq;
  canReadComments: boolean;
}) {
  const stats = useApi<FaqVoteStats>(`faq-votes:${slug}:${faq.faqId}`, (signal) =>
    api.get<FaqVoteStats>(faqPath(slug, faq.faqId, '/votes'), {
      signal,
      query: { comments: 0 },
      schema: faqVoteStatsSchema,
    }),
  );
  if (isForbidden(stats.error)) return null;
  const data = stats.data;
  return (
    <Section
      title="満足度"
      id="votes"
      description="公開FAQサイトの「この情報は役に立ちましたか」への回答です（日付は日本時間）。"
    >
      {stats.error !== undefined && !data ? (
        <LoadError error={stats.error} onRetry={stats.reload} />
      ) : !data ? (
        stats.loading && <Loading />
      ) : (
        <>
          <div className="table-wrap">
            <table className="table table--compact table--auto">
              <caption className="table__caption">この FAQ の投票</caption>
              <thead>
                <tr>
                  <th scope="col">期間</th>
                  <VoteHeaders />
                </tr>
              </thead>
              <tbody>
                <VoteRow
                  label={`${formatDateJa(data.from)}〜${formatDateJa(data.to)}`}
                  counts={data.period}
                />
                <VoteRow label="累計" counts={data.allTime} />
              </tbody>
            </table>
          </div>
          <p>
            <Link to={faqHref(slug, 'votes')}>センター全体の満足度を見る</Link>
          </p>
          {canReadComments && data.period.total > 0 && <Comments slug={slug} faq={faq} />}
        </>
      )}
    </Section>
  );
}

function VoteRow({ label, counts }: { label: string; counts: VoteCounts }) {
  return (
    <tr>
      <th scope="row" className="nowrap">
        {label}
        <span className="visually-hidden">（{counts.total}件）</span>
      </th>
      <VoteCells counts={counts} />
    </tr>
  );
}

/** The period's latest comments, fetched on request (the server records that they were read). */
function Comments({ slug, faq }: { slug: string; faq: Faq }) {
  const [shown, setShown] = useState(false);
  const comments = useApi<FaqVoteStats>(shown ? `faq-vote-comments:${slug}:${faq.faqId}` : null, (signal) =>
    api.get<FaqVoteStats>(faqPath(slug, faq.faqId, '/votes'), {
      signal,
      query: { comments: COMMENTS },
      schema: faqVoteStatsSchema,
    }),
  );
  if (!shown)
    return (
      <div className="subsection">
        <p className="muted">
          市民が投票と一緒に書いたコメントです。個人情報が含まれることがあるため、表示すると閲覧が記録されます。
        </p>
        <button type="button" className="button button--secondary" onClick={() => setShown(true)}>
          コメントを表示（直近{COMMENTS}件）
        </button>
      </div>
    );
  const list: FaqVoteComment[] = comments.data?.comments ?? [];
  return (
    <div className="subsection">
      <h3 className="subsection__title">市民のコメント（新しい順）</h3>
      {comments.error !== undefined && <LoadError error={comments.error} onRetry={comments.reload} />}
      {!comments.data ? (
        comments.loading && <Loading />
      ) : list.length === 0 ? (
        <p className="muted">この期間のコメントはありません。</p>
      ) : (
        <ul className="comment-list">
          {list.map((c) => (
            <li key={`${c.createdAt}:${c.comment}`} className="comment">
              <p className="comment__meta">
                <span className={`badge ${c.helpful ? 'badge--success' : 'badge--warning'}`}>
                  {c.helpful ? 'はい' : 'いいえ'}
                </span>{' '}
                <span className="muted">{formatDateTime(c.createdAt)}</span>
              </p>
              <p className="pre-wrap">{c.comment}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { type FaqRanking, faqRankingSchema, type SessionCenter } from '@madoguchi/contracts';
import { useId } from 'react';
import { EmptyState, LoadError, Loading, PageHeader } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { addDays, formatDateJa } from '../../lib/format.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { isIsoDate, lastCompleteMondayJst, mondayOf, thisMondayJst } from './dates.ts';
import { faqItemHref, setQueryParams, useQueryParams } from './routes.ts';
import { VoteCells, VoteHeaders } from './votes-page.tsx';

const noVotes = { helpful: 0, notHelpful: 0, total: 0, ratio: null };

type Channel = FaqRanking['channel'];

const LIMIT = 50;

const channels: { value: Channel; label: string }[] = [
  { value: 'all', label: 'すべて' },
  { value: 'console', label: 'コンソール（職員）' },
  { value: 'public', label: '公開サイト（市民）' },
];

function weekLabel(monday: string): string {
  const y = monday.slice(0, 4);
  return `${y}年${formatDateJa(monday)}〜${formatDateJa(addDays(monday, 6))}`;
}

/** アクセスランキング: views per FAQ in a JST week (Monday to Sunday), per channel. */
export function RankingPage({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const params = useQueryParams();
  const thisMonday = thisMondayJst();
  const defaultWeek = lastCompleteMondayJst();
  const requested = params.get('week');
  const week = isIsoDate(requested) ? mondayOf(requested) : defaultWeek;
  const channelParam = params.get('channel');
  const channel: Channel = channelParam === 'console' || channelParam === 'public' ? channelParam : 'all';
  const groupId = useId();

  const ranking = useApi<FaqRanking>(`faq-ranking:${slug}:${week}:${channel}`, (signal) =>
    api.get<FaqRanking>(centerPath(slug, '/faq-ranking'), {
      signal,
      query: { week, channel, limit: LIMIT },
      schema: faqRankingSchema,
    }),
  );

  const go = (nextWeek: string, nextChannel: Channel = channel) =>
    setQueryParams(
      {
        week: nextWeek === defaultWeek ? undefined : nextWeek,
        channel: nextChannel === 'all' ? undefined : nextChannel,
      },
      { replace: true },
    );

  const items = ranking.data?.items ?? [];
  // Present for those who may read vote statistics: the week's はい / いいえ on the public site.
  const withVotes = items.some((i) => i.votes !== undefined);
  const shownWeek =
    ranking.data?.weekStart && isIsoDate(ranking.data.weekStart) ? ranking.data.weekStart : week;

  return (
    <>
      <PageHeader
        title="アクセスランキング"
        lead="FAQ の週ごとの閲覧数です（週は日本時間の月曜日から日曜日）。満足度を見られる方には、その週の公開サイトでの「はい」「いいえ」も表示します。"
      />
      <div className="filters ranking-controls">
        <fieldset className="radio-group">
          <legend className="field__label">経路</legend>
          {channels.map((c) => (
            <div className="radio" key={c.value}>
              <input
                id={`${groupId}-${c.value}`}
                type="radio"
                name="channel"
                value={c.value}
                checked={channel === c.value}
                onChange={() => go(week, c.value)}
              />
              <label htmlFor={`${groupId}-${c.value}`}>{c.label}</label>
            </div>
          ))}
        </fieldset>
        <nav className="week-nav" aria-label="週の切り替え">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => go(addDays(week, -7))}
          >
            <span aria-hidden="true">← </span>前の週
          </button>
          <p className="week-nav__label" aria-live="polite">
            {weekLabel(week)}
            {week === thisMonday && <span className="badge badge--info">今週（集計中）</span>}
          </p>
          {/* aria-disabled rather than disabled: the button keeps focus when the last week is reached. */}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => week < thisMonday && go(addDays(week, 7))}
            aria-disabled={week >= thisMonday || undefined}
          >
            次の週<span aria-hidden="true"> →</span>
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => week !== defaultWeek && go(defaultWeek)}
            aria-disabled={week === defaultWeek || undefined}
          >
            先週に戻る
          </button>
        </nav>
      </div>

      {ranking.error !== undefined && <LoadError error={ranking.error} onRetry={ranking.reload} />}
      {!ranking.data ? (
        ranking.loading && <Loading />
      ) : items.length === 0 ? (
        <EmptyState>この週の閲覧記録はありません。</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact ranking-table" aria-busy={ranking.loading}>
            <caption className="table__caption">
              {weekLabel(shownWeek)}のランキング（{channels.find((c) => c.value === channel)?.label}）
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  順位
                </th>
                <th scope="col">FAQ-ID</th>
                <th scope="col">質問</th>
                <th scope="col" className="num">
                  閲覧数
                </th>
                {withVotes && <VoteHeaders />}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={`${item.rank}:${item.faqId}`}>
                  <td className="num">{item.rank}</td>
                  <td className="nowrap">
                    <code>{item.faqId}</code>
                  </td>
                  <th scope="row">
                    <Link to={faqItemHref(slug, item.faqId)}>{item.question}</Link>
                  </th>
                  <td className="num">{item.views.toLocaleString('ja-JP')}</td>
                  {withVotes && <VoteCells counts={item.votes ?? noVotes} />}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

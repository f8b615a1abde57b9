// What citizens' words the FAQs do not answer yet: searches without results, searches whose results nobody
// opened, and the most searched words of each week. Counted from the anonymous search log.
import { type SearchAnalytics, searchAnalyticsQuerySchema } from '@madoguchi/contracts';
import type { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { addDays, jstInstant } from '../centers/calendar.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { canViewSearchAnalytics } from './search.policy.ts';
import { countQueries, topQueriesPerWeek } from './search.repository.ts';

/** Longest period one report covers (a year and a day, for a leap year). */
export const MAX_ANALYTICS_DAYS = 366;
const LIST_LIMIT = 100;
const TOP_PER_WEEK = 20;

/** The search analytics of a period of Japan-time days (FAQ editors, supervisors, managers, admins). */
export async function getSearchAnalytics(
  ctx: ServiceContext,
  slug: string,
  input: z.input<typeof searchAnalyticsQuerySchema>,
): Promise<SearchAnalytics> {
  const center = await resolveCenter(ctx, slug);
  authorize(canViewSearchAnalytics(requireActor(ctx), center.id), '検索分析を見る権限がありません。');
  const q = parseInput(searchAnalyticsQuerySchema, input);
  if (q.from > q.to) throw new AppError('validation_failed', 'to: 終了日は開始日以降にしてください', 'to');
  if (addDays(q.from, MAX_ANALYTICS_DAYS - 1) < q.to)
    throw new AppError('validation_failed', `to: 期間は${MAX_ANALYTICS_DAYS}日以内にしてください`, 'to');
  const range = { from: jstInstant(q.from, '00:00'), to: jstInstant(addDays(q.to, 1), '00:00') };
  const db = ctx.database.db;
  const [noResult, noClick, top] = await Promise.all([
    countQueries(db, center.id, range, 'noResult', LIST_LIMIT),
    countQueries(db, center.id, range, 'noClick', LIST_LIMIT),
    topQueriesPerWeek(db, center.id, range, TOP_PER_WEEK),
  ]);
  return { noResult, noClick, top };
}

// Which FAQ a citizen's search led to (search analytics: searches nobody opened a result of). Result links
// carry the logged search's id (?sid=); the click is kept only for a recent public search of the same centre
// that has no click yet, and only for a visible FAQ, so a hand-made link cannot rewrite older analytics.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { searchQueries } from '../../platform/db/schema.ts';
import { findVisibleFaqId } from './public-faq.repository.ts';

const CLICK_WINDOW_MS = 60 * 60_000;

/** True when the click was recorded. */
export async function recordPublicSearchClick(
  executor: Executor,
  click: { centerId: string; searchId: number; faqCode: string; now: Date },
): Promise<boolean> {
  if (!Number.isSafeInteger(click.searchId)) return false;
  const faqId = await findVisibleFaqId(executor, click.centerId, click.faqCode, click.now);
  if (!faqId) return false;
  const rows = await executor
    .update(searchQueries)
    .set({ clickedFaqId: faqId })
    .where(
      and(
        eq(searchQueries.centerId, click.centerId),
        eq(searchQueries.id, click.searchId),
        eq(searchQueries.scope, 'public'),
        isNull(searchQueries.clickedFaqId),
        gt(searchQueries.searchedAt, new Date(click.now.getTime() - CLICK_WINDOW_MS)),
      ),
    )
    .returning({ id: searchQueries.id });
  return rows.length > 0;
}

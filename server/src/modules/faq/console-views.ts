// Console views feed the weekly access ranking (seed 004 第2-8(1)ア(ｶ)): what staff actually look up. An editor
// reloading an FAQ after each save, or an operator going back and forth between search results and one FAQ,
// is one reading, not ten; counted each time, the ranking would show whoever edits most. The rule: one
// console view per staff member per FAQ per Japan-time day, the same however many web processes serve them.
//
// The de-duplication keeps no more than it needs: a mark per (centre, FAQ, staff member, JST day) in the table
// faq_console_view_marks, stored as a keyed hash (HMAC under an installation key) so the table is no record of
// who read what, and deleted by the faq-views.purge job once its day is over. The mark and the count are
// written in one transaction: a view counts exactly when its mark is new, in whichever process it arrives.
import { createHmac } from 'node:crypto';
import { lt } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.ts';
import { faqConsoleViewMarks } from '../../platform/db/schema.ts';
import { installationKey } from '../../platform/db/signing-keys.ts';
import { jstDate } from '../centers/calendar.ts';
import { recordFaqView } from './faq.repository.ts';

/**
 * Counts a console view of an FAQ if it is the first by `viewer` on the Japan-time day of `at`; returns whether
 * it counted.
 */
export async function recordConsoleView(
  database: Database,
  centerId: string,
  faqId: string,
  viewer: string,
  at: Date,
): Promise<boolean> {
  const day = jstDate(at);
  const key = await installationKey(database, 'faq-console-views');
  const mark = createHmac('sha256', key)
    .update([centerId, faqId, viewer, day].join('\n'))
    .digest('base64url');
  return database.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(faqConsoleViewMarks)
      .values({ mark, day })
      .onConflictDoNothing()
      .returning({ mark: faqConsoleViewMarks.mark });
    if (fresh) await recordFaqView(tx, centerId, faqId, 'console', at);
    return fresh !== undefined;
  });
}

/** Deletes the marks of Japan-time days before the one of `now` (the faq-views.purge job); returns how many. */
export async function purgeConsoleViewMarks(executor: Executor, now: Date): Promise<number> {
  const deleted = await executor
    .delete(faqConsoleViewMarks)
    .where(lt(faqConsoleViewMarks.day, jstDate(now)))
    .returning({ mark: faqConsoleViewMarks.mark });
  return deleted.length;
}

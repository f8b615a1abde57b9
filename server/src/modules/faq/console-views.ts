// Console views feed the weekly access ranking (seed 004 第2-8(1)ア(ｶ)): what staff actually look up. An editor
// reloading an FAQ after each save, or an operator going back and forth between search results and one FAQ,
// is one reading, not ten; counted each time, the ranking would show whoever edits most. The rule: one
// console view per staff member per FAQ per Japan-time day, the same however many web processes serve them.
//
// The de-duplication keeps no more than it needs: a mark per (centre, FAQ, staff member, JST day) in the table
// faq_console_view_marks, stored as a keyed hash (HMAC under an installation key) so the table is no record of
// who read what, and deleted by the faq-views.purge job once its day is over. The mark and the count are
// written by one statement: a view counts exactly when its mark is new, in whichever process it arrives.
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, type Executor, rowsOf } from '../../platform/db/database.ts';
import { faqConsoleViewMarks } from '../../platform/db/schema.ts';
import { installationKey } from '../../platform/db/signing-keys.ts';
import { jstDate } from '../centers/calendar.ts';

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
  const counted = rowsOf<{ counted: number }>(
    await database.db.execute(sql`
      with mark as (
        insert into faq_console_view_marks (mark, day) values (${mark}, ${day}::date)
        on conflict do nothing
        returning 1
      )
      insert into faq_view_counts (center_id, faq_id, day, channel, views)
      select ${centerId}::uuid, ${faqId}::uuid, ${day}::date, 'console', 1 from mark
      on conflict (center_id, faq_id, day, channel) do update set views = faq_view_counts.views + 1
      returning 1 as counted`),
  );
  return counted.length > 0;
}

/** Deletes the marks of Japan-time days before the one of `now` (the faq-views.purge job); returns how many. */
export async function purgeConsoleViewMarks(executor: Executor, now: Date): Promise<number> {
  const deleted = await executor
    .delete(faqConsoleViewMarks)
    .where(sql`${faqConsoleViewMarks.day} < ${jstDate(now)}::date`)
    .returning({ mark: faqConsoleViewMarks.mark });
  return deleted.length;
}

// Every process keeps its own search index; a change of FAQs, synonyms or search evidence must reach all of
// them within a second (SEARCH.md). PostgreSQL's NOTIFY is delivered at commit, and not at all on rollback,
// so the index never sees a change that did not happen; PGlite delivers it the same way in-process.
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.ts';

/** The channel the search integration LISTENs on. */
export const FAQ_CHANGED_CHANNEL = 'madoguchi_faq_changed';

/** What one notification carries: the centre and the FAQs (uuids) changed; empty for a centre-wide change. */
export interface FaqChanged {
  centerId: string;
  faqIds: string[];
}

// NOTIFY payloads must stay under 8000 bytes: 100 uuids make about 4 KB.
const IDS_PER_NOTIFICATION = 100;

/**
 * Queues `madoguchi_faq_changed` in the transaction `tx`: delivered when it commits. `faqIds` are the FAQs'
 * uuids; pass none when the change is centre-wide (synonyms). Large sets go out in several notifications.
 */
export async function notifyFaqChanged(tx: Executor, centerId: string, faqIds: readonly string[]) {
  const unique = [...new Set(faqIds)];
  for (let i = 0; i === 0 || i < unique.length; i += IDS_PER_NOTIFICATION) {
    const payload: FaqChanged = { centerId, faqIds: unique.slice(i, i + IDS_PER_NOTIFICATION) };
    await tx.execute(sql`select pg_notify(${FAQ_CHANGED_CHANNEL}, ${JSON.stringify(payload)})`);
  }
}

/**
 * Listens for FAQ changes (Database.listen: in-process on PGlite, a dedicated connection on PostgreSQL);
 * returns the function that stops listening. A payload that does not parse is ignored; `onResync` is called
 * after a lost connection, when changes may have been missed.
 */
export async function listenFaqChanged(
  database: Database,
  onChange: (change: FaqChanged) => void,
  onResync?: () => void,
): Promise<() => Promise<void>> {
  return database.listen(FAQ_CHANGED_CHANNEL, {
    onMessage(payload) {
      try {
        const parsed = JSON.parse(payload) as FaqChanged;
        if (typeof parsed.centerId === 'string' && Array.isArray(parsed.faqIds)) onChange(parsed);
      } catch {
        // Someone else's NOTIFY on our channel; nothing to index.
      }
    },
    ...(onResync ? { onResync } : {}),
  });
}

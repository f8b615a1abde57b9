// Public FAQ views (the weekly access ranking, seed 004 第2-8(1)ア(ｶ)) counted in memory and written every few
// seconds, many FAQs in one statement: a page served from the render cache must not wait for a database
// write, and a spike after a disaster must not turn into one UPDATE per request on the same rows.
// The same rows and semantics as recordFaqView(…, 'public', …) in modules/faq/faq.repository.ts, with the
// buffered count added instead of 1. Views still buffered when the process dies are lost (at most one interval).
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { faqViewCounts } from '../../platform/db/schema.ts';
import { jstDate } from '../centers/calendar.ts';

export const VIEW_FLUSH_MS = 5_000;
// One statement carries at most this many rows (keeps the parameter count far below PostgreSQL's 65535).
const ROWS_PER_STATEMENT = 1000;

export interface ViewCounter {
  /** Counts one public view of the FAQ (uuid) at `at`, on that Japan-time day. */
  count(centerId: string, faqId: string, at: Date): void;
  /** Writes what is buffered now (the interval, close, tests). */
  flush(): Promise<void>;
  /** Stops the interval and writes the rest. */
  close(): Promise<void>;
}

interface Pending {
  centerId: string;
  faqId: string;
  day: string;
  views: number;
  /** Failed writes so far: a row is tried twice, then dropped (e.g. its centre was deleted meanwhile). */
  failures: number;
}

export function createViewCounter(
  database: Database,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): ViewCounter {
  let pending = new Map<string, Pending>();
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;

  async function write(batch: typeof pending) {
    const rows = [...batch.values()].map(({ centerId, faqId, day, views }) => ({
      centerId,
      faqId,
      day,
      views,
      channel: 'public' as const,
    }));
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await database.db
        .insert(faqViewCounts)
        .values(rows.slice(i, i + ROWS_PER_STATEMENT))
        .onConflictDoUpdate({
          target: [faqViewCounts.centerId, faqViewCounts.faqId, faqViewCounts.day, faqViewCounts.channel],
          set: { views: sql`${faqViewCounts.views} + excluded.views` },
        });
    }
  }

  function flush(): Promise<void> {
    // Flushes run one after another, so two writes of the same row never race.
    flushing = flushing.then(async () => {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      try {
        await write(batch);
      } catch (error) {
        // Put the counts back (merged with newer ones) for one more try, unless shutting down.
        if (!closed)
          for (const [key, row] of batch) {
            if (row.failures >= 1) continue;
            const now = pending.get(key);
            if (now) {
              now.views += row.views;
              now.failures = 1;
            } else pending.set(key, { ...row, failures: 1 });
          }
        options.onError?.(error);
      }
    });
    return flushing;
  }

  const timer = setInterval(() => void flush(), options.intervalMs ?? VIEW_FLUSH_MS);
  timer.unref();

  return {
    count(centerId, faqId, at) {
      const day = jstDate(at);
      const key = `${faqId}|${day}`;
      const row = pending.get(key);
      if (row) row.views += 1;
      else pending.set(key, { centerId, faqId, day, views: 1, failures: 0 });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
      closed = true;
    },
  };
}

// Public searches and which FAQ they led to (search analytics: searches nobody opened a result of).
//
// Searches are logged in memory and written every few seconds, many rows in one statement (like
// view-counter.ts): a search page answered from the search cache must not wait for an INSERT, and a spike
// after a disaster must not become one INSERT per request. Each search still gets its own id at once (result
// links carry it as ?sid=): ids are taken from the table's own sequence in blocks, so the written rows keep
// the ids the pages showed. Rows still buffered when the process dies are lost (at most one interval);
// close() writes them on a normal shutdown.
//
// A click is kept only for a recent public search of the same centre that has no click yet, and only for a
// visible FAQ, so a hand-made link cannot rewrite older analytics. A click on a search not written yet is
// put on the buffered row.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.ts';
import { searchQueries } from '../../platform/db/schema.ts';
import { findVisibleFaqId } from './public-faq.repository.ts';

const CLICK_WINDOW_MS = 60 * 60_000;
export const SEARCH_LOG_FLUSH_MS = 3_000;
/** Ids taken from the sequence per round trip. */
const ID_BLOCK = 100;
const ROWS_PER_STATEMENT = 1000;

export interface PublicSearchEntry {
  centerId: string;
  queryNormalized: string;
  results: number;
  searchedAt: Date;
}

interface PendingSearch extends PublicSearchEntry {
  id: number;
  clickedFaqId: string | null;
  failures: number;
}

export interface PublicSearchLog {
  /** Logs one public search; resolves to its id (known at once, written with the next flush). */
  record(entry: PublicSearchEntry): Promise<number>;
  /** The buffered (not yet written) search with this id, if any. */
  pending(id: number): PendingSearch | undefined;
  /** Resolves once the search with this id is no longer being written (its row exists or was given up). */
  settled(id: number): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function createPublicSearchLog(
  database: Database,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): PublicSearchLog {
  let pending = new Map<number, PendingSearch>();
  let writing = new Map<number, PendingSearch>();
  const ids: number[] = [];
  let refill: Promise<void> | null = null;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;

  function takeIds(): Promise<void> {
    refill ??= database
      .query<{ id: number }>(
        "select nextval(pg_get_serial_sequence('search_queries', 'id')) as id from generate_series(1, $1::int)",
        [ID_BLOCK],
      )
      .then((rows) => {
        ids.push(...rows.map((r) => Number(r.id)));
      })
      .finally(() => {
        refill = null;
      });
    return refill;
  }

  async function write(batch: PendingSearch[]) {
    for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
      await database.db
        .insert(searchQueries)
        .values(
          batch.slice(i, i + ROWS_PER_STATEMENT).map((row) => ({
            id: row.id,
            centerId: row.centerId,
            scope: 'public' as const,
            queryNormalized: row.queryNormalized,
            results: row.results,
            clickedFaqId: row.clickedFaqId,
            searchedAt: row.searchedAt,
          })),
        )
        .onConflictDoNothing();
    }
  }

  function flush(): Promise<void> {
    // One write at a time; a row is moved out of `pending` only once it is written or given up.
    flushing = flushing.then(async () => {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      writing = batch;
      try {
        await write([...batch.values()]);
      } catch (error) {
        // One more try with the next flush (e.g. a centre deleted meanwhile fails the whole statement).
        if (!closed)
          for (const row of batch.values())
            if (row.failures < 1) pending.set(row.id, { ...row, failures: 1 });
        options.onError?.(error);
      } finally {
        writing = new Map();
      }
    });
    return flushing;
  }

  const timer = setInterval(() => void flush(), options.intervalMs ?? SEARCH_LOG_FLUSH_MS);
  timer.unref();

  return {
    async record(entry) {
      while (ids.length === 0) await takeIds();
      const id = ids.shift() as number;
      pending.set(id, { ...entry, id, clickedFaqId: null, failures: 0 });
      return id;
    },
    pending: (id) => pending.get(id),
    settled: (id) => (writing.has(id) ? flushing : Promise.resolve()),
    flush,
    async close() {
      clearInterval(timer);
      await flush();
      // A write that failed once put its rows back for one more try: make it now, not never.
      closed = true;
      if (pending.size > 0) await flush();
    },
  };
}

/** True when the click was recorded. */
export async function recordPublicSearchClick(
  executor: Executor,
  click: { centerId: string; searchId: number; faqCode: string; now: Date },
  log?: PublicSearchLog,
): Promise<boolean> {
  if (!Number.isSafeInteger(click.searchId)) return false;
  const faqId = await findVisibleFaqId(executor, click.centerId, click.faqCode, click.now);
  if (!faqId) return false;
  // A search being written right now: click on its row once it is there.
  await log?.settled(click.searchId);
  const buffered = log?.pending(click.searchId);
  if (buffered) {
    if (
      buffered.centerId !== click.centerId ||
      buffered.clickedFaqId !== null ||
      buffered.searchedAt.getTime() <= click.now.getTime() - CLICK_WINDOW_MS
    )
      return false;
    buffered.clickedFaqId = faqId;
    return true;
  }
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

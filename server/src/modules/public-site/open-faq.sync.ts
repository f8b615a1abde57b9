// The pure parts of the open FAQ API's incremental sync: the cursor, the sync point, the labels version and
// whether an FAQ that is hidden now was visible to a mirror since its last sync. Documented for consumers in
// docs/formats/open-faq.md.
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/http/errors.ts';
import type { Keyset, PublicationRevision } from './open-faq.repository.ts';

/**
 * How far `syncFrom` lies before `asOf`. A change is stamped when its transaction writes it but seen only
 * when it commits: a long import may commit minutes after its timestamp. Syncing again from a little earlier
 * re-sends a few items (idempotent) but never misses one.
 */
export const SYNC_SAFETY_MARGIN_MS = 10 * 60_000;

export function syncFromOf(asOf: Date): Date {
  return new Date(asOf.getTime() - SYNC_SAFETY_MARGIN_MS);
}

interface CursorState extends Keyset {
  /** The updatedSince the paging started with (ms), or null: a cursor belongs to one sync. */
  since: number | null;
}

/** Opaque to consumers: base64url of the keyset position and the sync it belongs to. */
export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify([state.changedMs, state.id, state.since])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(cursor: string, since: Date | null): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const bad = () =>
    new AppError('validation_failed', 'cursor: 前のページの nextCursor をそのまま渡してください', 'cursor');
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad();
  const [changedMs, id, cursorSince] = parsed as unknown[];
  if (
    typeof changedMs !== 'number' ||
    !Number.isFinite(changedMs) ||
    typeof id !== 'string' ||
    !UUID.test(id)
  )
    throw bad();
  if (cursorSince !== (since?.getTime() ?? null))
    throw new AppError(
      'validation_failed',
      'cursor: 最初のページと同じ updatedSince を指定してください（cursor はその同期の続きです）',
      'cursor',
    );
  return { changedMs, id };
}

/** A short hash of every category, axis and department name the items may show. */
export function labelsVersionOf(labels: unknown): string {
  return createHash('sha256').update(JSON.stringify(labels)).digest('base64url').slice(0, 22);
}

/**
 * Whether an FAQ was visible to citizens at some instant in [from, to), judged from its revisions (each
 * holds the publication state from its save until the next save). An FAQ without any revision is assumed to
 * have been: reporting it removed is harmless, missing it would leave it in a mirror for ever.
 */
export function visibleDuring(history: readonly PublicationRevision[], from: Date, to: Date): boolean {
  if (history.length === 0) return true;
  for (const [i, revision] of history.entries()) {
    const next = history[i + 1];
    const start = Math.max(revision.savedAt.getTime(), from.getTime());
    const end = Math.min(next ? next.savedAt.getTime() : Number.POSITIVE_INFINITY, to.getTime());
    if (start >= end) continue;
    if (!revision.published || revision.deleted) continue;
    const windowStart = revision.publishStart ? Date.parse(revision.publishStart) : Number.NEGATIVE_INFINITY;
    const windowEnd = revision.publishEnd ? Date.parse(revision.publishEnd) : Number.POSITIVE_INFINITY;
    // Publication starts inclusive and ends exclusive (publication.ts).
    if (Math.max(start, windowStart) < Math.min(end, windowEnd)) return true;
  }
  return false;
}

// Finished public pages kept in memory, keyed by centre and path (query included), so that an FAQ page under
// load costs a Map lookup and a write of bytes (the benchmark target: ≥ 0.5 × raw node:http). Entries go
// when any FAQ of the centre changes (listenFaqChanged: every process hears it), when its public settings
// change, after RENDER_TTL_MS (centre edits and publish windows opening or closing do not notify), and
// least recently used first beyond the size limits.
import type { CachePolicy, FinishedPage } from './layout.ts';

export const RENDER_TTL_MS = 60_000;

export interface CachedPage extends FinishedPage {
  cache: CachePolicy;
  /** The FAQ (uuid) whose page this is: served views are counted for it. */
  faqId?: string;
}

interface Entry {
  centerId: string;
  page: CachedPage;
  storedAt: number;
}

export interface RenderCache {
  get(centerId: string, key: string): CachedPage | undefined;
  /** A token to pass to `set`: a page rendered before an invalidation is not stored after it. */
  begin(centerId: string): string;
  set(centerId: string, key: string, page: CachedPage, token: string): void;
  dropCenter(centerId: string): void;
  clear(): void;
  readonly size: number;
}

export function createRenderCache(
  options: { maxEntries?: number; maxBytes?: number; ttlMs?: number; now?: () => number } = {},
): RenderCache {
  const maxEntries = options.maxEntries ?? 5000;
  const maxBytes = options.maxBytes ?? 128 * 1024 * 1024;
  const ttl = options.ttlMs ?? RENDER_TTL_MS;
  const clock = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const generations = new Map<string, number>();
  let globalGeneration = 0;
  let bytes = 0;

  const keyOf = (centerId: string, key: string) => `${centerId}\u0000${key}`;
  function remove(k: string) {
    const entry = entries.get(k);
    if (!entry) return;
    bytes -= entry.page.body.length;
    entries.delete(k);
  }
  const tokenOf = (centerId: string) => `${globalGeneration}:${generations.get(centerId) ?? 0}`;

  return {
    get(centerId, key) {
      const k = keyOf(centerId, key);
      const entry = entries.get(k);
      if (!entry) return undefined;
      if (clock() - entry.storedAt >= ttl) {
        remove(k);
        return undefined;
      }
      // Most recently used last: Map keeps insertion order, so re-insert.
      entries.delete(k);
      entries.set(k, entry);
      return entry.page;
    },
    begin(centerId) {
      return tokenOf(centerId);
    },
    set(centerId, key, page, token) {
      if (token !== tokenOf(centerId)) return;
      const k = keyOf(centerId, key);
      remove(k);
      entries.set(k, { centerId, page, storedAt: clock() });
      bytes += page.body.length;
      for (const [oldest] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        remove(oldest);
      }
    },
    dropCenter(centerId) {
      generations.set(centerId, (generations.get(centerId) ?? 0) + 1);
      for (const [k, entry] of entries) if (entry.centerId === centerId) remove(k);
    },
    clear() {
      globalGeneration += 1;
      for (const k of [...entries.keys()]) remove(k);
    },
    get size() {
      return entries.size;
    },
  };
}

// Finished public pages kept in memory, keyed by centre and path (query included), so that an FAQ page under
// load costs a Map lookup and a write of bytes (the benchmark target: ≥ 0.5 × raw node:http). Entries go
// when any FAQ of the centre changes (listenFaqChanged: every process hears it), when its public settings
// change, after RENDER_TTL_MS (centre edits and publish windows opening or closing do not notify), and
// least recently used first beyond the size limits.
//
// Fast path: a page may also be found by the request URL alone (`alias` / `getByUrl`), so that a hit is
// answered from the first onRequest hook, before helmet, cookies, rate limit, the session hook and routing's
// handler (public-site.routes.ts installPublicPageFastPath). The route adds the alias only for URLs whose
// answer is exactly the cached page; an alias lives no longer than its page, and a page found by URL lives
// FAST_TTL_MS (the centre data the route checks before the cache, e.g. whether a category still exists, is
// that old at most).
import type { CachePolicy, FinishedPage } from './layout.ts';

export const RENDER_TTL_MS = 60_000;
/** SITE_TTL_MS of site.ts: how stale the centre data behind a route's checks may be. */
export const FAST_TTL_MS = 30_000;
/** URLs per page (e.g. `/faq/category/x` and `?page=1`); more variants go the normal way. */
const MAX_ALIASES = 4;

export interface CachedPage extends FinishedPage {
  cache: CachePolicy;
  /** The FAQ (uuid) whose page this is: served views are counted for it. */
  faqId?: string;
  /** The whole header set of a 200/404 and of a 304 answer, prepared by the fast path on its first hit. */
  prepared?: {
    full: Record<string, string | number | string[]>;
    notModified: Record<string, string | string[]>;
  };
}

export interface CacheEntry {
  centerId: string;
  page: CachedPage;
  storedAt: number;
  aliases: string[];
  /** The entry's key in the cache (centre and page key). */
  key: string;
}

export interface RenderCache {
  get(centerId: string, key: string): CachedPage | undefined;
  /** A token to pass to `set`: a page rendered before an invalidation is not stored after it. */
  begin(centerId: string): string;
  set(centerId: string, key: string, page: CachedPage, token: string): void;
  /** Lets the stored page at `key` be found by `url` (see getByUrl). */
  alias(centerId: string, key: string, url: string): void;
  /** The page (and its centre) stored for a request URL by `alias`, while fresh. */
  getByUrl(url: string): CacheEntry | undefined;
  dropCenter(centerId: string): void;
  clear(): void;
  readonly size: number;
}

export function createRenderCache(
  options: {
    maxEntries?: number;
    maxBytes?: number;
    ttlMs?: number;
    fastTtlMs?: number;
    now?: () => number;
  } = {},
): RenderCache {
  const maxEntries = options.maxEntries ?? 5000;
  const maxBytes = options.maxBytes ?? 128 * 1024 * 1024;
  const ttl = options.ttlMs ?? RENDER_TTL_MS;
  const fastTtl = Math.min(ttl, options.fastTtlMs ?? FAST_TTL_MS);
  const clock = options.now ?? Date.now;
  const entries = new Map<string, CacheEntry>();
  const byUrl = new Map<string, CacheEntry>();
  const generations = new Map<string, number>();
  let globalGeneration = 0;
  let bytes = 0;

  const keyOf = (centerId: string, key: string) => `${centerId}\u0000${key}`;
  function remove(k: string) {
    const entry = entries.get(k);
    if (!entry) return;
    bytes -= entry.page.body.length;
    entries.delete(k);
    for (const url of entry.aliases) if (byUrl.get(url) === entry) byUrl.delete(url);
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
      entries.set(k, { centerId, page, storedAt: clock(), aliases: [], key: k });
      bytes += page.body.length;
      for (const [oldest] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        remove(oldest);
      }
    },
    alias(centerId, key, url) {
      const entry = entries.get(keyOf(centerId, key));
      if (!entry || byUrl.get(url) === entry || entry.aliases.length >= MAX_ALIASES) return;
      const previous = byUrl.get(url);
      if (previous) previous.aliases = previous.aliases.filter((u) => u !== url);
      entry.aliases.push(url);
      byUrl.set(url, entry);
    },
    getByUrl(url) {
      const entry = byUrl.get(url);
      if (!entry) return undefined;
      if (clock() - entry.storedAt >= fastTtl) {
        // Drop the page itself, not only the alias: the route then builds it anew and aliases the fresh
        // page, instead of serving the old one the slow way until RENDER_TTL_MS.
        remove(entry.key);
        return undefined;
      }
      // Most recently used last, as in get.
      entries.delete(entry.key);
      entries.set(entry.key, entry);
      return entry;
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

/**
 * A small per-centre LRU of values that live `ttlMs` (the search result pages: 10 s, their HTTP max-age),
 * dropped with their centre like the render cache, with the same token rule for values built meanwhile.
 */
export interface ShortCache<V> {
  get(centerId: string, key: string): V | undefined;
  begin(centerId: string): string;
  set(centerId: string, key: string, value: V, token: string): void;
  dropCenter(centerId: string): void;
  clear(): void;
  readonly size: number;
}

export function createShortCache<V>(options: {
  maxEntries: number;
  ttlMs: number;
  now?: () => number;
}): ShortCache<V> {
  const clock = options.now ?? Date.now;
  const entries = new Map<string, { centerId: string; value: V; storedAt: number }>();
  const generations = new Map<string, number>();
  let globalGeneration = 0;
  const keyOf = (centerId: string, key: string) => `${centerId}\u0000${key}`;
  const tokenOf = (centerId: string) => `${globalGeneration}:${generations.get(centerId) ?? 0}`;
  return {
    get(centerId, key) {
      const k = keyOf(centerId, key);
      const entry = entries.get(k);
      if (!entry) return undefined;
      entries.delete(k);
      if (clock() - entry.storedAt >= options.ttlMs) return undefined;
      entries.set(k, entry);
      return entry.value;
    },
    begin: tokenOf,
    set(centerId, key, value, token) {
      if (token !== tokenOf(centerId)) return;
      const k = keyOf(centerId, key);
      entries.delete(k);
      entries.set(k, { centerId, value, storedAt: clock() });
      for (const [oldest] of entries) {
        if (entries.size <= options.maxEntries) break;
        entries.delete(oldest);
      }
    },
    dropCenter(centerId) {
      generations.set(centerId, (generations.get(centerId) ?? 0) + 1);
      for (const [k, entry] of entries) if (entry.centerId === centerId) entries.delete(k);
    },
    clear() {
      globalGeneration += 1;
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

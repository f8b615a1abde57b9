// Which documents a search may return, as one byte per document number (1 = may), so that the scoring
// loop filters with one array read. Masks are kept per filter (category, department, "published now") and
// updated in place on every upsert and removal, so a filtered search does not look at 100,000 documents
// to find the few thousand it may show. A "published at t" mask stays right for as long as t does not
// cross the start or end of any FAQ's publication window; it is rebuilt when it does.

/** What a document's visibility depends on. */
export interface VisibilityFacts {
  categories: ReadonlySet<string>;
  departmentId: string | null;
  published: boolean;
  /** Publication window as epoch milliseconds (−∞ / +∞ when open): start inclusive, end exclusive. */
  start: number;
  end: number;
}

/** A filter of `search` or `suggest`; empty strings count as no filter. */
export interface VisibilityFilter {
  categoryId?: string | undefined;
  departmentId?: string | undefined;
  publishedAt?: Date | undefined;
}

interface CachedMask {
  categoryId: string;
  departmentId: string;
  /** Whether the mask applies the publication rule; `at` is the moment it was computed for. */
  published: boolean;
  at: number;
  /** The mask holds for every moment in [from, until). */
  from: number;
  until: number;
  mask: Uint8Array;
}

const MAX_CACHED = 16;

/** Documents' visibility facts and the masks derived from them. */
export class VisibilityMasks {
  private facts: (VisibilityFacts | undefined)[] = [];
  /** 1 for every live document: the mask of an unfiltered search. */
  private live: Uint8Array = new Uint8Array(1024);
  private readonly cache = new Map<string, CachedMask>();

  /** Records a live document (a new number: documents are never changed in place). */
  set(n: number, facts: VisibilityFacts): void {
    this.facts[n] = facts;
    this.live = fit(this.live, n);
    this.live[n] = 1;
    for (const entry of this.cache.values()) {
      entry.mask = fit(entry.mask, n);
      entry.mask[n] = passes(facts, entry, entry.at) ? 1 : 0;
      if (entry.published && facts.published) {
        narrow(entry, facts.start);
        narrow(entry, facts.end);
      }
    }
  }

  /** Marks a document removed. */
  clear(n: number): void {
    this.facts[n] = undefined;
    if (n < this.live.length) this.live[n] = 0;
    for (const entry of this.cache.values()) if (n < entry.mask.length) entry.mask[n] = 0;
  }

  /** After compaction: `facts` under the new numbers; every cached mask is dropped. */
  reset(facts: (VisibilityFacts | undefined)[]): void {
    this.facts = [];
    this.live = new Uint8Array(Math.max(1024, facts.length * 2));
    this.cache.clear();
    facts.forEach((f, n) => {
      if (f) this.set(n, f);
    });
  }

  isLive(n: number): boolean {
    return this.live[n] === 1;
  }

  /** The mask for a filter: 1 where a live document passes it. Valid until the next `set` or `clear`. */
  mask(filter: VisibilityFilter): Uint8Array {
    const categoryId = filter.categoryId || '';
    const departmentId = filter.departmentId || '';
    const published = filter.publishedAt !== undefined;
    if (!categoryId && !departmentId && !published) return this.live;
    const at = published ? filter.publishedAt!.getTime() : 0;
    const key = `${categoryId}\u0000${departmentId}\u0000${published ? 1 : 0}`;
    const cached = this.cache.get(key);
    if (cached && (!published || (cached.from <= at && at < cached.until))) {
      // Most recently used last: the oldest is dropped first.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached.mask;
    }
    const entry: CachedMask = {
      categoryId,
      departmentId,
      published,
      at,
      from: Number.NEGATIVE_INFINITY,
      until: Number.POSITIVE_INFINITY,
      mask: new Uint8Array(this.live.length),
    };
    for (let n = 0; n < this.facts.length; n++) {
      const f = this.facts[n];
      if (!f) continue;
      if (passes(f, entry, at)) entry.mask[n] = 1;
      if (published && f.published) {
        narrow(entry, f.start);
        narrow(entry, f.end);
      }
    }
    this.cache.delete(key);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, entry);
    return entry.mask;
  }
}

function passes(f: VisibilityFacts, filter: CachedMask, at: number): boolean {
  if (filter.categoryId && !f.categories.has(filter.categoryId)) return false;
  if (filter.departmentId && f.departmentId !== filter.departmentId) return false;
  // Same rule as isPublishedAt: start inclusive, end exclusive.
  if (filter.published && (!f.published || f.start > at || f.end <= at)) return false;
  return true;
}

// A window boundary at or before the mask's moment moves its start up; one after it, its end down.
function narrow(entry: CachedMask, boundary: number): void {
  if (!Number.isFinite(boundary)) return;
  if (boundary <= entry.at) entry.from = Math.max(entry.from, boundary);
  else entry.until = Math.min(entry.until, boundary);
}

function fit(mask: Uint8Array, n: number): Uint8Array {
  if (n < mask.length) return mask;
  const grown = new Uint8Array(Math.max(n + 1, mask.length * 2));
  grown.set(mask);
  return grown;
}

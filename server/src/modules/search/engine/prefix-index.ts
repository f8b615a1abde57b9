// Sorted keys for prefix look-ups (suggestions). New keys go into a second, smaller sorted run that is
// merged into the main one (linearly, never a full re-sort) when it holds 8·√n keys: inserting into it
// and merging then cost O(√n) per key. Removed documents are skipped by the caller's `accept`.

const MIN_PENDING = 4096;
const MAX_KEY_LENGTH = 24;

/** Prefix index over (key, item, priority); items are integers the caller maps to documents. */
export class PrefixIndex {
  private keys: string[] = [];
  private items = new Int32Array(0);
  private priorities = new Float32Array(0);
  private pendingKeys: string[] = [];
  private pendingItems: number[] = [];
  private pendingPriorities: number[] = [];

  get size(): number {
    return this.keys.length + this.pendingKeys.length;
  }

  add(key: string, item: number, priority: number): void {
    if (key.length === 0) return;
    const k = key.slice(0, MAX_KEY_LENGTH);
    const at = upperBound(this.pendingKeys, k);
    this.pendingKeys.splice(at, 0, k);
    this.pendingItems.splice(at, 0, item);
    this.pendingPriorities.splice(at, 0, priority);
    if (this.pendingKeys.length >= Math.max(MIN_PENDING, 8 * Math.sqrt(this.keys.length))) this.merge();
  }

  /**
   * Items whose key starts with `prefix`, best priority first (ties: first in key order), each item once.
   * At most `scanLimit` keys per run are looked at, which bounds the cost of one-character prefixes.
   */
  find(prefix: string, limit: number, accept: (item: number) => boolean, scanLimit = 3000): number[] {
    if (prefix.length === 0) return [];
    const p = prefix.slice(0, MAX_KEY_LENGTH);
    const top = new TopItems(limit, accept);
    for (let i = lowerBound(this.keys, p), end = Math.min(this.keys.length, i + scanLimit); i < end; i++) {
      if (!this.keys[i]!.startsWith(p)) break;
      top.offer(this.items[i]!, this.priorities[i]!);
    }
    for (
      let i = lowerBound(this.pendingKeys, p), end = Math.min(this.pendingKeys.length, i + scanLimit);
      i < end;
      i++
    ) {
      if (!this.pendingKeys[i]!.startsWith(p)) break;
      top.offer(this.pendingItems[i]!, this.pendingPriorities[i]!);
    }
    return top.list();
  }

  /** Drops items `keep` rejects and renumbers the rest (after the owner compacts its document numbers). */
  remap(map: (item: number) => number | -1): void {
    this.merge();
    const keys: string[] = [];
    const items: number[] = [];
    const priorities: number[] = [];
    for (let i = 0; i < this.keys.length; i++) {
      const to = map(this.items[i]!);
      if (to < 0) continue;
      keys.push(this.keys[i]!);
      items.push(to);
      priorities.push(this.priorities[i]!);
    }
    this.keys = keys;
    this.items = Int32Array.from(items);
    this.priorities = Float32Array.from(priorities);
  }

  clear(): void {
    this.keys = [];
    this.items = new Int32Array(0);
    this.priorities = new Float32Array(0);
    this.pendingKeys = [];
    this.pendingItems = [];
    this.pendingPriorities = [];
  }

  /** Merges the pending run into the main arrays (linear). */
  merge(): void {
    const n = this.pendingKeys.length;
    if (n === 0) return;
    const total = this.keys.length + n;
    const keys: string[] = new Array(total);
    const items = new Int32Array(total);
    const priorities = new Float32Array(total);
    let i = 0;
    let j = 0;
    for (let k = 0; k < total; k++) {
      const takeMain = j >= n || (i < this.keys.length && compare(this.keys[i]!, this.pendingKeys[j]!) <= 0);
      if (takeMain) {
        keys[k] = this.keys[i]!;
        items[k] = this.items[i]!;
        priorities[k] = this.priorities[i]!;
        i++;
      } else {
        keys[k] = this.pendingKeys[j]!;
        items[k] = this.pendingItems[j]!;
        priorities[k] = this.pendingPriorities[j]!;
        j++;
      }
    }
    this.keys = keys;
    this.items = items;
    this.priorities = priorities;
    this.pendingKeys = [];
    this.pendingItems = [];
    this.pendingPriorities = [];
  }
}

// The best `limit` distinct items seen so far; `accept` is asked only for items that would get in.
class TopItems {
  private readonly items: number[] = [];
  private readonly priorities: number[] = [];
  private readonly rejected = new Set<number>();
  private readonly limit: number;
  private readonly accept: (item: number) => boolean;

  constructor(limit: number, accept: (item: number) => boolean) {
    this.limit = limit;
    this.accept = accept;
  }

  offer(item: number, priority: number): void {
    const full = this.items.length >= this.limit;
    if (full && priority <= this.priorities[this.priorities.length - 1]!) return;
    const at = this.items.indexOf(item);
    if (at >= 0) {
      if (priority <= this.priorities[at]!) return;
      this.items.splice(at, 1);
      this.priorities.splice(at, 1);
    } else {
      if (this.rejected.has(item)) return;
      if (!this.accept(item)) {
        this.rejected.add(item);
        return;
      }
      if (full) {
        this.items.pop();
        this.priorities.pop();
      }
    }
    let i = this.items.length;
    while (i > 0 && this.priorities[i - 1]! < priority) i--;
    this.items.splice(i, 0, item);
    this.priorities.splice(i, 0, priority);
  }

  list(): number[] {
    return [...this.items];
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function upperBound(keys: string[], p: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! <= p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(keys: string[], p: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

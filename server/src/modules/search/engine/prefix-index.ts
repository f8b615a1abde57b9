// Sorted keys for prefix look-ups (suggestions), kept as a list of sorted blocks of at most 2·BLOCK keys
// (split in two when full): inserting a key costs a binary search and a splice inside one block, whatever
// the size of the index, and a look-up reads the blocks in order. (One sorted array with a merged side run
// cost O(√n) per key and dominated building an index of 100,000 FAQs.) Removed documents are skipped by
// the caller's `accept`.

const BLOCK = 128;
const MAX_KEY_LENGTH = 24;

interface Block {
  keys: string[];
  items: number[];
  priorities: number[];
}

/** Prefix index over (key, item, priority); items are integers the caller maps to documents. */
export class PrefixIndex {
  private blocks: Block[] = [];
  /** The first key of each block, for finding the block of a key. */
  private firsts: string[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(key: string, item: number, priority: number): void {
    if (key.length === 0) return;
    const k = key.slice(0, MAX_KEY_LENGTH);
    if (this.blocks.length === 0) {
      this.blocks.push({ keys: [], items: [], priorities: [] });
      this.firsts.push(k);
    }
    // The last block whose first key is ≤ k; equal keys go after the ones already there.
    const b = Math.max(0, upperBound(this.firsts, k) - 1);
    const block = this.blocks[b]!;
    const at = upperBound(block.keys, k);
    block.keys.splice(at, 0, k);
    block.items.splice(at, 0, item);
    // Priorities are kept in single precision, as they always were.
    block.priorities.splice(at, 0, Math.fround(priority));
    if (at === 0) this.firsts[b] = k;
    this.count++;
    if (block.keys.length > 2 * BLOCK) {
      const tail: Block = {
        keys: block.keys.splice(BLOCK),
        items: block.items.splice(BLOCK),
        priorities: block.priorities.splice(BLOCK),
      };
      this.blocks.splice(b + 1, 0, tail);
      this.firsts.splice(b + 1, 0, tail.keys[0]!);
    }
  }

  /**
   * Items whose key starts with `prefix`, best priority first (ties: first in key order), each item once.
   * At most `scanLimit` keys are looked at, which bounds the cost of one-character prefixes.
   */
  find(prefix: string, limit: number, accept: (item: number) => boolean, scanLimit = 3000): number[] {
    if (prefix.length === 0 || this.blocks.length === 0) return [];
    const p = prefix.slice(0, MAX_KEY_LENGTH);
    const top = new TopItems(limit, accept);
    // Keys ≥ p start in the last block whose first key is < p (or in the first block).
    let b = Math.max(0, lowerBound(this.firsts, p) - 1);
    let i = lowerBound(this.blocks[b]!.keys, p);
    let scanned = 0;
    for (; b < this.blocks.length; b++, i = 0) {
      const { keys, items, priorities } = this.blocks[b]!;
      for (; i < keys.length; i++) {
        if (scanned++ >= scanLimit || !keys[i]!.startsWith(p)) return top.list();
        top.offer(items[i]!, priorities[i]!);
      }
    }
    return top.list();
  }

  /** Drops items `keep` rejects and renumbers the rest (after the owner compacts its document numbers). */
  remap(map: (item: number) => number | -1): void {
    const blocks: Block[] = [];
    let current: Block = { keys: [], items: [], priorities: [] };
    let count = 0;
    for (const block of this.blocks) {
      for (let i = 0; i < block.keys.length; i++) {
        const to = map(block.items[i]!);
        if (to < 0) continue;
        current.keys.push(block.keys[i]!);
        current.items.push(to);
        current.priorities.push(block.priorities[i]!);
        count++;
        if (current.keys.length === BLOCK) {
          blocks.push(current);
          current = { keys: [], items: [], priorities: [] };
        }
      }
    }
    if (current.keys.length > 0) blocks.push(current);
    this.blocks = blocks;
    this.firsts = blocks.map((block) => block.keys[0]!);
    this.count = count;
  }

  clear(): void {
    this.blocks = [];
    this.firsts = [];
    this.count = 0;
  }

  /** Kept for callers that finish a batch of `add`s; blocks need no merging. */
  merge(): void {}
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

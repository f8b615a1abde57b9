// Noun compounds of FAQ questions, phrasings and keywords, for "did you mean": a query compound that no
// FAQ uses is compared with known compounds by reading (住民表 → 住民票) and by edit distance.

interface Entry {
  surface: string;
  reading: string;
  count: number;
}

/** Known compounds with document counts, searchable by reading and by near spelling. */
export class Vocabulary {
  private readonly entries = new Map<string, Entry>();
  private readonly byReading = new Map<string, Set<string>>();
  private readonly keyGrams = new Map<string, Set<string>>();
  private readonly readingGrams = new Map<string, Set<string>>();

  has(key: string): boolean {
    return (this.entries.get(key)?.count ?? 0) > 0;
  }

  add(key: string, surface: string, reading: string): void {
    const entry = this.entries.get(key);
    if (entry) {
      entry.count++;
      return;
    }
    this.entries.set(key, { surface, reading, count: 1 });
    addTo(this.byReading, reading, key);
    for (const g of grams(key)) addTo(this.keyGrams, g, key);
    for (const g of grams(reading)) addTo(this.readingGrams, g, key);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.count--;
    if (entry.count > 0) return;
    this.entries.delete(key);
    removeFrom(this.byReading, entry.reading, key);
    for (const g of grams(key)) removeFrom(this.keyGrams, g, key);
    for (const g of grams(entry.reading)) removeFrom(this.readingGrams, g, key);
  }

  /** The best known compound for an unknown one: same reading first, then the fewest edits, then the most used. */
  correct(key: string, reading: string): string | null {
    let best: { surface: string; rank: number; count: number } | null = null;
    const consider = (candidate: string, rank: number) => {
      if (candidate === key) return;
      const entry = this.entries.get(candidate);
      if (!entry) return;
      if (!best || rank < best.rank || (rank === best.rank && entry.count > best.count)) {
        best = { surface: entry.surface, rank, count: entry.count };
      }
    };
    for (const candidate of this.byReading.get(reading) ?? []) consider(candidate, 0);
    if (best) return (best as { surface: string }).surface;

    const keyLength = [...key].length;
    if (keyLength >= 3) {
      const limit = keyLength >= 6 ? 2 : 1;
      for (const candidate of candidates(this.keyGrams, key)) {
        const d = editDistance(key, candidate, limit);
        if (d <= limit) consider(candidate, d);
      }
    }
    if (reading.length >= 4) {
      const limit = reading.length >= 8 ? 2 : 1;
      for (const candidate of candidates(this.readingGrams, reading)) {
        const entry = this.entries.get(candidate);
        if (!entry) continue;
        const d = editDistance(reading, entry.reading, limit);
        if (d <= limit) consider(candidate, d + 0.5);
      }
    }
    return best ? (best as { surface: string }).surface : null;
  }
}

function grams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

// Candidates share at least one bigram; common bigrams are skipped and the set is capped, which keeps
// the look-up well under a millisecond on a large index.
function candidates(index: Map<string, Set<string>>, s: string): Set<string> {
  const out = new Set<string>();
  for (const g of grams(s)) {
    const set = index.get(g);
    if (!set || set.size > 300) continue;
    for (const c of set) {
      out.add(c);
      if (out.size >= 1000) return out;
    }
  }
  return out;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

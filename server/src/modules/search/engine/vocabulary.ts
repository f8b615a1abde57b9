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
      for (const candidate of candidates(this.keyGrams, key, limit)) {
        if (Math.abs(candidate.length - key.length) > limit) continue;
        const d = editDistance(key, candidate, limit);
        if (d <= limit) consider(candidate, d);
      }
    }
    if (reading.length >= 4) {
      const limit = reading.length >= 8 ? 2 : 1;
      for (const candidate of candidates(this.readingGrams, reading, limit)) {
        const entry = this.entries.get(candidate);
        if (!entry || Math.abs(entry.reading.length - reading.length) > limit) continue;
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

// The q-gram filter: within `limit` edits a string keeps all but 2 × limit of its bigrams, so only
// compounds sharing that many are compared. Very common bigrams are not followed (they would nominate
// hundreds of compounds and carry little).
function candidates(index: Map<string, Set<string>>, s: string, limit: number): string[] {
  const all = grams(s);
  const needed = Math.max(1, all.length - 2 * limit);
  const counts = new Map<string, number>();
  let skipped = 0;
  for (const g of new Set(all)) {
    const set = index.get(g);
    if (!set) continue;
    if (set.size > 300) {
      skipped++;
      continue;
    }
    for (const c of set) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const out: string[] = [];
  for (const [c, n] of counts) if (n + skipped >= needed) out.push(c);
  return out.length > 500 ? [] : out;
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
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

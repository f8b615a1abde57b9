// Learning from use as nearest neighbours: each past inquiry wording linked to an FAQ is kept as its own
// small entry, and a query scores an FAQ by its most similar wording (idf-weighted Dice over words and
// bigrams). One shared word with a past inquiry (ごみ, 相談) is weak evidence; a near rewording is strong.
//
// Terms are numbered, and a wording (its terms in order) is stored once with the FAQs it is linked to:
// at 100,000 FAQs a query meets thousands of entries, and a Map look-up per term of each was most of the
// time of a search. Candidates are taken in ascending order, so their terms are read front to back.

// Terms in more than this share of the entries only add to a similarity; they do not nominate candidates.
const MAX_NOMINATING_SHARE = 0.05;

/** The best similarity per document, documents ascending (arrays are reused by the next `match`). */
export interface EvidenceMatches {
  docs: Int32Array;
  sims: Float64Array;
  count: number;
}

/** Past inquiry wordings, each attached to a document number. */
export class EvidenceIndex {
  private readonly termIds = new Map<string, number>();
  private termKeys: string[] = [];
  /** Per term: the wordings that have it, and how many entries (wording × owner) do. */
  private postings: number[][] = [];
  private termEntries: number[] = [];
  private readonly wordingIds = new Map<string, number>();
  private wordingCount = 0;
  /** Wording w's terms are wordingTerms[termStart[w] .. termStart[w + 1]), in order of first occurrence. */
  private termStart = new Int32Array(65);
  private wordingTerms = new Int32Array(256);
  private owners: number[][] = [];
  private entryCount = 0;
  private maxOwner = 0;
  // Each wording's total term weight, and the epoch it was computed in: term weights (idf) drift slowly as
  // FAQs come and go, so the caller moves to a new epoch when the collection has grown or shrunk by 10 %.
  private masses = new Float64Array(64);
  private epochs = new Int32Array(64).fill(-1);

  // Scratch for `match`, stamped so that nothing is cleared between queries.
  private stamp = 0;
  private termStamp = new Uint32Array(0);
  private termWeight = new Float64Array(0);
  private queryStamp = new Uint32Array(0);
  private queryWeight = new Float64Array(0);
  private wordingStamp = new Uint32Array(0);
  private ownerStamp = new Uint32Array(0);
  private ownerSim = new Float64Array(0);
  private candidates = new Int32Array(0);
  private readonly out: EvidenceMatches = { docs: new Int32Array(0), sims: new Float64Array(0), count: 0 };

  /** Number of entries (a wording linked to one document). */
  get size(): number {
    return this.entryCount;
  }

  add(owner: number, terms: readonly string[]): void {
    if (terms.length === 0) return;
    const ids = [...new Set(terms)].map((key) => {
      let t = this.termIds.get(key);
      if (t === undefined) {
        t = this.termKeys.length;
        this.termIds.set(key, t);
        this.termKeys.push(key);
        this.postings.push([]);
        this.termEntries.push(0);
      }
      return t;
    });
    const key = ids.join(',');
    let w = this.wordingIds.get(key);
    if (w === undefined) {
      w = this.wordingCount++;
      this.wordingIds.set(key, w);
      if (w + 1 >= this.masses.length) {
        const size = this.masses.length * 2;
        this.termStart = grow(this.termStart, size + 1);
        this.masses = grow(this.masses, size);
        const epochs = new Int32Array(size).fill(-1);
        epochs.set(this.epochs);
        this.epochs = epochs;
      }
      const at = this.termStart[w]!;
      if (at + ids.length > this.wordingTerms.length)
        this.wordingTerms = grow(this.wordingTerms, Math.max(at + ids.length, this.wordingTerms.length * 2));
      this.wordingTerms.set(ids, at);
      this.termStart[w + 1] = at + ids.length;
      this.masses[w] = 0;
      this.epochs[w] = -1;
      this.owners.push([]);
      for (const t of ids) this.postings[t]!.push(w);
    }
    this.owners[w]!.push(owner);
    for (const t of ids) this.termEntries[t]!++;
    if (owner > this.maxOwner) this.maxOwner = owner;
    this.entryCount++;
  }

  /**
   * The best similarity (0–1) of any wording of each document to the query. `weight` gives a term's
   * weight (its idf in the whole collection); `alive` rejects removed documents.
   */
  match(
    query: readonly string[],
    weight: (key: string) => number,
    alive: (owner: number) => boolean,
    epoch: number,
  ): EvidenceMatches {
    const out = this.out;
    out.count = 0;
    if (this.entryCount === 0) return out;
    this.prepareScratch();
    const stamp = this.nextStamp();
    const { termStamp, termWeight, queryStamp, queryWeight, wordingStamp, ownerStamp, ownerSim } = this;
    const weightOf = (t: number) => {
      if (termStamp[t] !== stamp) {
        termStamp[t] = stamp;
        termWeight[t] = weight(this.termKeys[t]!);
      }
      return termWeight[t]!;
    };
    let queryMass = 0;
    const queryTerms: number[] = [];
    for (const key of new Set(query)) {
      const t = this.termIds.get(key);
      if (t === undefined) {
        // Not in any entry: counts in the query's mass only.
        queryMass += weight(key);
        continue;
      }
      const w = weightOf(t);
      queryStamp[t] = stamp;
      queryWeight[t] = w;
      queryMass += w;
      queryTerms.push(t);
    }
    let candidates = this.candidates;
    let n = 0;
    const nominating = Math.max(20, this.entryCount * MAX_NOMINATING_SHARE);
    for (const t of queryTerms) {
      if (this.termEntries[t]! > nominating) continue;
      for (const w of this.postings[t]!) {
        if (wordingStamp[w] === stamp) continue;
        wordingStamp[w] = stamp;
        if (n === candidates.length) {
          candidates = grow(candidates, Math.max(64, n * 2));
          this.candidates = candidates;
        }
        candidates[n++] = w;
      }
    }
    candidates.subarray(0, n).sort();
    let owners = 0;
    let ownerList = this.out.docs;
    for (let c = 0; c < n; c++) {
      const w = candidates[c]!;
      const from = this.termStart[w]!;
      const to = this.termStart[w + 1]!;
      let sim = -1;
      for (const owner of this.owners[w]!) {
        if (!alive(owner)) continue;
        if (sim < 0) {
          if (this.epochs[w] !== epoch) {
            let mass = 0;
            for (let i = from; i < to; i++) mass += weightOf(this.wordingTerms[i]!);
            this.masses[w] = mass;
            this.epochs[w] = epoch;
          }
          let shared = 0;
          for (let i = from; i < to; i++) {
            const t = this.wordingTerms[i]!;
            shared += queryStamp[t] === stamp ? queryWeight[t]! : 0;
          }
          sim = (2 * shared) / (queryMass + this.masses[w]!);
          if (!(sim > 0)) break;
        }
        if (ownerStamp[owner] !== stamp) {
          ownerStamp[owner] = stamp;
          ownerSim[owner] = sim;
          if (owners === ownerList.length) {
            ownerList = grow(ownerList, Math.max(64, owners * 2));
            this.out.docs = ownerList;
          }
          ownerList[owners++] = owner;
        } else if (sim > ownerSim[owner]!) ownerSim[owner] = sim;
      }
    }
    const docs = ownerList.subarray(0, owners).sort();
    if (out.sims.length < owners) out.sims = new Float64Array(Math.max(owners, out.sims.length * 2));
    for (let i = 0; i < owners; i++) out.sims[i] = ownerSim[docs[i]!]!;
    out.count = owners;
    return out;
  }

  /** Keeps entries of live documents under their new numbers. */
  remap(map: Int32Array): void {
    const old = {
      count: this.wordingCount,
      owners: this.owners,
      termStart: this.termStart,
      terms: this.wordingTerms,
    };
    const keys = this.termKeys;
    this.termIds.clear();
    this.termKeys = [];
    this.postings = [];
    this.termEntries = [];
    this.wordingIds.clear();
    this.wordingCount = 0;
    this.termStart = new Int32Array(65);
    this.wordingTerms = new Int32Array(256);
    this.owners = [];
    this.entryCount = 0;
    this.maxOwner = 0;
    this.masses = new Float64Array(64);
    this.epochs = new Int32Array(64).fill(-1);
    for (let w = 0; w < old.count; w++) {
      const terms: string[] = [];
      for (let i = old.termStart[w]!; i < old.termStart[w + 1]!; i++) terms.push(keys[old.terms[i]!]!);
      for (const owner of old.owners[w]!) {
        const to = owner < map.length ? map[owner]! : -1;
        if (to >= 0) this.add(to, terms);
      }
    }
  }

  private prepareScratch(): void {
    const terms = this.termKeys.length;
    if (this.termStamp.length < terms) {
      const size = Math.max(terms, this.termStamp.length * 2);
      this.termStamp = grow(this.termStamp, size);
      this.termWeight = grow(this.termWeight, size);
      this.queryStamp = grow(this.queryStamp, size);
      this.queryWeight = grow(this.queryWeight, size);
    }
    if (this.wordingStamp.length < this.wordingCount)
      this.wordingStamp = grow(this.wordingStamp, Math.max(this.wordingCount, this.wordingStamp.length * 2));
    if (this.ownerStamp.length <= this.maxOwner) {
      const size = Math.max(this.maxOwner + 1, this.ownerStamp.length * 2);
      this.ownerStamp = grow(this.ownerStamp, size);
      this.ownerSim = grow(this.ownerSim, size);
    }
  }

  private nextStamp(): number {
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      for (const a of [this.termStamp, this.queryStamp, this.wordingStamp, this.ownerStamp]) a.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }
}

function grow<T extends Int32Array | Uint32Array | Float64Array>(array: T, size: number): T {
  const out = new (array.constructor as new (n: number) => T)(size);
  out.set(array);
  return out;
}

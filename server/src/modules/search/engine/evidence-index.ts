// Learning from use as nearest neighbours: each past inquiry wording linked to an FAQ is kept as its own
// small entry, and a query scores an FAQ by its most similar wording (idf-weighted Dice over words and
// bigrams). One shared word with a past inquiry (ごみ, 相談) is weak evidence; a near rewording is strong.

// Terms in more than this share of the entries only add to a similarity; they do not nominate candidates.
const MAX_NOMINATING_SHARE = 0.05;

/** Past inquiry wordings, each attached to a document number. */
export class EvidenceIndex {
  private owners: number[] = [];
  private terms: string[][] = [];
  // Each entry's total term weight, and the epoch it was computed in: term weights (idf) drift slowly as
  // FAQs come and go, so the caller moves to a new epoch when the collection has grown or shrunk by 10 %.
  private masses: number[] = [];
  private epochs: number[] = [];
  private postings = new Map<string, number[]>();

  get size(): number {
    return this.owners.length;
  }

  add(owner: number, terms: string[]): void {
    if (terms.length === 0) return;
    const id = this.owners.length;
    const unique = [...new Set(terms)];
    this.owners.push(owner);
    this.terms.push(unique);
    this.masses.push(0);
    this.epochs.push(-1);
    for (const t of unique) {
      let list = this.postings.get(t);
      if (!list) {
        list = [];
        this.postings.set(t, list);
      }
      list.push(id);
    }
  }

  /**
   * The best similarity (0–1) of any wording of each document to the query. `weight` gives a term's
   * weight (its idf in the whole collection); `alive` rejects removed documents.
   */
  match(
    query: string[],
    weight: (key: string) => number,
    alive: (owner: number) => boolean,
    epoch: number,
  ): Map<number, number> {
    const best = new Map<number, number>();
    if (this.owners.length === 0) return best;
    const weights = new Map<string, number>();
    const weightOf = (key: string) => {
      let w = weights.get(key);
      if (w === undefined) {
        w = weight(key);
        weights.set(key, w);
      }
      return w;
    };
    const queryWeights = new Map<string, number>();
    let queryMass = 0;
    for (const t of new Set(query)) {
      const w = weightOf(t);
      queryWeights.set(t, w);
      queryMass += w;
    }
    const candidates = new Set<number>();
    const nominating = Math.max(20, this.owners.length * MAX_NOMINATING_SHARE);
    for (const t of queryWeights.keys()) {
      const list = this.postings.get(t);
      if (!list || list.length > nominating) continue;
      for (const id of list) candidates.add(id);
    }
    for (const id of candidates) {
      const owner = this.owners[id]!;
      if (!alive(owner)) continue;
      if (this.epochs[id] !== epoch) {
        let mass = 0;
        for (const t of this.terms[id]!) mass += weightOf(t);
        this.masses[id] = mass;
        this.epochs[id] = epoch;
      }
      const entryMass = this.masses[id]!;
      let shared = 0;
      for (const t of this.terms[id]!) shared += queryWeights.get(t) ?? 0;
      const sim = (2 * shared) / (queryMass + entryMass);
      if (sim > (best.get(owner) ?? 0)) best.set(owner, sim);
    }
    return best;
  }

  /** Keeps entries of live documents under their new numbers. */
  remap(map: Int32Array): void {
    const owners = this.owners;
    const terms = this.terms;
    this.owners = [];
    this.terms = [];
    this.masses = [];
    this.epochs = [];
    this.postings = new Map();
    owners.forEach((owner, id) => {
      const to = owner < map.length ? map[owner]! : -1;
      if (to >= 0) this.add(to, terms[id]!);
    });
  }
}

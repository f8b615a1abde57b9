// Exact top-k retrieval over BM25 posting lists: MaxScore, a window of document numbers at a time.
//
// Each posting list ("unit": one query term seen through one channel) has an upper bound on what it adds
// to any score. Documents are taken in windows of WINDOW numbers. Once the k-th best score so far (θ)
// exceeds the sum of the bounds of the last lists (in the units' order), those lists become
// "non-essential": a document found only in them cannot reach θ, so they are no longer walked, only
// probed for the documents the essential lists brought up. A candidate is dropped as soon as its score so
// far plus the bounds of the lists still to probe falls below θ. Walking a window adds into a small
// accumulator that stays in the CPU cache (the old whole-index arrays of scores missed it on every
// posting), and each posting carries its document's field length, so BM25's length norm is a look-up in a
// per-query table instead of a division and a random read.
//
// The result is the top k of scoring every posting: same documents, same order, same scores, because a
// document that is scored at all gets its contributions added in one fixed order (the units' order), as
// the exhaustive reference (`topKExhaustive`, used by the tests) does.
//
// Past inquiries ("evidence") add weight × similarity^power × (best text score) to a document. θ is the
// k-th best text score, a lower bound of the k-th final score, so the walk prunes on text alone and
// remembers, for each document with evidence that it dropped, a bound of its text score. Afterwards the
// best text score is known (the document that has it is never pruned), and the dropped documents whose
// bound plus evidence can still reach the final top k are scored in full.

/** One posting list seen through one channel's BM25. */
export interface ScoringUnit {
  docs: Int32Array;
  tfs: Uint16Array;
  /** Each posting's document's field length in the channel (terms, at most 65535). */
  lens: Uint16Array;
  /** Postings in use (the arrays may be longer). */
  length: number;
  /** BM25's K = k1 × (1 − b + b × length / avg) for each field length of the channel. */
  norm: Float64Array;
  /** A posting adds factor × tf / (tf + K). */
  factor: number;
  /** At least as much as any posting of the list adds. */
  bound: number;
}

/** Documents (ascending) with the similarity of their nearest past inquiry. */
export interface EvidenceInput {
  docs: Int32Array;
  sims: Float64Array;
  count: number;
  weight: number;
  power: number;
}

/** The top documents, best first, and their scores. */
export interface Ranked {
  docs: number[];
  scores: number[];
}

/** The score one posting adds: the one formula both the pruned and the exhaustive path use. */
export function contribution(u: ScoringUnit, r: number): number {
  const tf = u.tfs[r]!;
  return (u.factor * tf) / (tf + u.norm[u.lens[r]!]!);
}

/** Inflates a computed bound so that rounding can never make it smaller than what it bounds. */
export const BOUND_SLACK = 1 + 1e-9;

const WINDOW = 8192;
const ESSENTIAL_SHARE = 0.5;

/** Reusable buffers for top-k retrieval over one index (not re-entrant; searches run one at a time). */
export class TopKScorer {
  private readonly acc = new Float64Array(WINDOW);
  private readonly evidenceSlot = new Int32Array(WINDOW);
  private readonly candidateDocs = new Int32Array(WINDOW);
  private readonly candidateScores = new Float64Array(WINDOW);
  private readonly candidateEvidence = new Int32Array(WINDOW);
  private readonly candidateSlot = new Int32Array(WINDOW);
  private readonly touched = new Int32Array(WINDOW >> 5);
  /** Postings walked plus postings probed by the last `topK`, and the postings of its units: what pruning saved. */
  work = 0;
  postings = 0;

  /**
   * The `k` best documents among those with `accepted[d] === 1` (documents below `size`); ties go to the
   * lower document number. `units` must come in the order their contributions are to be added.
   */
  topK(
    units: readonly ScoringUnit[],
    k: number,
    accepted: Uint8Array,
    size: number,
    evidence: EvidenceInput | null,
  ): Ranked {
    const m = units.length;
    // rest[j]: the most that units j … m − 1 can add together.
    const rest = new Float64Array(m + 1);
    for (let j = m - 1; j >= 0; j--) rest[j] = rest[j + 1]! + units[j]!.bound;
    const cursor = new Int32Array(m);
    const heap = new TextHeap(k);
    // Evidence only ever adds (a weight ≤ 0 counts as none): final scores are at least text scores.
    const ev = evidence && evidence.weight > 0 && evidence.count > 0 ? evidence : null;
    const evCount = ev ? ev.count : 0;
    // Per document with evidence: its text score once scored in full (else −1), and a bound of it.
    const evidenceText = new Float64Array(evCount).fill(-1);
    const evidenceBound = new Float64Array(evCount).fill(rest[0]!);

    const { acc, evidenceSlot, candidateDocs, candidateScores, candidateEvidence, candidateSlot, touched } =
      this;
    let theta = 0;
    let work = 0;
    let essential = m;
    let evNext = 0;
    for (let w0 = 0; w0 < size; w0 += WINDOW) {
      const w1 = Math.min(size, w0 + WINDOW);
      // MaxScore proper would keep walking only until the lists left could not make θ together; keeping
      // them walked until they could not make half of it costs a little more walking (cheap: in order, in
      // cache) and far fewer candidates to probe one by one (nearly every document the walk reaches passes
      // "score + the rest ≥ θ" when the rest is just under θ). Measured on the 100,000-FAQ corpus.
      while (essential > 0 && rest[essential - 1]! < theta * ESSENTIAL_SHARE) essential--;
      // No document can reach θ any more (documents with evidence are seen to after the walk).
      if (essential === 0) break;

      for (let j = 0; j < essential; j++) {
        const { docs, tfs, lens, norm, factor } = units[j]!;
        const n = units[j]!.length;
        let r = cursor[j]!;
        const from = r;
        for (; r < n; r++) {
          const d = docs[r]!;
          if (d >= w1) break;
          const tf = tfs[r]!;
          const i = d - w0;
          acc[i]! += (factor * tf) / (tf + norm[lens[r]!]!);
          touched[i >> 5]! |= 1 << (i & 31);
        }
        work += r - from;
        cursor[j] = r;
      }
      const restAfter = rest[essential]!;
      const evFrom = evNext;
      if (ev) {
        while (evNext < evCount && ev.docs[evNext]! < w1) {
          const i = ev.docs[evNext]! - w0;
          evidenceSlot[i] = evNext + 1;
          evidenceBound[evNext] = acc[i]! + restAfter;
          evNext++;
        }
      }

      // Candidates: documents the essential lists reached that can still make θ.
      let c = 0;
      const words = (w1 - w0 + 31) >> 5;
      for (let w = 0; w < words; w++) {
        let word = touched[w]!;
        if (word === 0) continue;
        touched[w] = 0;
        do {
          const low = word & -word;
          word ^= low;
          const i = (w << 5) | (31 - Math.clz32(low));
          const s = acc[i]!;
          acc[i] = 0;
          const d = w0 + i;
          if (accepted[d] !== 1 || s + restAfter < theta) continue;
          candidateDocs[c] = d;
          candidateScores[c] = s;
          candidateEvidence[c] = evidenceSlot[i]!;
          c++;
        } while (word !== 0);
      }
      for (let e = evFrom; e < evNext; e++) evidenceSlot[ev!.docs[e]! - w0] = 0;

      // Non-essential lists, probed for the candidates only, in the same order: each candidate looked up
      // (galloping) when they are few, else the list's stretch in the window walked against a slot map.
      for (let x = 0; x < c; x++) candidateSlot[candidateDocs[x]! - w0] = x + 1;
      for (let j = essential; j < m && c > 0; j++) {
        if (theta > 0) {
          const bound = rest[j]!;
          let kept = 0;
          for (let x = 0; x < c; x++) {
            const s = candidateScores[x]!;
            const d = candidateDocs[x]!;
            if (s + bound < theta) {
              const e = candidateEvidence[x]!;
              if (e > 0) evidenceBound[e - 1] = s + bound;
              candidateSlot[d - w0] = 0;
              continue;
            }
            candidateDocs[kept] = d;
            candidateScores[kept] = s;
            candidateEvidence[kept] = candidateEvidence[x]!;
            candidateSlot[d - w0] = kept + 1;
            kept++;
          }
          c = kept;
          if (c === 0) break;
        }
        const { docs, tfs, lens, norm, factor } = units[j]!;
        const n = units[j]!.length;
        let r = cursor[j]!;
        const end = gallop(docs, r, n, w1);
        if (c * 4 < end - r) {
          work += c;
          for (let x = 0; x < c; x++) {
            const d = candidateDocs[x]!;
            r = gallop(docs, r, end, d);
            if (r < end && docs[r] === d) {
              const tf = tfs[r]!;
              candidateScores[x]! += (factor * tf) / (tf + norm[lens[r]!]!);
            }
          }
        } else {
          work += end - r;
          for (; r < end; r++) {
            const x = candidateSlot[docs[r]! - w0]!;
            if (x === 0) continue;
            const tf = tfs[r]!;
            candidateScores[x - 1]! += (factor * tf) / (tf + norm[lens[r]!]!);
          }
        }
        cursor[j] = end;
      }
      for (let x = 0; x < c; x++) candidateSlot[candidateDocs[x]! - w0] = 0;

      for (let x = 0; x < c; x++) {
        heap.offer(candidateDocs[x]!, candidateScores[x]!);
        const e = candidateEvidence[x]!;
        if (e > 0) evidenceText[e - 1] = candidateScores[x]!;
      }
      theta = heap.threshold();
    }

    // The best text score is now known: it is in the heap (a document scoring it is never pruned).
    let best = heap.best();
    if (best === 0) best = 1;
    const finals = new FinalTop(k);
    // weight × similarity^power, times the best text score: the evidence part of a final score.
    const lift = (e: number) => ev!.weight * ev!.sims[e]! ** ev!.power;
    const withEvidence = new Set<number>();
    for (let e = 0; e < evCount; e++) {
      if (evidenceText[e]! < 0) continue;
      finals.offer(ev!.docs[e]!, evidenceText[e]! + lift(e) * best);
      withEvidence.add(ev!.docs[e]!);
    }
    for (let i = 0; i < heap.size; i++) {
      if (!withEvidence.has(heap.docs[i]!)) finals.offer(heap.docs[i]!, heap.scores[i]!);
    }
    // Documents with evidence that the walk left out: scored in full (ascending, one cursor per list) only
    // if their bound can still make the top k.
    const pending: number[] = [];
    // similarity ≤ 1, so weight × best bounds the evidence part without the power.
    const mostLift = evCount > 0 ? ev!.weight * best : 0;
    for (let e = 0; e < evCount; e++) {
      if (evidenceText[e]! >= 0 || accepted[ev!.docs[e]!] !== 1) continue;
      const threshold = finals.threshold();
      if (evidenceBound[e]! + mostLift < threshold) continue;
      if (evidenceBound[e]! + lift(e) * best >= threshold) pending.push(e);
    }
    if (pending.length > 0) {
      const texts = new Float64Array(pending.length);
      for (let j = 0; j < m; j++) {
        const u = units[j]!;
        let r = 0;
        for (let p = 0; p < pending.length; p++) {
          const d = ev!.docs[pending[p]!]!;
          r = gallop(u.docs, r, u.length, d);
          if (r < u.length && u.docs[r] === d) texts[p]! += contribution(u, r);
        }
      }
      work += m * pending.length;
      for (let p = 0; p < pending.length; p++) {
        finals.offer(ev!.docs[pending[p]!]!, texts[p]! + lift(pending[p]!) * best);
      }
    }
    this.work = work;
    this.postings = 0;
    for (const u of units) this.postings += u.length;
    return finals.list();
  }
}

// The k best final scores (ties: lower document first); a sorted array, since k is small.
class FinalTop {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];
  private readonly k: number;

  constructor(k: number) {
    this.k = k;
  }

  /** What a document must reach to get in (equal scores may still win on document order). */
  threshold(): number {
    return this.docs.length < this.k ? Number.NEGATIVE_INFINITY : this.scores[this.k - 1]!;
  }

  offer(d: number, s: number): void {
    const n = this.docs.length;
    if (n === this.k && weaker(s, d, this.scores[n - 1]!, this.docs[n - 1]!)) return;
    let i = n;
    while (i > 0 && weaker(this.scores[i - 1]!, this.docs[i - 1]!, s, d)) i--;
    this.docs.splice(i, 0, d);
    this.scores.splice(i, 0, s);
    if (this.docs.length > this.k) {
      this.docs.pop();
      this.scores.pop();
    }
  }

  list(): Ranked {
    return { docs: [...this.docs], scores: [...this.scores] };
  }
}

/**
 * The reference: every posting of every unit scored, in the same order. Tests compare the pruned path
 * with it; nothing else should need it.
 */
export function topKExhaustive(
  units: readonly ScoringUnit[],
  k: number,
  accepted: Uint8Array,
  size: number,
  evidence: EvidenceInput | null,
): Ranked {
  const scores = new Float64Array(size);
  const seen = new Uint8Array(size);
  for (const u of units) {
    for (let r = 0; r < u.length; r++) {
      const d = u.docs[r]!;
      scores[d]! += contribution(u, r);
      seen[d] = 1;
    }
  }
  let best = 0;
  for (let d = 0; d < size; d++) if (accepted[d] === 1 && scores[d]! > best) best = scores[d]!;
  if (best === 0) best = 1;
  if (evidence && evidence.weight > 0) {
    for (let i = 0; i < evidence.count; i++) {
      const d = evidence.docs[i]!;
      scores[d]! += evidence.weight * evidence.sims[i]! ** evidence.power * best;
      seen[d] = 1;
    }
  }
  const all: number[] = [];
  for (let d = 0; d < size; d++) if (seen[d] === 1 && accepted[d] === 1) all.push(d);
  all.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const top = all.slice(0, k);
  return { docs: top, scores: top.map((d) => scores[d]!) };
}

// The k best (document, text score) pairs so far; the root is the weakest (lowest score, then the higher
// document number, which loses ties).
class TextHeap {
  readonly docs: Int32Array;
  readonly scores: Float64Array;
  size = 0;
  private readonly k: number;

  constructor(k: number) {
    this.k = k;
    this.docs = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** The k-th best score once there are k (a document must beat it to get in), else 0. */
  threshold(): number {
    return this.size === this.k ? this.scores[0]! : 0;
  }

  best(): number {
    let best = 0;
    for (let i = 0; i < this.size; i++) if (this.scores[i]! > best) best = this.scores[i]!;
    return best;
  }

  offer(d: number, s: number): void {
    const { docs, scores } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!weaker(s, d, scores[parent]!, docs[parent]!)) break;
        docs[i] = docs[parent]!;
        scores[i] = scores[parent]!;
        i = parent;
      }
      docs[i] = d;
      scores[i] = s;
      return;
    }
    if (!weaker(scores[0]!, docs[0]!, s, d)) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && weaker(scores[r]!, docs[r]!, scores[l]!, docs[l]!) ? r : l;
      if (!weaker(scores[m]!, docs[m]!, s, d)) break;
      docs[i] = docs[m]!;
      scores[i] = scores[m]!;
      i = m;
    }
    docs[i] = d;
    scores[i] = s;
  }
}

function weaker(sa: number, da: number, sb: number, db: number): boolean {
  return sa < sb || (sa === sb && da > db);
}

// The first position at or after `from` whose document is ≥ `target` (`n` when none): doubling steps,
// then a binary search, so probing ascending documents costs O(log gap) each.
function gallop(docs: Int32Array, from: number, n: number, target: number): number {
  if (from >= n || docs[from]! >= target) return from;
  let lo = from;
  let step = 1;
  let hi = from + 1;
  while (hi < n && docs[hi]! < target) {
    lo = hi;
    step <<= 1;
    hi = lo + step;
  }
  if (hi > n) hi = n;
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

import { describe, expect, it } from 'vitest';
import { BOUND_SLACK, type EvidenceInput, type ScoringUnit, TopKScorer, topKExhaustive } from './top-k.ts';

// A deterministic generator (mulberry32) so that a failure can be replayed.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  units: ScoringUnit[];
  accepted: Uint8Array;
  size: number;
  evidence: EvidenceInput | null;
}

// Posting lists shaped like a query's: a few rare terms with large factors, many common ones with small
// factors; field lengths drawn from few values so that many documents tie exactly.
function randomCase(seed: number, size: number, filterShare: number, withEvidence: boolean): Case {
  const random = rng(seed);
  const channels = Array.from({ length: 3 }, () => {
    const lengths = new Uint16Array(size);
    for (let d = 0; d < size; d++) lengths[d] = 1 + Math.floor(random() * 6);
    const k1 = [0.3, 0.8, 1.2][Math.floor(random() * 3)]!;
    const b = random() < 0.2 ? 0 : 0.5;
    const norm = Float64Array.from({ length: 7 }, (_, length) => k1 * (1 - b + (b * length) / 3.5));
    return { lengths, k1, norm };
  });
  const unitCount = 2 + Math.floor(random() * 16);
  const units: ScoringUnit[] = [];
  for (let i = 0; i < unitCount; i++) {
    const rare = random() < 0.25;
    const share = rare ? 0.002 + random() * 0.02 : 0.05 + random() * 0.3;
    const channel = channels[Math.floor(random() * channels.length)]!;
    const docs: number[] = [];
    const tfs: number[] = [];
    for (let d = 0; d < size; d++) {
      if (random() < share) {
        docs.push(d);
        tfs.push(random() < 0.8 ? 1 : 1 + Math.floor(random() * 4));
      }
    }
    if (docs.length === 0) continue;
    const factor = (rare ? 4 + random() * 6 : 0.2 + random() * 0.8) * (channel.k1 + 1);
    const lens = Uint16Array.from(docs, (d) => channel.lengths[d]!);
    // The index's bound (largest tf over shortest field), sometimes the loosest one (the factor itself).
    const maxTf = Math.max(...tfs);
    const minLength = Math.min(...lens);
    const bound =
      random() < 0.3 ? factor : ((factor * maxTf) / (maxTf + channel.norm[minLength]!)) * BOUND_SLACK;
    units.push({
      docs: Int32Array.from(docs),
      tfs: Uint16Array.from(tfs),
      lens,
      length: docs.length,
      norm: channel.norm,
      factor,
      bound,
    });
  }
  // The index's order: most bound per posting first.
  units.sort((a, b) => b.bound / b.length - a.bound / a.length);
  const accepted = new Uint8Array(size);
  for (let d = 0; d < size; d++) accepted[d] = random() < filterShare ? 1 : 0;
  let evidence: EvidenceInput | null = null;
  if (withEvidence) {
    const docs: number[] = [];
    const sims: number[] = [];
    for (let d = 0; d < size; d++) {
      if (random() < 0.03) {
        docs.push(d);
        sims.push(random() < 0.1 ? 1 : random() * 0.6);
      }
    }
    evidence = {
      docs: Int32Array.from(docs),
      sims: Float64Array.from(sims),
      count: docs.length,
      weight: 1,
      power: 3,
    };
  }
  return { units, accepted, size, evidence };
}

describe('top-k retrieval with MaxScore pruning', () => {
  it('returns exactly the exhaustive top k (ids, order, scores) for random queries, filtered or not', () => {
    const scorer = new TopKScorer();
    let cases = 0;
    let pruned = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const size = [300, 9000, 30_000][seed % 3]!;
      const filterShare = [1, 0.5, 0.05][Math.floor(seed / 3) % 3]!;
      const c = randomCase(seed, size, filterShare, seed % 2 === 0);
      for (const k of [1, 3, 10, 50]) {
        const expected = topKExhaustive(c.units, k, c.accepted, c.size, c.evidence);
        const got = scorer.topK(c.units, k, c.accepted, c.size, c.evidence);
        expect(got.docs, `seed ${seed}, k ${k}`).toEqual(expected.docs);
        got.scores.forEach((s, i) => {
          expect(Math.abs(s - expected.scores[i]!), `seed ${seed}, k ${k}, rank ${i}`).toBeLessThanOrEqual(
            1e-9,
          );
        });
        cases++;
        const total = c.units.reduce((sum, u) => sum + u.length, 0);
        if (scorer.work < total / 2) pruned++;
      }
    }
    expect(cases).toBe(240);
    // The comparison means something only if pruning cut the work short in many of the cases.
    expect(pruned).toBeGreaterThan(30);
  });

  it('keeps exact ties in document order across windows', () => {
    const size = 20_000;
    // Every 1000th document has the same single posting: 20 equal scores in three windows.
    const docs = Int32Array.from({ length: 20 }, (_, i) => i * 1000 + 7);
    const unit: ScoringUnit = {
      docs,
      tfs: new Uint16Array(20).fill(1),
      lens: new Uint16Array(20).fill(4),
      length: 20,
      norm: Float64Array.from({ length: 5 }, (_, length) => 1.2 * (1 - 0.75 + (0.75 * length) / 4)),
      factor: 2.2,
      bound: 2.2,
    };
    const all = new Uint8Array(size).fill(1);
    const got = new TopKScorer().topK([unit], 5, all, size, null);
    expect(got.docs).toEqual([7, 1007, 2007, 3007, 4007]);
    expect(new Set(got.scores).size).toBe(1);
  });

  it('finds a document that only the lists with the smallest bounds contain, when together they beat θ', () => {
    const size = 30_000;
    // K = 0: every posting adds exactly its factor, and the bounds are exact.
    const list = (docs: number[], factor: number): ScoringUnit => ({
      docs: Int32Array.from(docs),
      tfs: new Uint16Array(docs.length).fill(1),
      lens: new Uint16Array(docs.length),
      length: docs.length,
      norm: new Float64Array(1),
      factor,
      bound: factor * BOUND_SLACK,
    });
    // Documents 1 and 2 score 6.9 in the first window and set θ; document 20 000 is in seven lists of 1,
    // each otherwise holding documents that score 1 only, and beats them with 7.
    const rare = list([1, 2], 6.9);
    const small = Array.from({ length: 7 }, (_, i) =>
      list([...Array.from({ length: 500 }, (_, n) => 10_000 + n * 7 + i), 20_000], 1),
    );
    const units = [rare, ...small];
    const all = new Uint8Array(size).fill(1);
    const got = new TopKScorer().topK(units, 2, all, size, null);
    expect(got).toEqual(topKExhaustive(units, 2, all, size, null));
    expect(got.docs).toEqual([20_000, 1]);
  });

  it('brings in a document by evidence alone and scores it in full when it also matches text', () => {
    const size = 9000;
    const common: ScoringUnit = {
      docs: Int32Array.from({ length: size / 3 }, (_, i) => i * 3),
      tfs: new Uint16Array(size / 3).fill(1),
      lens: new Uint16Array(size / 3).fill(2),
      length: size / 3,
      norm: Float64Array.from([0.4, 0.6, 0.8]),
      factor: 0.5,
      bound: 0.5,
    };
    const rare: ScoringUnit = {
      ...common,
      docs: Int32Array.from([30, 60, 8999]),
      lens: Uint16Array.from([2, 2, 2]),
      length: 3,
      factor: 9,
      bound: 9,
    };
    // 8997 matches only the common term; 5000 matches nothing but has a past inquiry identical to the query.
    const evidence: EvidenceInput = {
      docs: Int32Array.from([5000, 8997]),
      sims: Float64Array.from([1, 0.9]),
      count: 2,
      weight: 1,
      power: 3,
    };
    const all = new Uint8Array(size).fill(1);
    const expected = topKExhaustive([rare, common], 5, all, size, evidence);
    const got = new TopKScorer().topK([rare, common], 5, all, size, evidence);
    expect(got).toEqual(expected);
    expect(got.docs).toContain(5000);
    expect(got.docs).toContain(8997);
  });
});

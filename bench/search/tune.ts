// Tunes the ranking parameters on the odd-numbered queries only (`node bench/search/tune.ts`) by coordinate
// ascent, and prints them for defaultRankingParams. Evidence for the tuning runs comes from odd-numbered
// queries only (5 folds among them), so the held-out half stays unseen. Not part of `npm run bench`.
import {
  createAnalyzer,
  defaultRankingParams,
  type RankingParams,
} from '../../server/src/modules/search/engine/index.ts';
import { loadEvalSet, splitOf } from './eval-data.ts';
import { mean, scoreRanking } from './metrics.ts';
import { ours, synonymsFor } from './systems.ts';

const set = loadEvalSet();
const tuneQueries = set.queries.filter((q) => splitOf(q) === 'tune');
const analyzer = await createAnalyzer();
const params: RankingParams = structuredClone(defaultRankingParams);
const synonyms = synonymsFor('sudachi+curated');
const plain = ours({ name: 'plain', analyzer, faqs: set.faqs, queries: tuneQueries, synonyms, params });
const learned = ours({
  name: 'learned',
  analyzer,
  faqs: set.faqs,
  queries: tuneQueries,
  synonyms,
  params,
  evidenceFolds: 5,
});

const evaluate = (system: { rank: (q: (typeof tuneQueries)[number]) => unknown }) =>
  mean(tuneQueries.map((q) => scoreRanking(system.rank(q) as string[], q.judgments))).ndcg;
const objective = () => evaluate(plain) + 0.5 * evaluate(learned);

type Knob = { name: string; get: () => number; set: (v: number) => void; values: (v: number) => number[] };
const knobs: Knob[] = [];
const scale = (v: number) => [0, 0.5, 0.75, 1.25, 1.5, 2, 3].map((m) => Math.round(v * m * 100) / 100);
for (const [name, c] of Object.entries(params.channels)) {
  // Phrasings are how citizens ask: the product promises they count (contracts/src/faq.ts), so not below 0.3.
  const floor = name === 'altPhrasings' ? 0.3 : 0;
  knobs.push({
    name: `${name}.weight`,
    get: () => c.weight,
    set: (v) => (c.weight = v),
    values: (v) => scale(v).filter((x) => x >= floor),
  });
  knobs.push({
    name: `${name}.k1`,
    get: () => c.k1,
    set: (v) => (c.k1 = v),
    values: () => [0.3, 0.6, 0.9, 1.2, 1.6, 2],
  });
  knobs.push({
    name: `${name}.b`,
    get: () => c.b,
    set: (v) => (c.b = v),
    values: () => [0, 0.25, 0.5, 0.75, 0.9],
  });
}
const e = params.evidence;
knobs.push({
  name: 'evidence.weight',
  get: () => e.weight,
  set: (v) => (e.weight = v),
  values: () => [0, 0.2, 0.35, 0.5, 0.75, 1, 1.5],
});
knobs.push({
  name: 'evidence.power',
  get: () => e.power,
  set: (v) => (e.power = v),
  values: () => [1, 1.5, 2, 3, 4],
});
knobs.push({
  name: 'evidence.bigramWeight',
  get: () => e.bigramWeight,
  set: (v) => (e.bigramWeight = v),
  values: () => [0, 0.25, 0.5, 1],
});

knobs.push({
  name: 'kanaWordWeight',
  get: () => params.kanaWordWeight,
  set: (v) => (params.kanaWordWeight = v),
  values: () => [0, 0.4, 0.6, 0.8, 1, 1.3],
});

let best = objective();
console.log(`start ${best.toFixed(4)}`);
for (let round = 0; round < 3; round++) {
  let improved = false;
  for (const knob of knobs) {
    const current = knob.get();
    let bestValue = current;
    for (const v of knob.values(current)) {
      if (v === current) continue;
      knob.set(v);
      const score = objective();
      // Prefer the current value unless a change helps clearly (less over-fitting to 110 queries).
      if (score > best + 0.002) {
        best = score;
        bestValue = v;
        improved = true;
      }
    }
    knob.set(bestValue);
    if (bestValue !== current) console.log(`  ${knob.name} ${current} → ${bestValue}: ${best.toFixed(4)}`);
  }
  if (!improved) break;
}

console.log(JSON.stringify(params, null, 2));
console.log(`tune: plain ${evaluate(plain).toFixed(4)}, with evidence ${evaluate(learned).toFixed(4)}`);

import { createAnalyzer, defaultRankingParams } from '../../server/src/modules/search/engine/index.ts';
import { type EvalQuery, type EvalSet, loadEvalSet, splitOf } from './eval-data.ts';
import { mean, type QueryScores, scoreRanking } from './metrics.ts';
import { orama, ours, pgTrgm, type RankingSystem, substring, synonymsFor } from './systems.ts';

/** Mean scores of one system on all queries and on each half. */
export interface SystemResult {
  name: string;
  group: 'ours' | 'baseline';
  all: ReturnType<typeof mean>;
  tune: ReturnType<typeof mean>;
  heldout: ReturnType<typeof mean>;
  byStyle: Record<string, ReturnType<typeof mean>>;
  /** Queries whose FAQ (judged 2) was also the answer to another query: where learning from use can act. */
  askedBefore: ReturnType<typeof mean>;
  notAskedBefore: ReturnType<typeof mean>;
  perQuery: Map<string, { scores: QueryScores; ranking: string[] }>;
  msPerQuery: number;
}

/** Everything the quality part of the report needs. */
export interface QualityReport {
  data: {
    faqs: number;
    queries: number;
    tune: number;
    heldout: number;
    skippedLines: number;
    files: string[];
  };
  styles: Record<string, number>;
  results: SystemResult[];
  misses: {
    id: string;
    split: 'tune' | 'heldout';
    query: string;
    style: string;
    expected: string[];
    got: string | null;
    rank: number | null;
  }[];
  faqQuestions: Map<string, string>;
}

/** Runs every system on the evaluation set. */
export async function runQuality(log: (line: string) => void = console.log): Promise<QualityReport> {
  const set: EvalSet = loadEvalSet();
  if (set.faqs.length === 0 || set.queries.length === 0) {
    throw new Error('bench/search-eval has no FAQs or no judged queries yet');
  }
  log(`quality: ${set.faqs.length} FAQs, ${set.queries.length} queries (${set.skippedLines} lines skipped)`);
  const analyzer = await createAnalyzer();
  const full = synonymsFor('sudachi+curated');
  const sudachiOnly = synonymsFor('sudachi');
  const base = { analyzer, faqs: set.faqs, queries: set.queries, params: defaultRankingParams };
  const systems: { system: RankingSystem; group: 'ours' | 'baseline' }[] = [
    {
      group: 'ours',
      system: ours({
        ...base,
        name: 'Madoguchi + learning from use (5-fold)',
        synonyms: full,
        evidenceFolds: 5,
      }),
    },
    { group: 'ours', system: ours({ ...base, name: 'Madoguchi', synonyms: full }) },
    {
      group: 'ours',
      system: ours({ ...base, name: 'Madoguchi without the curated list', synonyms: sudachiOnly }),
    },
    { group: 'ours', system: ours({ ...base, name: 'Madoguchi without synonyms', synonyms: null }) },
    { group: 'baseline', system: await orama(set.faqs, 'default') },
    { group: 'baseline', system: await orama(set.faqs, 'any-term') },
    { group: 'baseline', system: await pgTrgm(set.faqs, 'similarity') },
    { group: 'baseline', system: await pgTrgm(set.faqs, 'word_similarity') },
    { group: 'baseline', system: substring(set.faqs) },
  ];

  const answeredBy = new Map<string, number>();
  for (const q of set.queries) {
    for (const [id, g] of Object.entries(q.judgments))
      if (g === 2) answeredBy.set(id, (answeredBy.get(id) ?? 0) + 1);
  }
  const results: SystemResult[] = [];
  for (const { system, group } of systems) {
    const perQuery = new Map<string, { scores: QueryScores; ranking: string[] }>();
    const started = performance.now();
    for (const q of set.queries) {
      const ranking = await system.rank(q);
      perQuery.set(q.id, { scores: scoreRanking(ranking, q.judgments), ranking });
    }
    const msPerQuery = (performance.now() - started) / set.queries.length;
    await system.close?.();
    const pick = (filter: (q: EvalQuery) => boolean) =>
      mean(set.queries.filter(filter).map((q) => perQuery.get(q.id)!.scores));
    const styles = [...new Set(set.queries.map((q) => q.style))].sort();
    const asked = (q: EvalQuery) =>
      Object.entries(q.judgments).some(([id, g]) => g === 2 && (answeredBy.get(id) ?? 0) >= 2);
    results.push({
      name: system.name,
      group,
      all: pick(() => true),
      tune: pick((q) => splitOf(q) === 'tune'),
      heldout: pick((q) => splitOf(q) === 'heldout'),
      byStyle: Object.fromEntries(styles.map((s) => [s, pick((q) => q.style === s)])),
      askedBefore: pick(asked),
      notAskedBefore: pick((q) => !asked(q)),
      perQuery,
      msPerQuery,
    });
    const r = results.at(-1)!;
    log(
      `  ${r.name.padEnd(45)} nDCG@10 ${r.all.ndcg.toFixed(3)}  R@10 ${r.all.recall.toFixed(3)}  MRR ${r.all.rr.toFixed(3)}`,
    );
  }

  const faqQuestions = new Map(set.faqs.map((f) => [f.faqId, f.question]));
  // Misses worth knowing: the engine without evidence puts nothing relevant in the top 3.
  const plain = results.find((r) => r.name === 'Madoguchi')!;
  const misses = set.queries
    .map((q) => {
      const { ranking } = plain.perQuery.get(q.id)!;
      const firstRelevant = ranking.findIndex((id) => (q.judgments[id] ?? 0) > 0);
      return {
        id: q.id,
        split: splitOf(q),
        query: q.query,
        style: q.style,
        expected: Object.entries(q.judgments)
          .filter(([, g]) => g === 2)
          .map(([id]) => id),
        got: ranking[0] ?? null,
        rank: firstRelevant >= 0 ? firstRelevant + 1 : null,
      };
    })
    .filter((m) => m.rank === null || m.rank > 3);
  const styles: Record<string, number> = {};
  for (const q of set.queries) styles[q.style] = (styles[q.style] ?? 0) + 1;
  return {
    data: {
      faqs: set.faqs.length,
      queries: set.queries.length,
      tune: set.queries.filter((q) => splitOf(q) === 'tune').length,
      heldout: set.queries.filter((q) => splitOf(q) === 'heldout').length,
      skippedLines: set.skippedLines,
      files: set.files,
    },
    styles,
    results,
    misses,
    faqQuestions,
  };
}

if (import.meta.main) await runQuality();

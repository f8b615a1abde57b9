/** Per-query scores at cut-off 10. */
export interface QueryScores {
  ndcg: number;
  recall: number;
  rr: number;
}

/**
 * nDCG@10 with gain 2^grade − 1 and log2 discount; Recall@10 over FAQs judged ≥ 1; reciprocal rank of the
 * first FAQ judged ≥ 1 (0 when none is in the ranking).
 */
export function scoreRanking(
  ranking: readonly string[],
  judgments: Record<string, number>,
  k = 10,
): QueryScores {
  const top = ranking.slice(0, k);
  let dcg = 0;
  top.forEach((id, i) => {
    const g = judgments[id] ?? 0;
    if (g > 0) dcg += (2 ** g - 1) / Math.log2(i + 2);
  });
  const ideal = Object.values(judgments)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  let idcg = 0;
  ideal.forEach((g, i) => {
    idcg += (2 ** g - 1) / Math.log2(i + 2);
  });
  const relevant = Object.values(judgments).filter((g) => g > 0).length;
  const found = top.filter((id) => (judgments[id] ?? 0) > 0).length;
  const first = ranking.findIndex((id) => (judgments[id] ?? 0) > 0);
  return {
    ndcg: idcg > 0 ? dcg / idcg : 0,
    recall: relevant > 0 ? found / relevant : 0,
    rr: first >= 0 ? 1 / (first + 1) : 0,
  };
}

/** Mean of each score. */
export function mean(scores: readonly QueryScores[]): QueryScores & { n: number } {
  const n = scores.length;
  const sum = scores.reduce(
    (a, s) => ({ ndcg: a.ndcg + s.ndcg, recall: a.recall + s.recall, rr: a.rr + s.rr }),
    {
      ndcg: 0,
      recall: 0,
      rr: 0,
    },
  );
  return n === 0
    ? { ndcg: 0, recall: 0, rr: 0, n }
    : { ndcg: sum.ndcg / n, recall: sum.recall / n, rr: sum.rr / n, n };
}

/** Percentile (nearest rank) of a sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

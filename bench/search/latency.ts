// One corpus size per process, so that RSS is that of the size alone: `node --expose-gc latency.ts 20000`.
// Prints one JSON line (the last line of output) for bench/run.ts.
import { createAnalyzer, createSearchIndex } from '../../server/src/modules/search/engine/index.ts';
import { loadEvalSet } from './eval-data.ts';
import { percentile } from './metrics.ts';
import { syntheticCorpus } from './synthetic.ts';
import { synonymsFor } from './systems.ts';

/** What one size measured. */
export interface LatencyResult {
  size: number;
  buildMs: number;
  upsertMsP50: number;
  rssBaseMB: number;
  rssMB: number;
  heapMB: number;
  query: { p50: number; p95: number; p99: number; max: number; n: number };
  queryFiltered: { p50: number; p95: number; n: number };
  suggest: { p50: number; p95: number; p99: number; max: number; n: number };
  updateVisibleMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (n: number) => Math.round(n / 1e5) / 10;

async function measure(size: number): Promise<LatencyResult> {
  const set = loadEvalSet();
  const analyzer = await createAnalyzer();
  const synonyms = synonymsFor('sudachi+curated');
  const docs = syntheticCorpus(set.faqs, set.queries, size);
  gc();
  const rssBase = process.memoryUsage().rss;

  const index = createSearchIndex({ analyzer, synonyms });
  const started = performance.now();
  for (const d of docs) index.upsert(d);
  const buildMs = performance.now() - started;
  gc();
  const mem = process.memoryUsage();

  const queries = set.queries.map((q) => q.query);
  const time = (fn: () => void) => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  // Warm-up: the JIT and the synonym-expansion cache.
  for (const q of queries) index.search(q, { limit: 10 });
  const now = new Date();
  // Filter on the most common field category, as the public site's category pages do.
  const fields = new Map<string, number>();
  for (const f of set.faqs)
    if (f.categories.field) fields.set(f.categories.field, (fields.get(f.categories.field) ?? 0) + 1);
  const category = `field:${[...fields].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ''}`;
  const q1: number[] = [];
  const q2: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      q1.push(time(() => index.search(q, { limit: 10 })));
      q2.push(time(() => index.search(q, { limit: 10, publishedAt: now, categoryId: category })));
    }
  }
  // Suggestions as typed: every prefix of the first eight characters of each query.
  const prefixes = queries.flatMap((q) =>
    Array.from({ length: Math.min(8, q.length) }, (_, i) => q.slice(0, i + 1)),
  );
  for (const p of prefixes) index.suggest(p, { limit: 8 });
  const s: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const p of prefixes) s.push(time(() => index.suggest(p, { limit: 8, publishedAt: now })));
  }
  // Upserting one changed FAQ and finding it by its new wording at once.
  const upserts: number[] = [];
  for (let i = 0; i < 50; i++) {
    const d = docs[(i * 7919) % docs.length]!;
    upserts.push(time(() => index.upsert({ ...d, question: `${d.question} 更新${i}` })));
  }
  const changed = docs[0]!;
  const visible = time(() => {
    index.upsert({ ...changed, question: '臨時窓口の開設について', published: true });
    index.search('臨時窓口', { limit: 1 });
  });

  const stats = (v: number[]) => ({
    p50: round3(percentile(v, 50)),
    p95: round3(percentile(v, 95)),
    p99: round3(percentile(v, 99)),
    max: round3(Math.max(...v)),
    n: v.length,
  });
  const qf = stats(q2);
  return {
    size,
    buildMs: Math.round(buildMs),
    upsertMsP50: round3(percentile(upserts, 50)),
    rssBaseMB: mb(rssBase),
    rssMB: mb(mem.rss),
    heapMB: mb(mem.heapUsed),
    query: stats(q1),
    queryFiltered: { p50: qf.p50, p95: qf.p95, n: qf.n },
    suggest: stats(s),
    updateVisibleMs: round3(visible),
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

if (import.meta.main) {
  const size = Number(process.argv[2] ?? 2000);
  console.log(JSON.stringify(await measure(size)));
}

// All SQL of the search module: what the index is built from, the search log and its analytics, synonyms.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { countAll, type Executor, rowsOf } from '../../platform/db/database.ts';
import {
  centers,
  faqCategories,
  faqEvidence,
  faqs,
  searchQueries,
  synonymGroups,
} from '../../platform/db/schema.ts';

/** One FAQ as the index needs it (deleted FAQs are never returned: they leave the index). */
export interface IndexRow {
  id: string;
  faqCode: string;
  question: string;
  answerText: string;
  altPhrasings: string[];
  keywords: string[];
  categoryIds: string[];
  departmentId: string | null;
  published: boolean;
  publishStart: Date | null;
  publishEnd: Date | null;
  /** Past wordings (most used first); empty when the centre does not learn from use. */
  evidence: string[];
}

// A few hundred wordings say what an FAQ is asked as; more only cost memory.
const MAX_EVIDENCE_PER_FAQ = 100;

/** The centre's learning switch, or null when the centre does not exist. */
export async function findSearchLearning(executor: Executor, centerId: string): Promise<boolean | null> {
  const [row] = await executor
    .select({ learning: centers.searchLearning })
    .from(centers)
    .where(eq(centers.id, centerId));
  return row ? row.learning : null;
}

/** Every centre's id, to warm their indexes. */
export async function listCenterIds(executor: Executor): Promise<string[]> {
  const rows = await executor.select({ id: centers.id }).from(centers).orderBy(asc(centers.slug));
  return rows.map((r) => r.id);
}

/** The live FAQs of a centre, all of them or those among `faqIds`, with categories and (optionally) evidence. */
export async function loadIndexRows(
  executor: Executor,
  centerId: string,
  faqIds: readonly string[] | 'all',
  withEvidence: boolean,
): Promise<IndexRow[]> {
  if (faqIds !== 'all' && faqIds.length === 0) return [];
  const only = (column: typeof faqs.id | typeof faqCategories.faqId | typeof faqEvidence.faqId) =>
    faqIds === 'all' ? undefined : inArray(column, [...faqIds]);
  const rows = await executor
    .select({
      id: faqs.id,
      faqCode: faqs.faqCode,
      question: faqs.question,
      answerText: faqs.answerText,
      altPhrasings: faqs.altPhrasings,
      keywords: faqs.keywords,
      departmentId: faqs.departmentId,
      published: faqs.published,
      publishStart: faqs.publishStart,
      publishEnd: faqs.publishEnd,
    })
    .from(faqs)
    .where(and(eq(faqs.centerId, centerId), isNull(faqs.deletedAt), only(faqs.id)))
    .orderBy(asc(faqs.faqCode));
  if (rows.length === 0) return [];
  const categoryRows = await executor
    .select({ faqId: faqCategories.faqId, categoryId: faqCategories.categoryId })
    .from(faqCategories)
    .where(and(eq(faqCategories.centerId, centerId), only(faqCategories.faqId)))
    .orderBy(asc(faqCategories.categoryId));
  const evidenceRows = withEvidence
    ? await executor
        .select({ faqId: faqEvidence.faqId, phrase: faqEvidence.phraseNormalized })
        .from(faqEvidence)
        .where(and(eq(faqEvidence.centerId, centerId), only(faqEvidence.faqId)))
        .orderBy(desc(faqEvidence.uses), desc(faqEvidence.lastUsedAt), asc(faqEvidence.phraseNormalized))
    : [];
  const categoriesOf = group(
    categoryRows,
    (r) => r.faqId,
    (r) => r.categoryId,
  );
  const evidenceOf = group(
    evidenceRows,
    (r) => r.faqId,
    (r) => r.phrase,
  );
  return rows.map((row) => ({
    ...row,
    categoryIds: categoriesOf.get(row.id) ?? [],
    evidence: (evidenceOf.get(row.id) ?? []).slice(0, MAX_EVIDENCE_PER_FAQ),
  }));
}

function group<R>(rows: R[], key: (r: R) => string, value: (r: R) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(value(row));
    else out.set(k, [value(row)]);
  }
  return out;
}

// ── synonyms ─────────────────────────────────────────────────────────────────────────────────────────
export type SynonymGroupRow = typeof synonymGroups.$inferSelect;

/** A centre's synonym groups in the order they were added; `enabledOnly` for the index. */
export async function listSynonymGroupRows(
  executor: Executor,
  centerId: string,
  options: { enabledOnly?: boolean } = {},
): Promise<SynonymGroupRow[]> {
  return executor
    .select()
    .from(synonymGroups)
    .where(
      and(
        eq(synonymGroups.centerId, centerId),
        options.enabledOnly ? eq(synonymGroups.enabled, true) : undefined,
      ),
    )
    .orderBy(asc(synonymGroups.createdAt), asc(synonymGroups.id));
}

/** One synonym group of the centre, or null; `forUpdate` locks it. */
export async function findSynonymGroupRow(
  executor: Executor,
  centerId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SynonymGroupRow | null> {
  const query = executor
    .select()
    .from(synonymGroups)
    .where(and(eq(synonymGroups.centerId, centerId), eq(synonymGroups.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

// ── the search log ───────────────────────────────────────────────────────────────────────────────────
/** Logs one search; returns its id. The text must already be stripped of personal data (query-log.ts). */
export async function insertSearchQuery(
  executor: Executor,
  entry: {
    centerId: string;
    scope: 'console' | 'public';
    queryNormalized: string;
    results: number;
    searchedAt: Date;
  },
): Promise<number> {
  const [row] = await executor.insert(searchQueries).values(entry).returning({ id: searchQueries.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Deletes logged searches older than `retentionDays` before `now` (the search-log.purge job); returns how many. */
export async function purgeSearchQueries(
  executor: Executor,
  retentionDays: number,
  now: Date,
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const deleted = await executor
    .delete(searchQueries)
    .where(lt(searchQueries.searchedAt, cutoff))
    .returning({ id: searchQueries.id });
  return deleted.length;
}

/** Marks which FAQ a logged search led to; false when the centre has no such search. */
export async function setSearchClick(
  executor: Executor,
  centerId: string,
  searchId: number,
  faqId: string,
): Promise<boolean> {
  const rows = await executor
    .update(searchQueries)
    .set({ clickedFaqId: faqId })
    .where(and(eq(searchQueries.centerId, centerId), eq(searchQueries.id, searchId)))
    .returning({ id: searchQueries.id });
  return rows.length > 0;
}

/** Queries searched at least `minCount` times since `since` that found something: suggestion material. */
export async function listFrequentQueries(
  executor: Executor,
  centerId: string,
  options: { since: Date; minCount: number; limit: number },
): Promise<{ text: string; count: number }[]> {
  return executor
    .select({ text: searchQueries.queryNormalized, count: countAll })
    .from(searchQueries)
    .where(
      and(
        eq(searchQueries.centerId, centerId),
        gte(searchQueries.searchedAt, options.since),
        gt(searchQueries.results, 0),
      ),
    )
    .groupBy(searchQueries.queryNormalized)
    .having(gte(countAll, options.minCount))
    .orderBy(desc(countAll), asc(searchQueries.queryNormalized))
    .limit(options.limit);
}

/** Searches per query within [from, to) matching `kind`, most frequent first. */
export async function countQueries(
  executor: Executor,
  centerId: string,
  range: { from: Date; to: Date },
  kind: 'noResult' | 'noClick',
  limit: number,
): Promise<{ query: string; count: number }[]> {
  return executor
    .select({ query: searchQueries.queryNormalized, count: countAll })
    .from(searchQueries)
    .where(
      and(
        eq(searchQueries.centerId, centerId),
        gte(searchQueries.searchedAt, range.from),
        lt(searchQueries.searchedAt, range.to),
        kind === 'noResult'
          ? eq(searchQueries.results, 0)
          : and(gt(searchQueries.results, 0), isNull(searchQueries.clickedFaqId)),
      ),
    )
    .groupBy(searchQueries.queryNormalized)
    .orderBy(desc(countAll), asc(searchQueries.queryNormalized))
    .limit(limit);
}

/** The `perWeek` most searched queries of each Japan-time week (Monday start) within [from, to). */
export async function topQueriesPerWeek(
  executor: Executor,
  centerId: string,
  range: { from: Date; to: Date },
  perWeek: number,
): Promise<{ week: string; query: string; count: number }[]> {
  // date_trunc('week') starts weeks on Monday; the JST wall clock decides which week a search falls in.
  const result = await executor.execute(sql`
    with weekly as (
      select to_char(date_trunc('week', timezone('Asia/Tokyo', ${searchQueries.searchedAt})), 'YYYY-MM-DD') as week,
             ${searchQueries.queryNormalized} as query,
             count(*)::int as count
        from ${searchQueries}
       where ${searchQueries.centerId} = ${centerId}
         and ${searchQueries.searchedAt} >= ${range.from.toISOString()}::timestamptz
         and ${searchQueries.searchedAt} < ${range.to.toISOString()}::timestamptz
       group by 1, 2
    ), ranked as (
      select week, query, count, row_number() over (partition by week order by count desc, query) as n
        from weekly
    )
    select week, query, count from ranked where n <= ${perWeek} order by week, count desc, query`);
  return rowsOf<{ week: string; query: string; count: number }>(result);
}

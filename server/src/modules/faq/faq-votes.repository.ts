// Counting citizens' votes (faq_votes, written by the public site). Every query filters by centre on the votes
// and on the FAQs they belong to; deleted FAQs are left out.
import type { FaqVoteComment, FaqVoteSort, VoteCounts } from '@madoguchi/contracts';
import { and, asc, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { countAll, type Executor } from '../../platform/db/database.ts';
import { faqs, faqVotes } from '../../platform/db/schema.ts';
import { faqInCategory } from './faq.repository.ts';

/** Instants [from, to) of a period of Japan-time days. */
export interface VoteRange {
  from: Date;
  to: Date;
}

const helpfulCount = sql<number>`count(*) filter (where ${faqVotes.helpful})`.mapWith(Number);
const notHelpfulCount = sql<number>`count(*) filter (where not ${faqVotes.helpful})`.mapWith(Number);
const helpfulRatio = sql`(count(*) filter (where ${faqVotes.helpful}))::float8 / count(*)`;

/** はい, いいえ, total and ratio from two counts. */
export function voteCounts(helpful: number, notHelpful: number): VoteCounts {
  const total = helpful + notHelpful;
  return { helpful, notHelpful, total, ratio: total ? helpful / total : null };
}

const inRange = (range: VoteRange | undefined) =>
  range ? and(gte(faqVotes.createdAt, range.from), lt(faqVotes.createdAt, range.to)) : undefined;

export interface VoteListFilter {
  range: VoteRange;
  minVotes: number;
  sort: FaqVoteSort;
  categoryId?: string | undefined;
  departmentId?: string | undefined;
  /** A page of the rows; all of them when absent (the CSV). */
  page?: { limit: number; offset: number };
}

export interface VoteListRow {
  id: string;
  faqCode: string;
  question: string;
  departmentId: string | null;
  published: boolean;
  publishStart: Date | null;
  publishEnd: Date | null;
  helpful: number;
  notHelpful: number;
}

/** The centre's FAQs with their votes in the period, those with at least `minVotes`, in the order asked. */
export async function listVoteRows(
  executor: Executor,
  centerId: string,
  filter: VoteListFilter,
): Promise<{
  rows: VoteListRow[];
  total: number;
  summary: { helpful: number; notHelpful: number; faqs: number };
}> {
  const where = and(
    eq(faqVotes.centerId, centerId),
    eq(faqs.centerId, centerId),
    isNull(faqs.deletedAt),
    inRange(filter.range),
    filter.departmentId ? eq(faqs.departmentId, filter.departmentId) : undefined,
    filter.categoryId ? faqInCategory(executor, centerId, filter.categoryId) : undefined,
  );
  const enough = sql`count(*) >= ${filter.minVotes}`;
  const order: SQL[] =
    filter.sort === 'ratio'
      ? [asc(helpfulRatio), desc(countAll), asc(faqs.faqCode)]
      : [desc(notHelpfulCount), asc(helpfulRatio), asc(faqs.faqCode)];
  const grouped = executor
    .select({
      id: faqs.id,
      faqCode: faqs.faqCode,
      question: faqs.question,
      departmentId: faqs.departmentId,
      published: faqs.published,
      publishStart: faqs.publishStart,
      publishEnd: faqs.publishEnd,
      helpful: helpfulCount,
      notHelpful: notHelpfulCount,
    })
    .from(faqVotes)
    .innerJoin(faqs, eq(faqs.id, faqVotes.faqId))
    .where(where)
    .groupBy(faqs.id)
    .having(enough)
    .orderBy(...order);
  const rows = filter.page
    ? await grouped.limit(filter.page.limit).offset(filter.page.offset)
    : await grouped;
  const [counted] = await executor
    .select({ n: countAll })
    .from(
      executor
        .select({ id: faqs.id })
        .from(faqVotes)
        .innerJoin(faqs, eq(faqs.id, faqVotes.faqId))
        .where(where)
        .groupBy(faqs.id)
        .having(enough)
        .as('passing'),
    );
  const [summary] = await executor
    .select({
      helpful: helpfulCount,
      notHelpful: notHelpfulCount,
      faqs: sql<number>`count(distinct ${faqVotes.faqId})`.mapWith(Number),
    })
    .from(faqVotes)
    .innerJoin(faqs, eq(faqs.id, faqVotes.faqId))
    .where(where);
  return {
    rows,
    total: counted?.n ?? 0,
    summary: {
      helpful: summary?.helpful ?? 0,
      notHelpful: summary?.notHelpful ?? 0,
      faqs: summary?.faqs ?? 0,
    },
  };
}

/** はい and いいえ per FAQ (uuids) within a range; FAQs without votes are absent from the map. */
export async function voteCountsByFaq(
  executor: Executor,
  centerId: string,
  faqIds: readonly string[],
  range?: VoteRange,
): Promise<Map<string, VoteCounts>> {
  if (!faqIds.length) return new Map();
  const rows = await executor
    .select({ faqId: faqVotes.faqId, helpful: helpfulCount, notHelpful: notHelpfulCount })
    .from(faqVotes)
    .where(and(eq(faqVotes.centerId, centerId), inArray(faqVotes.faqId, [...faqIds]), inRange(range)))
    .groupBy(faqVotes.faqId);
  return new Map(rows.map((r) => [r.faqId, voteCounts(r.helpful, r.notHelpful)]));
}

/** The latest comments on one FAQ within a range, newest first; votes without a comment are skipped. */
export async function latestVoteComments(
  executor: Executor,
  centerId: string,
  faqId: string,
  range: VoteRange,
  limit: number,
): Promise<FaqVoteComment[]> {
  if (limit === 0) return [];
  const rows = await executor
    .select({ helpful: faqVotes.helpful, comment: faqVotes.comment, createdAt: faqVotes.createdAt })
    .from(faqVotes)
    .where(
      and(
        eq(faqVotes.centerId, centerId),
        eq(faqVotes.faqId, faqId),
        inRange(range),
        sql`btrim(coalesce(${faqVotes.comment}, '')) <> ''`,
      ),
    )
    .orderBy(desc(faqVotes.createdAt), desc(faqVotes.id))
    .limit(limit);
  return rows.map((r) => ({
    helpful: r.helpful,
    comment: r.comment ?? '',
    createdAt: r.createdAt.toISOString(),
  }));
}

// Views, uses and the weekly access ranking (seed 004 第2-8(1)ア(ｶ)), and use counts for the monthly report
// (seed 004 第3-4). Views are counted per Japan-time day and channel; uses per operator action.
import {
  type FaqRanking,
  type FaqStats,
  faqRankingQuerySchema,
  faqUseInputSchema,
} from '@madoguchi/contracts';
import { and, asc, desc, eq, gte, isNull, lte, max, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { countAll, type Executor } from '../../platform/db/database.ts';
import { faqEvidence, faqs, faqUses, faqViewCounts } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { addDays, jstDate, jstInstant } from '../centers/calendar.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { normalizeEvidencePhrase } from './evidence.ts';
import { canListFaqs, canRecordFaqUse, departmentScope } from './faq.policy.ts';
import { findFaqRow, type ViewChannel } from './faq.repository.ts';
import { resolveVisibleFaq } from './faq.service.ts';
import { voteCounts } from './faq-votes.repository.ts';
import { weekVotesFor } from './faq-votes.service.ts';
import { notifyFaqChanged } from './notify.ts';
import { faqVisibleAt } from './publication.ts';
import { lastCompleteWeek, weekStartOf } from './weeks.ts';

export interface RankingItem {
  rank: number;
  /** The FAQ's uuid, for links that need it. */
  id: string;
  faqId: string;
  question: string;
  views: number;
}

/**
 * The most viewed FAQs of one Japan-time week (Monday to Sunday), most views first; equal views share a rank
 * (1, 2, 2, 4). `visibleAt` keeps only FAQs citizens can see at that instant (the public homepage).
 */
export async function rankFaqs(
  executor: Executor,
  centerId: string,
  options: {
    weekStart: string;
    channel: ViewChannel | 'all';
    limit: number;
    departmentId?: string | null;
    visibleAt?: Date;
  },
): Promise<RankingItem[]> {
  const views = sql<number>`sum(${faqViewCounts.views})`.mapWith(Number);
  const conditions: (SQL | undefined)[] = [
    eq(faqViewCounts.centerId, centerId),
    eq(faqs.centerId, centerId),
    isNull(faqs.deletedAt),
    gte(faqViewCounts.day, options.weekStart),
    lte(faqViewCounts.day, addDays(options.weekStart, 6)),
    options.channel === 'all' ? undefined : eq(faqViewCounts.channel, options.channel),
    options.departmentId ? eq(faqs.departmentId, options.departmentId) : undefined,
    options.visibleAt ? faqVisibleAt(options.visibleAt) : undefined,
  ];
  const rows = await executor
    .select({ id: faqs.id, faqId: faqs.faqCode, question: faqs.question, views })
    .from(faqViewCounts)
    .innerJoin(faqs, eq(faqs.id, faqViewCounts.faqId))
    .where(and(...conditions))
    .groupBy(faqs.id, faqs.faqCode, faqs.question)
    .orderBy(desc(views), asc(faqs.faqCode))
    .limit(options.limit);
  let rank = 0;
  return rows.map((row, index) => {
    if (index === 0 || rows[index - 1]?.views !== row.views) rank = index + 1;
    return { rank, ...row };
  });
}

/**
 * The weekly ranking for the console; department staff see their department's FAQs only. Those who may read
 * vote statistics also get each FAQ's votes of that week: what is read most and helps least comes first.
 */
export async function getFaqRanking(
  ctx: ServiceContext,
  slug: string,
  query: z.input<typeof faqRankingQuerySchema>,
): Promise<FaqRanking> {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  authorize(canListFaqs(actor, center.id));
  const q = parseInput(faqRankingQuerySchema, query);
  const weekStart = q.week ? weekStartOf(q.week) : lastCompleteWeek(ctx.now());
  const items = await rankFaqs(ctx.database.db, center.id, {
    weekStart,
    channel: q.channel,
    limit: q.limit,
    departmentId: departmentScope(actor, center.id),
  });
  const votes = await weekVotesFor(
    ctx,
    center.id,
    weekStart,
    items.map((i) => i.id),
  );
  return {
    weekStart,
    channel: q.channel,
    items: items.map(({ id, rank, faqId, question, views: n }) => ({
      rank,
      faqId,
      question,
      views: n,
      ...(votes ? { votes: votes.get(id) ?? voteCounts(0, 0) } : {}),
    })),
  };
}

const STATS_WEEKS = 12;

/** Views per channel and uses per week for the last 12 Japan-time weeks (the current one last). */
export async function faqStats(
  executor: Executor,
  centerId: string,
  faqId: string,
  now: Date,
): Promise<FaqStats> {
  const current = weekStartOf(jstDate(now));
  const first = addDays(current, -7 * (STATS_WEEKS - 1));
  const weeks = Array.from({ length: STATS_WEEKS }, (_, i) => ({
    weekStart: addDays(first, 7 * i),
    console: 0,
    public: 0,
    uses: 0,
  }));
  const byWeek = new Map(weeks.map((w) => [w.weekStart, w]));
  const viewRows = await executor
    .select({ day: faqViewCounts.day, channel: faqViewCounts.channel, views: faqViewCounts.views })
    .from(faqViewCounts)
    .where(
      and(
        eq(faqViewCounts.centerId, centerId),
        eq(faqViewCounts.faqId, faqId),
        gte(faqViewCounts.day, first),
      ),
    );
  for (const row of viewRows) {
    const week = byWeek.get(weekStartOf(row.day));
    if (week) week[row.channel] += row.views;
  }
  const useRows = await executor
    .select({ usedAt: faqUses.usedAt })
    .from(faqUses)
    .where(
      and(
        eq(faqUses.centerId, centerId),
        eq(faqUses.faqId, faqId),
        gte(faqUses.usedAt, jstInstant(first, '00:00')),
      ),
    );
  for (const row of useRows) {
    const week = byWeek.get(weekStartOf(jstDate(row.usedAt)));
    if (week) week.uses += 1;
  }
  const [total] = await executor
    .select({ n: countAll, last: max(faqUses.usedAt) })
    .from(faqUses)
    .where(and(eq(faqUses.centerId, centerId), eq(faqUses.faqId, faqId)));
  const last = total?.last ? new Date(total.last) : null;
  return { weeks, totalUses: total?.n ?? 0, lastUsedAt: last?.toISOString() ?? null };
}

/** Views and uses of one FAQ the caller may see. */
export async function getFaqStats(ctx: ServiceContext, slug: string, faqCode: string): Promise<FaqStats> {
  const { center, row } = await resolveVisibleFaq(ctx, slug, faqCode);
  return faqStats(ctx.database.db, center.id, row.id, ctx.now());
}

/** Records that the caller answered with an FAQ; keeps the anonymised search wording when learning is on. */
export async function recordFaqUse(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  input: z.input<typeof faqUseInputSchema>,
): Promise<void> {
  const center = await resolveCenter(ctx, slug);
  authorize(canRecordFaqUse(requireActor(ctx), center.id), 'FAQの利用を記録する権限がありません。');
  const data = parseInput(faqUseInputSchema, input ?? {});
  const row = await findFaqRow(ctx.database.db, center.id, faqCode);
  if (!row) throw notFound('FAQ');
  const phrase = center.searchLearning && data.query ? normalizeEvidencePhrase(data.query) : null;
  await ctx.database.transaction(async (tx) => {
    const now = ctx.now();
    await tx
      .insert(faqUses)
      .values({ centerId: center.id, faqId: row.id, usedAt: now, userId: ctx.actor?.userId ?? null });
    if (phrase) {
      await tx
        .insert(faqEvidence)
        .values({ centerId: center.id, faqId: row.id, phraseNormalized: phrase, uses: 1, lastUsedAt: now })
        .onConflictDoUpdate({
          target: [faqEvidence.centerId, faqEvidence.faqId, faqEvidence.phraseNormalized],
          set: { uses: sql`${faqEvidence.uses} + 1`, lastUsedAt: now },
        });
      await notifyFaqChanged(tx, center.id, [row.id]);
    }
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'faq.use',
      centerId: center.id,
      targetType: 'faq',
      targetId: row.id,
      // Never the wording itself: the access log is kept longer than the work needs the words.
      detail: { faqId: row.faqCode, evidence: phrase !== null },
    });
  });
}

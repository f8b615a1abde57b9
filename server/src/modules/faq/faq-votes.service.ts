// Statistics of citizens' 「この情報は役に立ちましたか」 votes (seed 004 第2-8(1)イ(ｳ): ＦＡＱデータの満足度に関する
// 統計データが作成できる): per FAQ and per period of Japan-time days, the centre-wide list editors work through
// (most いいえ, lowest share of はい, above a minimum number of votes), and its CSV. The public site writes the
// votes; nothing here identifies a voter. Comments are citizens' free text: only those allowed read them, and
// each reading is audited as a view.
import {
  type FaqVoteList,
  type FaqVoteStats,
  faqVoteFilterSchema,
  faqVoteListQuerySchema,
  faqVoteStatsQuerySchema,
  MAX_VOTE_PERIOD_DAYS,
  publicationStateLabels,
  type VoteCounts,
} from '@madoguchi/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { departments } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { addDays, jstDate, jstInstant } from '../centers/calendar.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { findFaqRow } from './faq.repository.ts';
import { canViewVoteComments, canViewVoteStats } from './faq-votes.policy.ts';
import {
  latestVoteComments,
  listVoteRows,
  type VoteRange,
  voteCounts,
  voteCountsByFaq,
} from './faq-votes.repository.ts';
import { publicationState } from './publication.ts';
import { neutralise } from './transfer/cells.ts';
import { writeCsv } from './transfer/sheet.ts';

/** The period one FAQ's numbers cover when none is asked: the last four weeks, today included. */
export const DEFAULT_FAQ_PERIOD_DAYS = 28;

/** The instants of a period of Japan-time days (both included); refuses an inverted or overlong one. */
export function voteRange(from: string, to: string): VoteRange {
  if (from > to) throw new AppError('validation_failed', 'to: 終了日は開始日以降にしてください', 'to');
  if (addDays(from, MAX_VOTE_PERIOD_DAYS - 1) < to)
    throw new AppError('validation_failed', `to: 期間は${MAX_VOTE_PERIOD_DAYS}日以内にしてください`, 'to');
  return { from: jstInstant(from, '00:00'), to: jstInstant(addDays(to, 1), '00:00') };
}

async function resolveForStats(ctx: ServiceContext, slug: string) {
  const center = await resolveCenter(ctx, slug);
  authorize(canViewVoteStats(requireActor(ctx), center.id), 'FAQの満足度の統計を見る権限がありません。');
  return center;
}

type ListQuery = z.input<typeof faqVoteListQuerySchema>;

/** The centre-wide statistics of a period: every vote together and one page of the FAQs above the threshold. */
export async function listFaqVotes(
  ctx: ServiceContext,
  slug: string,
  query: ListQuery,
): Promise<FaqVoteList> {
  const center = await resolveForStats(ctx, slug);
  const q = parseInput(faqVoteListQuerySchema, query);
  const now = ctx.now();
  const { rows, total, summary } = await listVoteRows(ctx.database.db, center.id, {
    range: voteRange(q.from, q.to),
    minVotes: q.minVotes,
    sort: q.sort,
    categoryId: q.categoryId,
    departmentId: q.departmentId,
    page: { limit: q.limit, offset: q.offset },
  });
  return {
    from: q.from,
    to: q.to,
    sort: q.sort,
    minVotes: q.minVotes,
    summary: { ...voteCounts(summary.helpful, summary.notHelpful), faqs: summary.faqs },
    total,
    items: rows.map((r) => ({
      faqId: r.faqCode,
      question: r.question,
      departmentId: r.departmentId,
      publicationState: publicationState(r, now),
      ...voteCounts(r.helpful, r.notHelpful),
    })),
  };
}

/**
 * One FAQ's numbers for a period (default: the last 28 days) and since its first vote, with the period's
 * latest comments for those who may read them (audited as a view when any is shown).
 */
export async function getFaqVoteStats(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  query: z.input<typeof faqVoteStatsQuerySchema>,
): Promise<FaqVoteStats> {
  const center = await resolveForStats(ctx, slug);
  const q = parseInput(faqVoteStatsQuerySchema, query ?? {});
  const today = jstDate(ctx.now());
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? addDays(to, -(DEFAULT_FAQ_PERIOD_DAYS - 1));
  const range = voteRange(from, to);
  const db = ctx.database.db;
  const row = await findFaqRow(db, center.id, faqCode);
  if (!row) throw notFound('FAQ');
  const none = voteCounts(0, 0);
  const period = (await voteCountsByFaq(db, center.id, [row.id], range)).get(row.id) ?? none;
  const allTime = (await voteCountsByFaq(db, center.id, [row.id])).get(row.id) ?? none;
  let comments: FaqVoteStats['comments'] = null;
  if (canViewVoteComments(requireActor(ctx), center.id)) {
    comments = await latestVoteComments(db, center.id, row.id, range, q.comments);
    if (comments.length)
      await recordAudit(db, ctx, {
        category: 'view',
        action: 'faq.votes.comments',
        centerId: center.id,
        targetType: 'faq',
        targetId: row.id,
        detail: { faqId: row.faqCode, from, to, comments: comments.length },
      });
  }
  return { faqId: row.faqCode, from, to, period, allTime, comments };
}

/** The votes of FAQs (uuids) in the Japan-time week from `weekStart`, for the ranking; null if not allowed. */
export async function weekVotesFor(
  ctx: ServiceContext,
  centerId: string,
  weekStart: string,
  faqIds: readonly string[],
): Promise<Map<string, VoteCounts> | null> {
  if (!canViewVoteStats(requireActor(ctx), centerId)) return null;
  return voteCountsByFaq(ctx.database.db, centerId, faqIds, voteRange(weekStart, addDays(weekStart, 6)));
}

/** A CSV of the statistics, ready to send. */
export interface VoteStatsFile {
  filename: string;
  asciiFilename: string;
  body: Buffer;
  rows: number;
}

const CSV_HEADER = [
  'FAQ-ID',
  '質問',
  '所管課',
  '公開状態',
  'はい',
  'いいえ',
  '合計',
  '役に立った割合（%）',
  '集計開始日',
  '集計終了日',
];

/** はい ÷ total as a percentage with one decimal (`85.7`); empty without votes. */
export const percentText = (ratio: number | null) => (ratio === null ? '' : (ratio * 100).toFixed(1));

/**
 * Every FAQ of the list (same period, filters, threshold and order, no paging) as CSV, UTF-8 with BOM, cells a
 * spreadsheet would run as formulas neutralised (docs/formats/faq-votes-csv.md). Comments are not in it: the
 * file is statistics, and it leaves the system. Audited as an export.
 */
export async function exportFaqVotes(
  ctx: ServiceContext,
  slug: string,
  query: z.input<typeof faqVoteFilterSchema>,
): Promise<VoteStatsFile> {
  const center = await resolveForStats(ctx, slug);
  const q = parseInput(faqVoteFilterSchema, query);
  const db = ctx.database.db;
  const now = ctx.now();
  const { rows } = await listVoteRows(db, center.id, {
    range: voteRange(q.from, q.to),
    minVotes: q.minVotes,
    sort: q.sort,
    categoryId: q.categoryId,
    departmentId: q.departmentId,
  });
  const departmentRows = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.centerId, center.id));
  const departmentName = new Map(departmentRows.map((d) => [d.id, d.name]));
  const grid = [
    CSV_HEADER,
    ...rows.map((r) => {
      const counts = voteCounts(r.helpful, r.notHelpful);
      return [
        r.faqCode,
        r.question,
        r.departmentId ? (departmentName.get(r.departmentId) ?? '') : '',
        publicationStateLabels[publicationState(r, now)],
        String(counts.helpful),
        String(counts.notHelpful),
        String(counts.total),
        percentText(counts.ratio),
        q.from,
        q.to,
      ];
    }),
  ].map((cells) => cells.map(neutralise));
  const body = writeCsv(grid, 'utf8bom');
  await recordAudit(db, ctx, {
    category: 'export',
    action: 'faq.votes.export',
    centerId: center.id,
    targetType: 'faq',
    detail: {
      format: 'csv',
      from: q.from,
      to: q.to,
      sort: q.sort,
      minVotes: q.minVotes,
      filter: { categoryId: q.categoryId ?? null, departmentId: q.departmentId ?? null },
      rows: rows.length,
    },
  });
  const stamp = `${q.from.replaceAll('-', '')}-${q.to.replaceAll('-', '')}`;
  return {
    // Characters Windows refuses in file names would make the browser rename the file its own way.
    filename: `FAQ満足度_${center.name.replace(/[\\/:*?"<>|\s]+/g, '_')}_${stamp}.csv`,
    asciiFilename: `faq-votes-${center.slug}-${stamp}.csv`,
    body,
    rows: rows.length,
  };
}

import { z } from 'zod';
import { faqIdSchema, publicationStateSchema, voteCountsSchema } from './faq.ts';

// Citizens' 「この情報は役に立ちましたか」 votes on the public FAQ site and the statistics FAQ editors make of them
// (seed 004 第2-8(1)イ(ｳ): 市民によるＦＡＱデータの満足度調査が行え、…満足度に関する統計データが作成できる).
// Dates are Japan-time calendar days, both ends included.

/** The longest period one statistic covers (a year and a day, for a leap year). */
export const MAX_VOTE_PERIOD_DAYS = 366;

const isoDate = z.iso.date({ message: '日付は YYYY-MM-DD の形式で入力してください' });

/** How the centre-wide list is ordered: most いいえ first, or the lowest share of はい first. */
export const faqVoteSortSchema = z.enum(['notHelpful', 'ratio']);
export type FaqVoteSort = z.infer<typeof faqVoteSortSchema>;
export const faqVoteSortLabels: Record<FaqVoteSort, string> = {
  notHelpful: '「いいえ」が多い順',
  ratio: '役に立った割合が低い順',
};

/** Which FAQs the centre-wide statistics cover (the list and its CSV). */
export const faqVoteFilterSchema = z.object({
  from: isoDate,
  to: isoDate,
  sort: faqVoteSortSchema.default('notHelpful'),
  /** Only FAQs with at least this many votes in the period: a ratio of 1 vote says little. */
  minVotes: z.coerce.number().int().min(1, '最低投票数は1以上にしてください').max(100_000).default(1),
  categoryId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
});
export const faqVoteListQuerySchema = faqVoteFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type FaqVoteListQuery = z.input<typeof faqVoteListQuerySchema>;

export const faqVoteRowSchema = voteCountsSchema.extend({
  faqId: faqIdSchema,
  question: z.string(),
  departmentId: z.uuid().nullable(),
  publicationState: publicationStateSchema,
});
export type FaqVoteRow = z.infer<typeof faqVoteRowSchema>;

/** The centre-wide statistics of a period: every vote together, and the FAQs that pass the threshold. */
export const faqVoteListSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  sort: faqVoteSortSchema,
  minVotes: z.number().int(),
  /** All votes of the period (filters applied, threshold not), and how many FAQs received them. */
  summary: voteCountsSchema.extend({ faqs: z.number().int() }),
  /** FAQs that pass the threshold; `items` is one page of them. */
  total: z.number().int(),
  items: z.array(faqVoteRowSchema),
});
export type FaqVoteList = z.infer<typeof faqVoteListSchema>;

/** One FAQ's statistics: the period (default the last 28 days) and everything since the first vote. */
export const faqVoteStatsQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** How many of the latest comments to return (those allowed to read them only). */
  comments: z.coerce.number().int().min(0).max(100).default(20),
});

/** A comment a citizen typed with the vote. It may hold personal data: shown to those who may read it only. */
export const faqVoteCommentSchema = z.object({
  helpful: z.boolean(),
  comment: z.string(),
  createdAt: z.string(),
});
export type FaqVoteComment = z.infer<typeof faqVoteCommentSchema>;

export const faqVoteStatsSchema = z.object({
  faqId: faqIdSchema,
  from: z.iso.date(),
  to: z.iso.date(),
  period: voteCountsSchema,
  allTime: voteCountsSchema,
  /** The latest comments of the period, newest first; null when the caller may not read comments. */
  comments: z.array(faqVoteCommentSchema).nullable(),
});
export type FaqVoteStats = z.infer<typeof faqVoteStatsSchema>;

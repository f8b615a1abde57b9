// 「この情報は役に立ちましたか」 (seed 004 第2-8(1)イ(ｳ)): one row per vote in faq_votes, nothing that
// identifies the voter (no IP, no cookie, no user agent). FAQ editors read the statistics in the console.
import { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import { faqVotes } from '../../platform/db/schema.ts';

export const VOTE_COMMENT_MAX = 1000;

/** The vote form as posted (application/x-www-form-urlencoded); `website` is the honeypot. */
export const voteFormSchema = z.object({
  helpful: z.enum(['yes', 'no'], { message: '「はい」か「いいえ」を選んでください' }),
  comment: z
    .string()
    .max(VOTE_COMMENT_MAX, `ご意見は${VOTE_COMMENT_MAX}文字以内で入力してください`)
    .optional()
    .default(''),
  website: z.string().optional().default(''),
});
export type VoteForm = z.infer<typeof voteFormSchema>;

/** Line breaks to \n and control characters out: the comment is shown to editors as plain text. */
export function cleanComment(comment: string): string | null {
  const cleaned = comment
    .replace(/\r\n?/g, '\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .trim();
  return cleaned.length > 0 ? cleaned.slice(0, VOTE_COMMENT_MAX) : null;
}

/** Stores one vote on a visible FAQ (the caller checked visibility and the centre). */
export async function recordFaqVote(
  executor: Executor,
  vote: { centerId: string; faqId: string; helpful: boolean; comment: string | null; at: Date },
): Promise<void> {
  await executor.insert(faqVotes).values({
    centerId: vote.centerId,
    faqId: vote.faqId,
    helpful: vote.helpful,
    comment: vote.comment,
    createdAt: vote.at,
  });
}

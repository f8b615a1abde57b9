// Comments on an FAQ: how editors, supervisors and the owning department agree on a change before it is made.
import { faqCommentInputSchema } from '@madoguchi/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { faqComments, users } from '../../platform/db/schema.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { canCommentFaq } from './faq.policy.ts';
import { resolveVisibleFaq, writing } from './faq.service.ts';

export interface FaqCommentView {
  id: string;
  body: string;
  author: { id: string | null; name: string };
  createdAt: string;
}

/** The comments on an FAQ, oldest first, for anyone who may see the FAQ. */
export async function listFaqComments(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
): Promise<FaqCommentView[]> {
  const { center, row } = await resolveVisibleFaq(ctx, slug, faqCode);
  const rows = await ctx.database.db
    .select({
      id: faqComments.id,
      body: faqComments.body,
      authorUserId: faqComments.authorUserId,
      authorLoginId: faqComments.authorLoginId,
      authorName: users.displayName,
      createdAt: faqComments.createdAt,
    })
    .from(faqComments)
    .leftJoin(users, eq(users.id, faqComments.authorUserId))
    .where(and(eq(faqComments.centerId, center.id), eq(faqComments.faqId, row.id)))
    .orderBy(asc(faqComments.createdAt), asc(faqComments.id));
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    author: { id: r.authorUserId, name: r.authorName ?? r.authorLoginId },
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Adds a comment: editors and supervisors on any FAQ, department staff on their department's FAQs. */
export async function addFaqComment(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  input: unknown,
): Promise<FaqCommentView> {
  const { center, row } = await resolveVisibleFaq(ctx, slug, faqCode);
  const actor = requireActor(ctx);
  authorize(canCommentFaq(actor, center.id, row.departmentId), 'このFAQにコメントする権限がありません。');
  const data = parseInput(faqCommentInputSchema, input);
  return writing(ctx, async (tx) => {
    const [comment] = await tx
      .insert(faqComments)
      .values({
        centerId: center.id,
        faqId: row.id,
        authorUserId: actor.userId,
        authorLoginId: actor.loginId,
        body: data.body,
        createdAt: ctx.now(),
      })
      .returning();
    if (!comment) throw new Error('insert returned no row');
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'faq.comment.create',
      centerId: center.id,
      targetType: 'faq',
      targetId: row.id,
      detail: { faqId: row.faqCode, commentId: comment.id },
    });
    return {
      id: comment.id,
      body: comment.body,
      author: { id: actor.userId, name: actor.displayName },
      createdAt: comment.createdAt.toISOString(),
    };
  });
}

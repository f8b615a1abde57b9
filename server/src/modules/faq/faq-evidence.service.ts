// Learnt wordings (learning from use, faq-stats.service.ts recordFaqUse) under the FAQ editors' eye: an operator
// who presses 「このFAQで回答した」 on the wrong FAQ teaches the search a wrong answer, and nothing would ever
// unteach it. Editors see each FAQ's wordings and remove a wrong one; an administrator may erase all of a
// centre's (with the learning switch, the centre's choice to keep none). Every change reaches the search
// indexes of every process through the FAQ change notification, as an edit of the FAQ does.
import type { FaqEvidence } from '@madoguchi/contracts';
import { and, asc, desc, eq } from 'drizzle-orm';
import { faqEvidence } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { canEraseFaqEvidence, canManageFaqEvidence } from './faq.policy.ts';
import { resolveVisibleFaq } from './faq.service.ts';
import { notifyFaqChanged } from './notify.ts';

const FORBIDDEN = '学習した検索語を扱う権限がありません。';

async function editableFaq(ctx: ServiceContext, slug: string, faqCode: string) {
  const found = await resolveVisibleFaq(ctx, slug, faqCode);
  authorize(canManageFaqEvidence(requireActor(ctx), found.center.id), FORBIDDEN);
  return found;
}

/** An FAQ's learnt wordings, most used first; a view of what operators typed, so it is logged. */
export async function listFaqEvidence(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
): Promise<FaqEvidence[]> {
  const { center, row } = await editableFaq(ctx, slug, faqCode);
  return ctx.database.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: faqEvidence.id,
        phrase: faqEvidence.phraseNormalized,
        uses: faqEvidence.uses,
        lastUsedAt: faqEvidence.lastUsedAt,
      })
      .from(faqEvidence)
      .where(and(eq(faqEvidence.centerId, center.id), eq(faqEvidence.faqId, row.id)))
      .orderBy(desc(faqEvidence.uses), desc(faqEvidence.lastUsedAt), asc(faqEvidence.phraseNormalized));
    await recordAudit(tx, ctx, {
      category: 'view',
      action: 'faq.evidence.list',
      centerId: center.id,
      targetType: 'faq',
      targetId: row.id,
      detail: { faqId: row.faqCode, count: rows.length },
    });
    return rows.map((r) => ({ ...r, lastUsedAt: r.lastUsedAt.toISOString() }));
  });
}

/** Removes one learnt wording of an FAQ; the search forgets it within a second in every process. */
export async function removeFaqEvidence(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  evidenceId: string,
): Promise<void> {
  const { center, row } = await editableFaq(ctx, slug, faqCode);
  await ctx.database.transaction(async (tx) => {
    const [removed] = await tx
      .delete(faqEvidence)
      .where(
        and(
          eq(faqEvidence.centerId, center.id),
          eq(faqEvidence.faqId, row.id),
          eq(faqEvidence.id, evidenceId),
        ),
      )
      .returning({ uses: faqEvidence.uses });
    if (!removed) throw notFound('学習した検索語');
    await notifyFaqChanged(tx, center.id, [row.id]);
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'faq.evidence.delete',
      centerId: center.id,
      targetType: 'faq',
      targetId: row.id,
      // Not the wording: the access log outlives the need for it.
      detail: { faqId: row.faqCode, uses: removed.uses },
    });
  });
}

/** Erases every learnt wording of the centre; returns how many. */
export async function eraseCenterEvidence(ctx: ServiceContext, slug: string): Promise<{ deleted: number }> {
  const center = await resolveCenter(ctx, slug);
  authorize(canEraseFaqEvidence(requireActor(ctx), center.id), FORBIDDEN);
  return ctx.database.transaction(async (tx) => {
    const removed = await tx
      .delete(faqEvidence)
      .where(eq(faqEvidence.centerId, center.id))
      .returning({ faqId: faqEvidence.faqId });
    const faqIds = [...new Set(removed.map((r) => r.faqId))];
    if (faqIds.length > 0) await notifyFaqChanged(tx, center.id, faqIds);
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'faq.evidence.erase',
      centerId: center.id,
      targetType: 'center',
      targetId: center.id,
      detail: { deleted: removed.length, faqs: faqIds.length },
    });
    return { deleted: removed.length };
  });
}

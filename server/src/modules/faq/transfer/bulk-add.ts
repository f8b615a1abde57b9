import { faqInputSchema } from '@madoguchi/contracts';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.ts';
import { auditEvents, faqCategories, faqRelated, faqRevisions, faqs } from '../../../platform/db/schema.ts';
import type { ServiceContext } from '../../auth/actor.ts';
import { answerHtmlOf, answerTextOf } from '../answer-html.ts';
import { lockFaqCodes, nextFaqCode } from '../faq.repository.ts';
import { diffSnapshots, type FaqSnapshot } from '../faq.service.ts';
import { notifyFaqChanged } from '../notify.ts';
import type { Operation } from './import-plan.ts';

// New FAQs of an import, written in batches: thousands of rows through createFaq one by one cost about 10 ms
// each (a dozen round trips), minutes for a whole FAQ database. The rows, revisions (action `import`), audit
// rows and search notifications are the ones createFaq writes; the plan has already checked what createFaq
// checks (FAQ-IDs free, categories, department and related FAQs of the centre, publication window, answer).

const BATCH = 500;
const AUTO_CODE = /^FAQ-(\d{6,})$/;

type Add = Extract<Operation, { kind: 'add' }>;

/** Inserts the adds in file order; returns their FAQ-IDs (given, or the next `FAQ-nnnnnn`). */
export async function insertImportedFaqs(
  tx: Executor,
  ctx: ServiceContext,
  centerId: string,
  adds: readonly Add[],
  onBatch: (done: number) => void,
): Promise<string[]> {
  if (!adds.length) return [];
  const now = ctx.now();
  const userId = ctx.actor?.userId ?? null;
  const inputs = adds.map((a) => faqInputSchema.parse(a.input));

  // Rows without an FAQ-ID take the next numbers after the centre's and the file's own FAQ-nnnnnn.
  let next = 0;
  if (inputs.some((i) => !i.faqId)) {
    await lockFaqCodes(tx, centerId);
    next = Number((await nextFaqCode(tx, centerId)).slice(4));
    for (const i of inputs) {
      const m = i.faqId ? AUTO_CODE.exec(i.faqId) : null;
      if (m) next = Math.max(next, Number(m[1]) + 1);
    }
  }
  const codes = inputs.map((i) => i.faqId ?? `FAQ-${String(next++).padStart(6, '0')}`);

  // Related FAQs may name FAQs that exist or that this import adds, in any order: ids after all inserts.
  const idOf = new Map<string, string>();
  const created: { id: string; code: string }[] = [];
  for (let offset = 0; offset < inputs.length; offset += BATCH) {
    const rows = inputs.slice(offset, offset + BATCH).map((input, i) => {
      const answerHtml = answerHtmlOf(input.answer);
      return {
        centerId,
        faqCode: codes[offset + i] as string,
        question: input.question,
        answerHtml,
        answerText: answerTextOf(answerHtml),
        altPhrasings: input.altPhrasings,
        keywords: input.keywords,
        departmentId: input.departmentId,
        relatedUrls: input.relatedUrls,
        internalNotes: input.internalNotes,
        published: input.published,
        publishStart: input.publishStart ? new Date(input.publishStart) : null,
        publishEnd: input.publishEnd ? new Date(input.publishEnd) : null,
        createdAt: now,
        createdBy: userId,
        updatedAt: now,
        updatedBy: userId,
      };
    });
    const inserted = await tx.insert(faqs).values(rows).returning({ id: faqs.id, code: faqs.faqCode });
    for (const r of inserted) {
      idOf.set(r.code, r.id);
      created.push(r);
    }
    onBatch(Math.min(offset + BATCH, inputs.length));
  }
  const relatedCodes = [...new Set(inputs.flatMap((i) => i.relatedFaqIds))].filter((c) => !idOf.has(c));
  for (let offset = 0; offset < relatedCodes.length; offset += BATCH) {
    const found = await tx
      .select({ id: faqs.id, code: faqs.faqCode })
      .from(faqs)
      .where(
        and(
          eq(faqs.centerId, centerId),
          inArray(faqs.faqCode, relatedCodes.slice(offset, offset + BATCH)),
          isNull(faqs.deletedAt),
        ),
      );
    for (const r of found) idOf.set(r.code, r.id);
  }

  const categoryRows = created.flatMap((faq, i) =>
    [...new Set(inputs[i]?.categoryIds)].map((categoryId) => ({ centerId, faqId: faq.id, categoryId })),
  );
  const relatedRows = created.flatMap((faq, i) =>
    [...new Set(inputs[i]?.relatedFaqIds)].map((code, sort) => {
      const relatedFaqId = idOf.get(code);
      if (!relatedFaqId) throw new Error(`related FAQ ${code} vanished during the import`);
      return { centerId, faqId: faq.id, relatedFaqId, sort };
    }),
  );
  const snapshots = created.map((faq, i): FaqSnapshot => {
    const input = inputs[i] as (typeof inputs)[number];
    return {
      faqId: faq.code,
      question: input.question,
      answer: answerHtmlOf(input.answer),
      altPhrasings: input.altPhrasings,
      keywords: input.keywords,
      categoryIds: [...new Set(input.categoryIds)],
      departmentId: input.departmentId,
      relatedFaqIds: [...new Set(input.relatedFaqIds)],
      relatedUrls: input.relatedUrls,
      internalNotes: input.internalNotes,
      published: input.published,
      publishStart: input.publishStart ? new Date(input.publishStart).toISOString() : null,
      publishEnd: input.publishEnd ? new Date(input.publishEnd).toISOString() : null,
      lastReviewedAt: null,
      lastReviewedBy: null,
      deleted: false,
    };
  });
  for (let offset = 0; offset < created.length; offset += BATCH) {
    const slice = created.slice(offset, offset + BATCH);
    const changes = slice.map((_, i) => diffSnapshots(null, snapshots[offset + i] as FaqSnapshot));
    await tx.insert(faqRevisions).values(
      slice.map((faq, i) => ({
        centerId,
        faqId: faq.id,
        revision: 1,
        action: 'import' as const,
        snapshot: snapshots[offset + i] as unknown as Record<string, unknown>,
        changes: changes[i] ?? {},
        actorUserId: userId,
        actorLoginId: ctx.actor?.loginId ?? null,
        createdAt: now,
      })),
    );
    await tx.insert(auditEvents).values(
      slice.map((faq, i) => ({
        category: 'change' as const,
        action: 'faq.import',
        centerId,
        actorUserId: userId,
        actorLoginId: ctx.actor?.loginId ?? null,
        targetType: 'faq',
        targetId: faq.id,
        detail: { faqId: faq.code, revision: 1, fields: Object.keys(changes[i] ?? {}), restoredFrom: null },
        ip: ctx.meta.ip,
        userAgent: ctx.meta.userAgent?.slice(0, 500) ?? null,
      })),
    );
  }
  for (let offset = 0; offset < categoryRows.length; offset += BATCH)
    await tx.insert(faqCategories).values(categoryRows.slice(offset, offset + BATCH));
  for (let offset = 0; offset < relatedRows.length; offset += BATCH)
    await tx.insert(faqRelated).values(relatedRows.slice(offset, offset + BATCH));
  await notifyFaqChanged(
    tx,
    centerId,
    created.map((c) => c.id),
  );
  return codes;
}

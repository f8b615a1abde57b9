// When a category, a category axis or a department is deleted (modules/centers), the FAQs that used it
// change too: the category links go by cascade, a department must not go while live FAQs name it. Each FAQ
// that changes gets a revision (who, when, what: the category gone) and the search indexes are told, in the
// transaction of the delete, so that neither the FAQ's history nor the search filters silently go stale.
import type { Faq } from '@madoguchi/contracts';
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { categories, departments, faqCategories, faqs } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ServiceContext } from '../auth/actor.ts';
import { type FaqRow, presentFaqs } from './faq.repository.ts';
import { diffSnapshots, recordSaves, type Save, snapshotOf } from './revisions.ts';

/** What is being deleted: categories by id, or every category of an axis. */
export type CategoryRemoval = { categoryIds: readonly string[] } | { axisId: string };

/**
 * Call inside the delete's transaction, before the delete: locks the FAQs that use the categories and keeps
 * their records. Returns what to call once the delete (and its cascade) has run: it bumps each FAQ's version
 * and writes its revision (action `update`, the categories removed), audit row and search notification, with
 * the caller as actor. Deleted FAQs lose the link too and get the revision as well (a restore shows it).
 */
export async function prepareCategoryRemoval(
  tx: Executor,
  ctx: ServiceContext,
  centerId: string,
  removal: CategoryRemoval,
): Promise<() => Promise<void>> {
  const categoryIds =
    'axisId' in removal
      ? (
          await tx
            .select({ id: categories.id })
            .from(categories)
            .where(and(eq(categories.centerId, centerId), eq(categories.axisId, removal.axisId)))
        ).map((c) => c.id)
      : [...removal.categoryIds];
  if (!categoryIds.length) return async () => {};
  const using = tx
    .select({ faqId: faqCategories.faqId })
    .from(faqCategories)
    .where(and(eq(faqCategories.centerId, centerId), inArray(faqCategories.categoryId, categoryIds)));
  // Locked in one order, as every save locks its FAQ: an editor saving one of them waits or conflicts.
  const rows = await tx
    .select()
    .from(faqs)
    .where(and(eq(faqs.centerId, centerId), inArray(faqs.id, using)))
    .orderBy(asc(faqs.id))
    .for('update');
  if (!rows.length) return async () => {};
  const before = await presentFaqs(tx, centerId, rows, ctx.now());
  const cause =
    'axisId' in removal
      ? { type: 'category_axis', id: removal.axisId }
      : { type: 'category', ids: categoryIds };
  return () => bumpAndRecord(tx, ctx, centerId, rows, before, {}, cause);
}

/**
 * Call inside a department delete's transaction, before the delete. FAQs in use keep their owner: while a
 * live FAQ names the department the delete is refused (409) with the FAQ-IDs, so that someone chooses the
 * new owner (the foreign key restricts the delete anyway; this says why). Deleted FAQs cannot be edited, so
 * they lose the department here, each with a revision, instead of blocking the delete for ever.
 */
export async function releaseDepartmentFromFaqs(
  tx: Executor,
  ctx: ServiceContext,
  centerId: string,
  departmentId: string,
): Promise<void> {
  const [department] = await tx
    .select({ name: departments.name })
    .from(departments)
    .where(and(eq(departments.centerId, centerId), eq(departments.id, departmentId)));
  if (!department) return;
  const owned = (deleted: boolean) =>
    and(
      eq(faqs.centerId, centerId),
      eq(faqs.departmentId, departmentId),
      deleted ? isNotNull(faqs.deletedAt) : isNull(faqs.deletedAt),
    );
  const live = await tx
    .select({ code: faqs.faqCode })
    .from(faqs)
    .where(owned(false))
    .orderBy(asc(faqs.faqCode));
  if (live.length) {
    const shown = live.slice(0, 5).map((f) => f.code);
    throw new AppError(
      'conflict',
      `所管課「${department.name}」はFAQ ${live.length}件の所管課です（FAQ-ID: ${shown.join('、')}${
        live.length > shown.length ? ' ほか' : ''
      }）。FAQの所管課を変更してから削除してください。`,
    );
  }
  const rows = await tx.select().from(faqs).where(owned(true)).orderBy(asc(faqs.id)).for('update');
  if (!rows.length) return;
  const before = await presentFaqs(tx, centerId, rows, ctx.now());
  await bumpAndRecord(
    tx,
    ctx,
    centerId,
    rows,
    before,
    { departmentId: null },
    {
      type: 'department',
      id: departmentId,
    },
  );
}

const BATCH = 500;

/** New version (and `set`), revision, audit row and notification for each FAQ; `before` in `rows`' order. */
async function bumpAndRecord(
  tx: Executor,
  ctx: ServiceContext,
  centerId: string,
  rows: readonly FaqRow[],
  before: readonly Faq[],
  set: { departmentId?: null },
  cause: Record<string, unknown>,
): Promise<void> {
  const now = ctx.now();
  const saves: Save[] = [];
  for (let offset = 0; offset < rows.length; offset += BATCH) {
    const slice = rows.slice(offset, offset + BATCH);
    const updated = await tx
      .update(faqs)
      .set({
        ...set,
        version: sql`${faqs.version} + 1`,
        updatedAt: now,
        updatedBy: ctx.actor?.userId ?? null,
      })
      .where(
        and(
          eq(faqs.centerId, centerId),
          inArray(
            faqs.id,
            slice.map((r) => r.id),
          ),
        ),
      )
      .returning();
    const byId = new Map(updated.map((r) => [r.id, r]));
    const afterRows = slice.map((r) => {
      const after = byId.get(r.id);
      if (!after) throw new Error('a locked FAQ vanished');
      return after;
    });
    const records = await presentFaqs(tx, centerId, afterRows, now);
    for (const [i, after] of afterRows.entries()) {
      const previous = before[offset + i] as Faq;
      const faq = records[i] as Faq;
      const deleted = after.deletedAt !== null;
      saves.push({
        after,
        faq,
        changes: diffSnapshots(snapshotOf(previous, deleted), snapshotOf(faq, deleted)),
      });
    }
  }
  await recordSaves(tx, ctx, centerId, saves, 'update', { auditDetail: { cause } });
}

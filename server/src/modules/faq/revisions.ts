// What every save of an FAQ leaves behind: the revision (snapshot and diff), the audit row and the search
// notification. Kept apart from faq.service.ts so that other modules' writes that change FAQs (a category
// deleted in modules/centers) record them the same way without importing the FAQ use cases.
import type { Faq, FaqRevision, RelatedUrl } from '@madoguchi/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { auditEvents, faqRevisions } from '../../platform/db/schema.ts';
import type { ServiceContext } from '../auth/actor.ts';
import type { FaqRow } from './faq.repository.ts';
import { notifyFaqChanged } from './notify.ts';

export type RevisionAction = FaqRevision['action'];

/** The editable content of an FAQ, complete (what a create gives or an update ends with). */
export interface FaqContent {
  question: string;
  answer: string;
  altPhrasings: string[];
  keywords: string[];
  categoryIds: string[];
  departmentId: string | null;
  relatedFaqIds: string[];
  relatedUrls: RelatedUrl[];
  internalNotes: string;
  published: boolean;
  publishStart: string | null;
  publishEnd: string | null;
}

/** The whole record after a save (answer as sanitised HTML), kept with each revision: what a restore brings back. */
export interface FaqSnapshot extends FaqContent {
  faqId: string;
  lastReviewedAt: string | null;
  lastReviewedBy: string | null;
  deleted: boolean;
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** The editable content of an FAQ record (what a save, a snapshot and an export row carry). */
export function contentOf(faq: Faq): FaqContent {
  return {
    question: faq.question,
    answer: faq.answer,
    altPhrasings: faq.altPhrasings,
    keywords: faq.keywords,
    categoryIds: faq.categoryIds,
    departmentId: faq.departmentId,
    relatedFaqIds: faq.relatedFaqIds,
    relatedUrls: faq.relatedUrls,
    internalNotes: faq.internalNotes,
    published: faq.published,
    publishStart: faq.publishStart,
    publishEnd: faq.publishEnd,
  };
}

export const snapshotOf = (faq: Faq, deleted: boolean): FaqSnapshot => ({
  faqId: faq.faqId,
  ...contentOf(faq),
  lastReviewedAt: faq.lastReviewedAt,
  lastReviewedBy: faq.lastReviewedBy?.id ?? null,
  deleted,
});

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);

/** Field → { from, to } between two snapshots; for a new FAQ, the fields given a value. */
export function diffSnapshots(before: FaqSnapshot | null, after: FaqSnapshot): Changes {
  const changes: Changes = {};
  for (const [key, to] of Object.entries(after)) {
    const from = before ? before[key as keyof FaqSnapshot] : null;
    if (before ? JSON.stringify(from) !== JSON.stringify(to) : !isEmpty(to)) changes[key] = { from, to };
  }
  return changes;
}

export const isoOrNull = (value: string | null) => (value === null ? null : new Date(value).toISOString());

/** One save to record: the row after it (its version is the revision number), its record and what changed. */
export interface Save {
  after: FaqRow;
  faq: Faq;
  changes: Changes;
}

const BATCH = 500;

/**
 * The revision rows, the audit rows and the change notification that go with saves of FAQs, in the
 * transaction of the saves, batched. `auditDetail` adds to each audit row's detail (e.g. what caused it).
 */
export async function recordSaves(
  tx: Executor,
  ctx: ServiceContext,
  centerId: string,
  saves: readonly Save[],
  action: RevisionAction,
  options: { restoredFrom?: number | null; auditDetail?: Record<string, unknown> } = {},
): Promise<void> {
  if (!saves.length) return;
  const restoredFrom = options.restoredFrom ?? null;
  const createdAt = ctx.now();
  const actorUserId = ctx.actor?.userId ?? null;
  const actorLoginId = ctx.actor?.loginId ?? null;
  for (let offset = 0; offset < saves.length; offset += BATCH) {
    const slice = saves.slice(offset, offset + BATCH);
    await tx.insert(faqRevisions).values(
      slice.map(({ after, faq, changes }) => ({
        centerId,
        faqId: after.id,
        revision: after.version,
        action,
        snapshot: snapshotOf(faq, after.deletedAt !== null) as unknown as Record<string, unknown>,
        changes,
        restoredFrom,
        actorUserId,
        actorLoginId,
        createdAt,
      })),
    );
    await tx.insert(auditEvents).values(
      slice.map(({ after, changes }) => ({
        category: 'change' as const,
        action: `faq.${action}`,
        centerId,
        actorUserId,
        actorLoginId,
        targetType: 'faq',
        targetId: after.id,
        // The revision keeps the values; the access log names what changed.
        detail: {
          faqId: after.faqCode,
          revision: after.version,
          fields: Object.keys(changes),
          restoredFrom,
          ...options.auditDetail,
        },
        ip: ctx.meta.ip,
        userAgent: ctx.meta.userAgent?.slice(0, 500) ?? null,
      })),
    );
  }
  await notifyFaqChanged(
    tx,
    centerId,
    saves.map((s) => s.after.id),
  );
}

/** The revision row, the audit row and the change notification that go with one save. */
export function recordSave(
  tx: Executor,
  ctx: ServiceContext,
  centerId: string,
  after: FaqRow,
  faq: Faq,
  changes: Changes,
  action: RevisionAction,
  restoredFrom: number | null = null,
): Promise<void> {
  return recordSaves(tx, ctx, centerId, [{ after, faq, changes }], action, { restoredFrom });
}

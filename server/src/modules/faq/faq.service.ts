import {
  type Faq,
  type FaqRevision,
  faqInputSchema,
  faqListQuerySchema,
  faqUpdateSchema,
} from '@madoguchi/contracts';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/errors.ts';
import {
  auditEvents,
  categories,
  departments,
  faqCategories,
  faqRelated,
  faqRevisions,
  faqs,
  users,
} from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import type { CenterRow } from '../centers/centers.repository.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { answerHtmlOf, answerTextOf } from './answer-html.ts';
import { recordConsoleView } from './console-views.ts';
import { canEditFaqs, canListFaqs, canViewFaq, departmentScope } from './faq.policy.ts';
import {
  type FaqRow,
  findFaqRow,
  listFaqSummaries,
  lockFaqCodes,
  nextFaqCode,
  presentFaq,
  presentFaqs,
  replaceCategories,
  replaceRelated,
} from './faq.repository.ts';
import { notifyFaqChanged } from './notify.ts';
import {
  type Changes,
  contentOf,
  diffSnapshots,
  type FaqContent,
  type FaqSnapshot,
  isoOrNull,
  type RevisionAction,
  recordSave,
  snapshotOf,
} from './revisions.ts';

export { contentOf, diffSnapshots, type FaqContent, type FaqSnapshot } from './revisions.ts';

/** Runs a write in a transaction; duplicate keys and vanished references become 409 with a Japanese message. */
export async function writing<T>(
  ctx: ServiceContext,
  fn: (tx: Executor) => Promise<T>,
  conflictMessage?: string,
): Promise<T> {
  try {
    return await ctx.database.transaction(fn);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', conflictMessage);
    if (isForeignKeyViolation(error))
      throw new AppError('conflict', '関連するデータが変更されました。画面を読み込み直してください。');
    throw error;
  }
}

/** The FAQ a caller may see, or 404 / 403; the check every read of one FAQ goes through. */
export async function resolveVisibleFaq(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  options: { includeDeleted?: boolean } = {},
): Promise<{ center: CenterRow; row: FaqRow }> {
  const center = await resolveCenter(ctx, slug);
  const row = await findFaqRow(ctx.database.db, center.id, faqCode, options);
  if (!row) throw notFound('FAQ');
  authorize(canViewFaq(requireActor(ctx), center.id, row.departmentId), 'この所管課のFAQではありません。');
  return { center, row };
}

/** The centre, checked for the editor right before anything else is looked up. */
async function resolveForEditing(ctx: ServiceContext, slug: string): Promise<CenterRow> {
  const center = await resolveCenter(ctx, slug);
  authorize(canEditFaqs(requireActor(ctx), center.id), 'FAQの編集権限がありません。');
  return center;
}

// ── reading ──────────────────────────────────────────────────────────────────────────────────────────────
export async function listFaqs(ctx: ServiceContext, slug: string, query: z.input<typeof faqListQuerySchema>) {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  authorize(canListFaqs(actor, center.id));
  const q = parseInput(faqListQuerySchema, query);
  const deleted = q.deleted === 'true';
  if (deleted) authorize(canEditFaqs(actor, center.id), '削除済みのFAQを見る権限がありません。');
  const now = ctx.now();
  return listFaqSummaries(
    ctx.database.db,
    center.id,
    {
      categoryId: q.categoryId,
      departmentId: q.departmentId,
      scopeDepartmentId: departmentScope(actor, center.id),
      state: q.state,
      reviewedBefore: q.reviewDue === 'true' ? reviewDueBefore(now) : undefined,
      deleted,
      limit: q.limit,
      offset: q.offset,
    },
    now,
  );
}

/** The cut-off for "review due": every FAQ checked at least once a year (seed 004 第3-3(4)). */
export function reviewDueBefore(now: Date): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - 1);
  return cutoff;
}

/**
 * One FAQ; counts a console view for the weekly ranking unless `countView` is false: the first view of the FAQ
 * by this staff member on this Japan-time day (console-views.ts says why and how).
 */
export async function getFaq(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  options: { countView?: boolean } = {},
): Promise<Faq> {
  const { center, row } = await resolveVisibleFaq(ctx, slug, faqCode);
  const actor = requireActor(ctx);
  const now = ctx.now();
  if (options.countView ?? true)
    await recordConsoleView(ctx.database, center.id, row.id, actor.userId ?? actor.loginId, now);
  return presentFaq(ctx.database.db, center.id, row, now);
}

// ── writing ──────────────────────────────────────────────────────────────────────────────────────────────
/** Checks categories, department and related FAQs against the centre; gives the related FAQs' uuids. */
async function checkReferences(
  tx: Executor,
  centerId: string,
  selfCode: string,
  content: FaqContent,
): Promise<string[]> {
  if (content.categoryIds.length) {
    const found = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.centerId, centerId), inArray(categories.id, content.categoryIds)));
    const known = new Set(found.map((c) => c.id));
    const index = content.categoryIds.findIndex((id) => !known.has(id));
    if (index >= 0)
      throw new AppError(
        'validation_failed',
        `categoryIds.${index}: このセンターにない分類です。`,
        `categoryIds.${index}`,
      );
  }
  if (content.departmentId) {
    const [found] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.centerId, centerId), eq(departments.id, content.departmentId)));
    if (!found)
      throw new AppError('validation_failed', 'departmentId: このセンターにない所管課です。', 'departmentId');
  }
  if (!content.relatedFaqIds.length) return [];
  const found = await tx
    .select({ id: faqs.id, code: faqs.faqCode })
    .from(faqs)
    .where(
      and(eq(faqs.centerId, centerId), inArray(faqs.faqCode, content.relatedFaqIds), isNull(faqs.deletedAt)),
    );
  const idOf = new Map(found.map((f) => [f.code, f.id]));
  return content.relatedFaqIds.map((code, index) => {
    const field = `relatedFaqIds.${index}`;
    if (code === selfCode)
      throw new AppError('validation_failed', `${field}: FAQ自身を関連FAQにはできません。`, field);
    const id = idOf.get(code);
    if (!id) throw new AppError('validation_failed', `${field}: FAQ-ID「${code}」のFAQはありません。`, field);
    return id;
  });
}

function checkWindow(content: FaqContent) {
  if (
    content.publishStart &&
    content.publishEnd &&
    isoOrNull(content.publishStart)! >= isoOrNull(content.publishEnd)!
  )
    throw new AppError(
      'validation_failed',
      'publishEnd: 公開終了日時は公開開始日時より後にしてください',
      'publishEnd',
    );
}

function contentColumns(content: FaqContent) {
  const answerHtml = answerHtmlOf(content.answer);
  const answerText = answerTextOf(answerHtml);
  if (!answerText)
    throw new AppError(
      'validation_failed',
      'answer: 回答に本文がありません（使えないタグだけでした）。',
      'answer',
    );
  return {
    question: content.question,
    answerHtml,
    answerText,
    altPhrasings: content.altPhrasings,
    keywords: content.keywords,
    departmentId: content.departmentId,
    relatedUrls: content.relatedUrls,
    internalNotes: content.internalNotes,
    published: content.published,
    publishStart: content.publishStart ? new Date(content.publishStart) : null,
    publishEnd: content.publishEnd ? new Date(content.publishEnd) : null,
  };
}

/**
 * Creates an FAQ (editors). The FAQ-ID is the one given or the next `FAQ-nnnnnn`. `action: 'import'` marks the
 * revision of a CSV import; inside a caller's transaction (withinTransaction) it becomes part of it.
 */
export async function createFaq(
  ctx: ServiceContext,
  slug: string,
  input: unknown,
  options: { action?: 'create' | 'import' } = {},
): Promise<Faq> {
  const center = await resolveForEditing(ctx, slug);
  const data = parseInput(faqInputSchema, input);
  const content: FaqContent = { ...data };
  checkWindow(content);
  const columns = contentColumns(content);
  return writing(
    ctx,
    async (tx) => {
      let code = data.faqId;
      if (code) {
        const taken = await findFaqRow(tx, center.id, code, { includeDeleted: true });
        if (taken) throw faqIdTaken(code, taken.deletedAt !== null);
      } else {
        await lockFaqCodes(tx, center.id);
        code = await nextFaqCode(tx, center.id);
      }
      const relatedIds = await checkReferences(tx, center.id, code, content);
      const { records } = await insertFaqs(
        tx,
        ctx,
        center.id,
        [{ faqId: code, content: { ...content, answer: columns.answerHtml } }],
        {
          action: options.action ?? 'create',
          relatedIds: new Map(content.relatedFaqIds.map((c, i) => [c, relatedIds[i] as string])),
          present: true,
        },
      );
      const [faq] = records;
      if (!faq) throw new Error('insert returned no row');
      return faq;
    },
    `FAQ-ID「${data.faqId ?? ''}」は既に使われています。`,
  );
}

/** A new FAQ for insertFaqs: a free FAQ-ID and checked content, the answer already sanitised HTML. */
export interface NewFaq {
  faqId: string;
  content: FaqContent;
  /** When it was made: its created and updated time and its revision's. Now by default. */
  createdAt?: Date;
  lastReviewedAt?: Date | null;
}

export interface InsertFaqsOptions {
  /** The revision action; the audit action is `faq.<action>`. */
  action: 'create' | 'import';
  /** Related FAQs (FAQ-ID → uuid) the caller has already looked up; the others are looked up here. */
  relatedIds?: ReadonlyMap<string, string>;
  /**
   * Also returns the FAQs as API records and takes the revision snapshots from them (categories in the order
   * of their axes, as createFaq has always kept them) instead of from the content as given.
   */
  present?: boolean;
  /** The audit detail of each FAQ; by default the FAQ-ID, revision, fields given and restoredFrom, as every save. */
  auditDetail?: (row: FaqRow, changes: Changes) => Record<string, unknown>;
  /** Queue the search notification for the new FAQs (default true). */
  notify?: boolean;
  /** Called after each batch of FAQ rows with the number inserted so far. */
  onBatch?: (done: number) => void;
}

const BATCH = 500;

/**
 * Writes new FAQs the way every create does, batched (at most 500 rows a statement): the rows, their categories
 * and related FAQs (FAQ-IDs of existing FAQs or of FAQs in `items`, in any order), a first revision (snapshot,
 * and the fields given as its changes) and an audit row each, and the search notification. The caller has
 * checked what createFaq checks (FAQ-IDs free, references of the centre, publication window, answer). Returns
 * the rows in the order of `items`, and the records when `present` is set.
 */
export async function insertFaqs(
  tx: Executor,
  ctx: ServiceContext,
  centerId: string,
  items: readonly NewFaq[],
  options: InsertFaqsOptions,
): Promise<{ rows: FaqRow[]; records: Faq[] }> {
  if (!items.length) return { rows: [], records: [] };
  const now = ctx.now();
  const userId = ctx.actor?.userId ?? null;
  const loginId = ctx.actor?.loginId ?? null;
  const contentOfRow = (i: number) => (items[i] as NewFaq).content;

  const rows: FaqRow[] = [];
  for (let offset = 0; offset < items.length; offset += BATCH) {
    const values = items
      .slice(offset, offset + BATCH)
      .map(({ faqId, content, createdAt = now, lastReviewedAt }) => ({
        centerId,
        faqCode: faqId,
        question: content.question,
        answerHtml: content.answer,
        answerText: answerTextOf(content.answer),
        altPhrasings: content.altPhrasings,
        keywords: content.keywords,
        departmentId: content.departmentId,
        relatedUrls: content.relatedUrls,
        internalNotes: content.internalNotes,
        published: content.published,
        publishStart: content.publishStart ? new Date(content.publishStart) : null,
        publishEnd: content.publishEnd ? new Date(content.publishEnd) : null,
        lastReviewedAt: lastReviewedAt ?? null,
        createdAt,
        createdBy: userId,
        updatedAt: createdAt,
        updatedBy: userId,
      }));
    rows.push(...(await tx.insert(faqs).values(values).returning()));
    options.onBatch?.(rows.length);
  }

  const categoryRows = rows.flatMap((row, i) =>
    [...new Set(contentOfRow(i).categoryIds)].map((categoryId) => ({ centerId, faqId: row.id, categoryId })),
  );
  for (let offset = 0; offset < categoryRows.length; offset += BATCH)
    await tx.insert(faqCategories).values(categoryRows.slice(offset, offset + BATCH));

  // Related FAQs may name FAQs that exist or that these items add, in any order: ids after all inserts.
  const idOf = new Map(options.relatedIds);
  for (const row of rows) idOf.set(row.faqCode, row.id);
  const unknown = [...new Set(items.flatMap((item) => item.content.relatedFaqIds))].filter(
    (c) => !idOf.has(c),
  );
  for (let offset = 0; offset < unknown.length; offset += BATCH) {
    const found = await tx
      .select({ id: faqs.id, code: faqs.faqCode })
      .from(faqs)
      .where(
        and(
          eq(faqs.centerId, centerId),
          inArray(faqs.faqCode, unknown.slice(offset, offset + BATCH)),
          isNull(faqs.deletedAt),
        ),
      );
    for (const r of found) idOf.set(r.code, r.id);
  }
  const relatedRows = rows.flatMap((row, i) =>
    [...new Set(contentOfRow(i).relatedFaqIds)].map((code, sort) => {
      const relatedFaqId = idOf.get(code);
      if (!relatedFaqId) throw new Error(`related FAQ ${code} vanished before it could be linked`);
      return { centerId, faqId: row.id, relatedFaqId, sort };
    }),
  );
  for (let offset = 0; offset < relatedRows.length; offset += BATCH)
    await tx.insert(faqRelated).values(relatedRows.slice(offset, offset + BATCH));

  const records: Faq[] = [];
  if (options.present)
    for (let offset = 0; offset < rows.length; offset += BATCH)
      records.push(...(await presentFaqs(tx, centerId, rows.slice(offset, offset + BATCH), now)));
  const snapshots = options.present
    ? records.map((faq) => snapshotOf(faq, false))
    : rows.map((row, i): FaqSnapshot => {
        const content = contentOfRow(i);
        return {
          faqId: row.faqCode,
          question: content.question,
          answer: content.answer,
          altPhrasings: content.altPhrasings,
          keywords: content.keywords,
          categoryIds: [...new Set(content.categoryIds)],
          departmentId: content.departmentId,
          relatedFaqIds: [...new Set(content.relatedFaqIds)],
          relatedUrls: content.relatedUrls,
          internalNotes: content.internalNotes,
          published: content.published,
          publishStart: isoOrNull(content.publishStart),
          publishEnd: isoOrNull(content.publishEnd),
          lastReviewedAt: row.lastReviewedAt?.toISOString() ?? null,
          lastReviewedBy: null,
          deleted: false,
        };
      });

  for (let offset = 0; offset < rows.length; offset += BATCH) {
    const slice = rows.slice(offset, offset + BATCH);
    const snapshotAt = (i: number) => snapshots[offset + i] as FaqSnapshot;
    const changes = slice.map((_, i) => diffSnapshots(null, snapshotAt(i)));
    await tx.insert(faqRevisions).values(
      slice.map((row, i) => ({
        centerId,
        faqId: row.id,
        revision: row.version,
        action: options.action,
        snapshot: snapshotAt(i) as unknown as Record<string, unknown>,
        changes: changes[i] as Changes,
        restoredFrom: null,
        actorUserId: userId,
        actorLoginId: loginId,
        createdAt: row.createdAt,
      })),
    );
    await tx.insert(auditEvents).values(
      slice.map((row, i) => ({
        category: 'change' as const,
        action: `faq.${options.action}`,
        centerId,
        actorUserId: userId,
        actorLoginId: loginId,
        targetType: 'faq',
        targetId: row.id,
        // The revision keeps the values; the access log names what changed.
        detail: options.auditDetail?.(row, changes[i] as Changes) ?? {
          faqId: row.faqCode,
          revision: row.version,
          fields: Object.keys(changes[i] as Changes),
          restoredFrom: null,
        },
        ip: ctx.meta.ip,
        userAgent: ctx.meta.userAgent?.slice(0, 500) ?? null,
      })),
    );
  }
  if (options.notify ?? true)
    await notifyFaqChanged(
      tx,
      centerId,
      rows.map((r) => r.id),
    );
  return { rows, records };
}

function faqIdTaken(code: string, deleted: boolean) {
  return new AppError(
    'conflict',
    deleted
      ? `FAQ-ID「${code}」は削除済みのFAQで使われています（FAQ-IDは再利用できません。履歴から復元できます）。`
      : `FAQ-ID「${code}」は既に使われています。`,
    'faqId',
  );
}

function staleVersion(row: FaqRow): AppError {
  return new AppError(
    'conflict',
    `このFAQは他の人が先に更新しました（現在の版は${row.version}です）。画面を読み込み直し、変更を確認してからもう一度保存してください。`,
    'version',
  );
}

/**
 * Writes new content over an FAQ row (locked by the caller): bumps the version, keeps a revision. Returns the
 * record unchanged, without a revision, when nothing differs.
 */
async function applyContent(
  tx: Executor,
  ctx: ServiceContext,
  centerId: string,
  row: FaqRow,
  before: Faq,
  content: FaqContent,
  action: RevisionAction,
  extra: { undelete?: boolean; restoredFrom?: number } = {},
): Promise<Faq> {
  checkWindow(content);
  const columns = contentColumns(content);
  const relatedIds = await checkReferences(tx, centerId, row.faqCode, content);
  const now = ctx.now();
  const [updated] = await tx
    .update(faqs)
    .set({
      ...columns,
      version: row.version + 1,
      updatedAt: now,
      updatedBy: ctx.actor?.userId ?? null,
      ...(extra.undelete ? { deletedAt: null } : {}),
    })
    .where(and(eq(faqs.id, row.id), eq(faqs.centerId, centerId)))
    .returning();
  if (!updated) throw notFound('FAQ');
  await replaceCategories(tx, centerId, row.id, content.categoryIds);
  await replaceRelated(tx, centerId, row.id, relatedIds);
  const faq = await presentFaq(tx, centerId, updated, now);
  const changes = diffSnapshots(snapshotOf(before, row.deletedAt !== null), snapshotOf(faq, false));
  if (!Object.keys(changes).length && !extra.undelete) throw new NothingChanged();
  await recordSave(tx, ctx, centerId, updated, faq, changes, action, extra.restoredFrom ?? null);
  return faq;
}

// Thrown inside the transaction to roll back a save that changed nothing (no empty revision, same version).
class NothingChanged extends Error {}

/**
 * Changes an FAQ (editors). `version` must be the one read: a stale one is a conflict, so two editors never
 * overwrite each other unawares. Absent fields stay as they are.
 */
export async function updateFaq(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  input: unknown,
  options: { action?: 'update' | 'import' } = {},
): Promise<Faq> {
  const center = await resolveForEditing(ctx, slug);
  const patch = parseInput(faqUpdateSchema, input);
  try {
    return await writing(ctx, async (tx) => {
      const row = await findFaqRow(tx, center.id, faqCode, { forUpdate: true });
      if (!row) throw notFound('FAQ');
      if (row.version !== patch.version) throw staleVersion(row);
      const before = await presentFaq(tx, center.id, row, ctx.now());
      const { version: _version, ...fields } = patch;
      const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const content: FaqContent = { ...contentOf(before), ...given };
      return applyContent(tx, ctx, center.id, row, before, content, options.action ?? 'update');
    });
  } catch (error) {
    if (error instanceof NothingChanged) return getFaq(ctx, slug, faqCode, { countView: false });
    throw error;
  }
}

/** Deletes an FAQ (editors): hidden everywhere, its FAQ-ID kept, restorable from its revisions. */
export async function deleteFaq(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  options: { version?: number } = {},
): Promise<void> {
  const center = await resolveForEditing(ctx, slug);
  await writing(ctx, async (tx) => {
    const row = await findFaqRow(tx, center.id, faqCode, { forUpdate: true });
    if (!row) throw notFound('FAQ');
    if (options.version !== undefined && row.version !== options.version) throw staleVersion(row);
    const now = ctx.now();
    const [updated] = await tx
      .update(faqs)
      .set({ deletedAt: now, version: row.version + 1, updatedAt: now, updatedBy: ctx.actor?.userId ?? null })
      .where(and(eq(faqs.id, row.id), eq(faqs.centerId, center.id)))
      .returning();
    if (!updated) throw notFound('FAQ');
    const faq = await presentFaq(tx, center.id, updated, now);
    await recordSave(tx, ctx, center.id, updated, faq, { deleted: { from: false, to: true } }, 'delete');
  });
}

/** Marks an FAQ as checked now (seed 004 第3-3(4): every FAQ at least once a year). */
export async function reviewFaq(ctx: ServiceContext, slug: string, faqCode: string): Promise<Faq> {
  const center = await resolveForEditing(ctx, slug);
  return writing(ctx, async (tx) => {
    const row = await findFaqRow(tx, center.id, faqCode, { forUpdate: true });
    if (!row) throw notFound('FAQ');
    const now = ctx.now();
    const before = await presentFaq(tx, center.id, row, now);
    const [updated] = await tx
      .update(faqs)
      .set({
        lastReviewedAt: now,
        lastReviewedBy: ctx.actor?.userId ?? null,
        version: row.version + 1,
        updatedAt: now,
        updatedBy: ctx.actor?.userId ?? null,
      })
      .where(and(eq(faqs.id, row.id), eq(faqs.centerId, center.id)))
      .returning();
    if (!updated) throw notFound('FAQ');
    const faq = await presentFaq(tx, center.id, updated, now);
    const changes = diffSnapshots(snapshotOf(before, false), snapshotOf(faq, false));
    await recordSave(tx, ctx, center.id, updated, faq, changes, 'review');
    return faq;
  });
}

// ── revisions ────────────────────────────────────────────────────────────────────────────────────────────
/** Every save of an FAQ, newest first: who, when, what changed. Deleted FAQs too (to choose a restore). */
export async function listFaqRevisions(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
): Promise<FaqRevision[]> {
  const { center, row } = await resolveVisibleFaq(ctx, slug, faqCode, { includeDeleted: true });
  const rows = await ctx.database.db
    .select({
      revision: faqRevisions.revision,
      createdAt: faqRevisions.createdAt,
      action: faqRevisions.action,
      changes: faqRevisions.changes,
      restoredFrom: faqRevisions.restoredFrom,
      actorUserId: faqRevisions.actorUserId,
      actorLoginId: faqRevisions.actorLoginId,
      actorName: users.displayName,
    })
    .from(faqRevisions)
    .leftJoin(users, eq(users.id, faqRevisions.actorUserId))
    .where(and(eq(faqRevisions.centerId, center.id), eq(faqRevisions.faqId, row.id)))
    .orderBy(asc(faqRevisions.revision));
  return rows.reverse().map((r) => ({
    revision: r.revision,
    createdAt: r.createdAt.toISOString(),
    action: r.action,
    changes: r.changes,
    restoredFrom: r.restoredFrom,
    actor:
      r.actorUserId || r.actorLoginId
        ? { id: r.actorUserId, name: r.actorName ?? r.actorLoginId ?? '' }
        : null,
  }));
}

/**
 * Brings back the content of an earlier revision as a new revision (editors); undeletes a deleted FAQ.
 * Categories, related FAQs and a department that no longer exist are left out; the review date stays.
 */
export async function restoreFaqRevision(
  ctx: ServiceContext,
  slug: string,
  faqCode: string,
  revision: number,
): Promise<Faq> {
  const center = await resolveForEditing(ctx, slug);
  try {
    return await writing(ctx, async (tx) => {
      const row = await findFaqRow(tx, center.id, faqCode, { includeDeleted: true, forUpdate: true });
      if (!row) throw notFound('FAQ');
      const [stored] = await tx
        .select({ snapshot: faqRevisions.snapshot })
        .from(faqRevisions)
        .where(
          and(
            eq(faqRevisions.centerId, center.id),
            eq(faqRevisions.faqId, row.id),
            eq(faqRevisions.revision, revision),
          ),
        );
      if (!stored) throw notFound('版');
      const snapshot = stored.snapshot as unknown as FaqSnapshot;
      const content = await stillValid(tx, center.id, row.faqCode, snapshot);
      const before = await presentFaq(tx, center.id, row, ctx.now());
      return applyContent(tx, ctx, center.id, row, before, content, 'restore', {
        undelete: row.deletedAt !== null,
        restoredFrom: revision,
      });
    });
  } catch (error) {
    if (error instanceof NothingChanged) return getFaq(ctx, slug, faqCode, { countView: false });
    throw error;
  }
}

/** A snapshot's content minus references that have gone since it was taken. */
async function stillValid(
  tx: Executor,
  centerId: string,
  selfCode: string,
  s: FaqSnapshot,
): Promise<FaqContent> {
  const categoryRows = s.categoryIds.length
    ? await tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.centerId, centerId), inArray(categories.id, s.categoryIds)))
    : [];
  const knownCategories = new Set(categoryRows.map((c) => c.id));
  const relatedRows = s.relatedFaqIds.length
    ? await tx
        .select({ code: faqs.faqCode })
        .from(faqs)
        .where(
          and(eq(faqs.centerId, centerId), inArray(faqs.faqCode, s.relatedFaqIds), isNull(faqs.deletedAt)),
        )
    : [];
  const knownRelated = new Set(relatedRows.map((f) => f.code));
  let departmentId = s.departmentId;
  if (departmentId) {
    const [found] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.centerId, centerId), eq(departments.id, departmentId)));
    if (!found) departmentId = null;
  }
  return {
    question: s.question,
    answer: s.answer,
    altPhrasings: s.altPhrasings,
    keywords: s.keywords,
    categoryIds: s.categoryIds.filter((id) => knownCategories.has(id)),
    departmentId,
    relatedFaqIds: s.relatedFaqIds.filter((code) => code !== selfCode && knownRelated.has(code)),
    relatedUrls: s.relatedUrls,
    internalNotes: s.internalNotes,
    published: s.published,
    publishStart: s.publishStart,
    publishEnd: s.publishEnd,
  };
}

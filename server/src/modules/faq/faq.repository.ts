import type { Faq, FaqAttachment, FaqSummary, PublicationState } from '@madoguchi/contracts';
import { and, asc, desc, eq, exists, inArray, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { countAll, type Executor } from '../../platform/db/database.ts';
import {
  categories,
  categoryAxes,
  faqAttachments,
  faqCategories,
  faqRelated,
  faqs,
  faqViewCounts,
  users,
} from '../../platform/db/schema.ts';
import { jstDate } from '../centers/calendar.ts';
import { faqInStateAt, publicationState } from './publication.ts';

export type FaqRow = typeof faqs.$inferSelect;

/** One FAQ of a centre by its FAQ-ID; deleted ones only when asked. `forUpdate` locks the row. */
export async function findFaqRow(
  executor: Executor,
  centerId: string,
  faqCode: string,
  options: { includeDeleted?: boolean; forUpdate?: boolean } = {},
): Promise<FaqRow | null> {
  const query = executor
    .select()
    .from(faqs)
    .where(
      and(
        eq(faqs.centerId, centerId),
        eq(faqs.faqCode, faqCode),
        options.includeDeleted ? undefined : isNull(faqs.deletedAt),
      ),
    )
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/**
 * Serialises FAQ-ID assignment within a centre until the transaction ends, so that two editors creating at
 * the same moment do not both take the next number.
 */
export async function lockFaqCodes(tx: Executor, centerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`faq-code:${centerId}`}))`);
}

/** The next free `FAQ-nnnnnn` of a centre (deleted FAQs keep their IDs: an ID is never reused). */
export async function nextFaqCode(executor: Executor, centerId: string): Promise<string> {
  const [last] = await executor
    .select({ code: faqs.faqCode })
    .from(faqs)
    .where(and(eq(faqs.centerId, centerId), sql`${faqs.faqCode} ~ '^FAQ-[0-9]{6,}$'`))
    .orderBy(desc(sql`length(${faqs.faqCode})`), desc(faqs.faqCode))
    .limit(1);
  const n = last ? Number(last.code.slice(4)) + 1 : 1;
  return `FAQ-${String(n).padStart(6, '0')}`;
}

/** Category ids per FAQ, in the order of their axes and categories. */
async function categoryIdsByFaq(executor: Executor, centerId: string, faqIds: string[] | 'all') {
  const rows = await executor
    .select({ faqId: faqCategories.faqId, categoryId: faqCategories.categoryId })
    .from(faqCategories)
    .innerJoin(categories, eq(categories.id, faqCategories.categoryId))
    .innerJoin(categoryAxes, eq(categoryAxes.id, categories.axisId))
    .where(
      and(
        eq(faqCategories.centerId, centerId),
        faqIds === 'all' ? undefined : inArray(faqCategories.faqId, faqIds),
      ),
    )
    .orderBy(
      asc(categoryAxes.sortOrder),
      asc(categoryAxes.createdAt),
      asc(categories.sortOrder),
      asc(categories.createdAt),
      asc(categories.id),
    );
  return groupBy(
    rows,
    (r) => r.faqId,
    (r) => r.categoryId,
  );
}

/** Related FAQ-IDs per FAQ, in their order; deleted FAQs drop out until restored. */
async function relatedCodesByFaq(executor: Executor, centerId: string, faqIds: string[] | 'all') {
  const rows = await executor
    .select({ faqId: faqRelated.faqId, code: faqs.faqCode })
    .from(faqRelated)
    .innerJoin(faqs, eq(faqs.id, faqRelated.relatedFaqId))
    .where(
      and(
        eq(faqRelated.centerId, centerId),
        eq(faqs.centerId, centerId),
        isNull(faqs.deletedAt),
        faqIds === 'all' ? undefined : inArray(faqRelated.faqId, faqIds),
      ),
    )
    .orderBy(asc(faqRelated.sort), asc(faqs.faqCode));
  return groupBy(
    rows,
    (r) => r.faqId,
    (r) => r.code,
  );
}

/** Attachments per FAQ in upload order (the console's FAQ page, the export, the public FAQ page). */
export async function attachmentsByFaq(executor: Executor, centerId: string, faqIds: string[] | 'all') {
  const rows = await executor
    .select({
      faqId: faqAttachments.faqId,
      id: faqAttachments.id,
      filename: faqAttachments.filename,
      contentType: faqAttachments.contentType,
      size: faqAttachments.size,
    })
    .from(faqAttachments)
    .where(
      and(
        eq(faqAttachments.centerId, centerId),
        faqIds === 'all' ? undefined : inArray(faqAttachments.faqId, faqIds),
      ),
    )
    .orderBy(asc(faqAttachments.createdAt), asc(faqAttachments.id));
  return groupBy(
    rows,
    (r) => r.faqId,
    (r): FaqAttachment => ({ id: r.id, filename: r.filename, contentType: r.contentType, size: r.size }),
  );
}

/** Rows grouped by `key`, each mapped by `value`, in row order. */
export function groupBy<R, V>(rows: R[], key: (r: R) => string, value: (r: R) => V): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const row of rows) {
    const list = map.get(key(row)) ?? [];
    list.push(value(row));
    map.set(key(row), list);
  }
  return map;
}

/** Display names of staff, for "updated by" and "reviewed by". */
export async function staffNames(executor: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await executor
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const staffRef = (names: Map<string, string>, id: string | null) =>
  id ? { id, name: names.get(id) ?? '（削除された職員）' } : null;

/** FAQ rows as API records, with categories, related FAQs, attachments and names, in the rows' order. */
export async function presentFaqs(
  executor: Executor,
  centerId: string,
  rows: FaqRow[],
  now: Date,
  scope: 'rows' | 'all' = 'rows',
): Promise<Faq[]> {
  if (!rows.length) return [];
  const ids = scope === 'all' ? 'all' : rows.map((r) => r.id);
  // One after another: inside a transaction pg refuses overlapping queries on its one connection.
  const categoryMap = await categoryIdsByFaq(executor, centerId, ids);
  const relatedMap = await relatedCodesByFaq(executor, centerId, ids);
  const attachmentMap = await attachmentsByFaq(executor, centerId, ids);
  const names = await staffNames(
    executor,
    rows.flatMap((r) => [r.updatedBy, r.lastReviewedBy]),
  );
  return rows.map((row) => ({
    id: row.id,
    faqId: row.faqCode,
    version: row.version,
    question: row.question,
    answer: row.answerHtml,
    altPhrasings: row.altPhrasings,
    keywords: row.keywords,
    categoryIds: categoryMap.get(row.id) ?? [],
    departmentId: row.departmentId,
    relatedFaqIds: relatedMap.get(row.id) ?? [],
    relatedUrls: row.relatedUrls,
    internalNotes: row.internalNotes,
    published: row.published,
    publishStart: row.publishStart?.toISOString() ?? null,
    publishEnd: row.publishEnd?.toISOString() ?? null,
    publicationState: publicationState(row, now),
    attachments: attachmentMap.get(row.id) ?? [],
    lastReviewedAt: row.lastReviewedAt?.toISOString() ?? null,
    lastReviewedBy: staffRef(names, row.lastReviewedBy),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: staffRef(names, row.updatedBy),
  }));
}

/** One FAQ row as its API record. */
export async function presentFaq(executor: Executor, centerId: string, row: FaqRow, now: Date): Promise<Faq> {
  const [faq] = await presentFaqs(executor, centerId, [row], now);
  if (!faq) throw new Error('present returned nothing');
  return faq;
}

/**
 * Every FAQ of a centre (not deleted) as full records, ordered by FAQ-ID: the CSV/Excel export and the
 * chatbot feed read this, so the order must not change between two exports of the same data.
 */
export async function loadAllFaqs(executor: Executor, centerId: string, now: Date): Promise<Faq[]> {
  const rows = await executor
    .select()
    .from(faqs)
    .where(and(eq(faqs.centerId, centerId), isNull(faqs.deletedAt)))
    .orderBy(asc(faqs.faqCode));
  return presentFaqs(executor, centerId, rows, now, 'all');
}

export interface FaqListFilter {
  categoryId?: string | undefined;
  departmentId?: string | undefined;
  /** Department staff: only this department's FAQs, whatever else is asked. */
  scopeDepartmentId?: string | null;
  state?: PublicationState | undefined;
  /** FAQs whose last review (or creation, if never reviewed) is before this instant. */
  reviewedBefore?: Date | undefined;
  deleted?: boolean;
  limit: number;
  offset: number;
}

/** FAQs (in a query over `faqs`) that carry the category: the list filters of the console and of 満足度. */
export function faqInCategory(executor: Executor, centerId: string, categoryId: string): SQL {
  return exists(
    executor
      .select({ one: sql`1` })
      .from(faqCategories)
      .where(
        and(
          eq(faqCategories.centerId, centerId),
          eq(faqCategories.faqId, faqs.id),
          eq(faqCategories.categoryId, categoryId),
        ),
      ),
  );
}

/** A page of FAQ summaries and the total matching, ordered by FAQ-ID. */
export async function listFaqSummaries(
  executor: Executor,
  centerId: string,
  filter: FaqListFilter,
  now: Date,
): Promise<{ items: FaqSummary[]; total: number }> {
  const conditions: (SQL | undefined)[] = [
    eq(faqs.centerId, centerId),
    filter.deleted ? isNotNull(faqs.deletedAt) : isNull(faqs.deletedAt),
    filter.departmentId ? eq(faqs.departmentId, filter.departmentId) : undefined,
    filter.scopeDepartmentId ? eq(faqs.departmentId, filter.scopeDepartmentId) : undefined,
    filter.state ? faqInStateAt(filter.state, now) : undefined,
    filter.reviewedBefore
      ? lt(sql`coalesce(${faqs.lastReviewedAt}, ${faqs.createdAt})`, filter.reviewedBefore)
      : undefined,
    filter.categoryId ? faqInCategory(executor, centerId, filter.categoryId) : undefined,
  ];
  const where = and(...conditions);
  const [counted] = await executor.select({ n: countAll }).from(faqs).where(where);
  const rows = await executor
    .select({
      id: faqs.id,
      faqCode: faqs.faqCode,
      question: faqs.question,
      departmentId: faqs.departmentId,
      published: faqs.published,
      publishStart: faqs.publishStart,
      publishEnd: faqs.publishEnd,
      updatedAt: faqs.updatedAt,
      lastReviewedAt: faqs.lastReviewedAt,
    })
    .from(faqs)
    .where(where)
    .orderBy(asc(faqs.faqCode))
    .limit(filter.limit)
    .offset(filter.offset);
  const categoryMap = rows.length
    ? await categoryIdsByFaq(
        executor,
        centerId,
        rows.map((r) => r.id),
      )
    : new Map<string, string[]>();
  return {
    total: counted?.n ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      faqId: r.faqCode,
      question: r.question,
      departmentId: r.departmentId,
      categoryIds: categoryMap.get(r.id) ?? [],
      published: r.published,
      publicationState: publicationState(r, now),
      updatedAt: r.updatedAt.toISOString(),
      lastReviewedAt: r.lastReviewedAt?.toISOString() ?? null,
    })),
  };
}

/** Replaces an FAQ's categories. */
export async function replaceCategories(
  tx: Executor,
  centerId: string,
  faqId: string,
  categoryIds: readonly string[],
) {
  await tx
    .delete(faqCategories)
    .where(and(eq(faqCategories.centerId, centerId), eq(faqCategories.faqId, faqId)));
  const unique = [...new Set(categoryIds)];
  if (unique.length)
    await tx.insert(faqCategories).values(unique.map((categoryId) => ({ centerId, faqId, categoryId })));
}

/** Replaces an FAQ's related FAQs (uuids, in order). */
export async function replaceRelated(
  tx: Executor,
  centerId: string,
  faqId: string,
  relatedIds: readonly string[],
) {
  await tx.delete(faqRelated).where(and(eq(faqRelated.centerId, centerId), eq(faqRelated.faqId, faqId)));
  const unique = [...new Set(relatedIds)];
  if (unique.length)
    await tx
      .insert(faqRelated)
      .values(unique.map((relatedFaqId, sort) => ({ centerId, faqId, relatedFaqId, sort })));
}

/** Where a view happened: the staff console or the public FAQ site. */
export type ViewChannel = 'console' | 'public';

/** Counts one view of an FAQ on the Japan-time day of `at` (the console here; the public site calls it too). */
export async function recordFaqView(
  executor: Executor,
  centerId: string,
  faqId: string,
  channel: ViewChannel,
  at: Date,
): Promise<void> {
  await executor
    .insert(faqViewCounts)
    .values({ centerId, faqId, day: jstDate(at), channel, views: 1 })
    .onConflictDoUpdate({
      target: [faqViewCounts.centerId, faqViewCounts.faqId, faqViewCounts.day, faqViewCounts.channel],
      set: { views: sql`${faqViewCounts.views} + 1` },
    });
}

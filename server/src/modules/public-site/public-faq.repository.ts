// What citizens may read of a centre's FAQs: every query here is filtered by the centre and by
// faqVisibleAt(now) (published, inside its publish window, not deleted — modules/faq/publication.ts), so a
// draft, a scheduled, an expired or a deleted FAQ, or another centre's, is never found (seed 004 第2-8(1)イ).
import { and, asc, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import { countAll, type Executor, rowsOf } from '../../platform/db/database.ts';
import {
  categories,
  categoryAxes,
  faqAttachments,
  faqCategories,
  faqRelated,
  faqs,
  faqViewCounts,
} from '../../platform/db/schema.ts';
import { addDays, jstDate } from '../centers/calendar.ts';
import { attachmentsByFaq, groupBy } from '../faq/faq.repository.ts';
import { faqVisibleAt } from '../faq/publication.ts';

/** One line of a public FAQ list. */
export interface PublicFaqItem {
  id: string;
  faqCode: string;
  question: string;
  updatedAt: Date;
}

export type PublicFaqFilter =
  | { categoryId: string }
  | { departmentId: string }
  | { keyword: string }
  | Record<string, never>;

function filterCondition(centerId: string, filter: PublicFaqFilter, executor: Executor): SQL | undefined {
  if ('categoryId' in filter) {
    return inArray(
      faqs.id,
      executor
        .select({ id: faqCategories.faqId })
        .from(faqCategories)
        .where(and(eq(faqCategories.centerId, centerId), eq(faqCategories.categoryId, filter.categoryId))),
    );
  }
  if ('departmentId' in filter) return eq(faqs.departmentId, filter.departmentId);
  if ('keyword' in filter) return sql`${faqs.keywords} @> ${JSON.stringify([filter.keyword])}::jsonb`;
  return undefined;
}

/** A page of visible FAQs (FAQ-ID order: stable between requests) and how many there are in all. */
export async function listVisibleFaqs(
  executor: Executor,
  centerId: string,
  now: Date,
  filter: PublicFaqFilter,
  page: { limit: number; offset: number },
): Promise<{ items: PublicFaqItem[]; total: number }> {
  const where = and(
    eq(faqs.centerId, centerId),
    faqVisibleAt(now),
    filterCondition(centerId, filter, executor),
  );
  const [counted] = await executor.select({ n: countAll }).from(faqs).where(where);
  const items = await executor
    .select({ id: faqs.id, faqCode: faqs.faqCode, question: faqs.question, updatedAt: faqs.updatedAt })
    .from(faqs)
    .where(where)
    .orderBy(asc(faqs.faqCode))
    .limit(page.limit)
    .offset(page.offset);
  return { items, total: counted?.n ?? 0 };
}

/** Visible FAQs per category of the centre (categories without any are absent). */
export async function countVisibleByCategory(
  executor: Executor,
  centerId: string,
  now: Date,
): Promise<Map<string, number>> {
  const rows = await executor
    .select({ categoryId: faqCategories.categoryId, n: countAll })
    .from(faqCategories)
    .innerJoin(faqs, eq(faqs.id, faqCategories.faqId))
    .where(and(eq(faqCategories.centerId, centerId), eq(faqs.centerId, centerId), faqVisibleAt(now)))
    .groupBy(faqCategories.categoryId);
  return new Map(rows.map((r) => [r.categoryId, r.n]));
}

/** Visible FAQs per owning department (所管課). */
export async function countVisibleByDepartment(
  executor: Executor,
  centerId: string,
  now: Date,
): Promise<Map<string, number>> {
  const rows = await executor
    .select({ departmentId: faqs.departmentId, n: countAll })
    .from(faqs)
    .where(and(eq(faqs.centerId, centerId), faqVisibleAt(now)))
    .groupBy(faqs.departmentId);
  return new Map(rows.flatMap((r) => (r.departmentId ? [[r.departmentId, r.n] as const] : [])));
}

/** One visible FAQ with what its page shows. */
export interface PublicFaqDetail {
  id: string;
  faqCode: string;
  question: string;
  /** Sanitised by the FAQ module's allow-list when saved. */
  answerHtml: string;
  answerText: string;
  keywords: string[];
  departmentId: string | null;
  relatedUrls: { title: string; url: string }[];
  updatedAt: Date;
  createdAt: Date;
  categoryIds: string[];
  /** Related FAQs that are visible too, in the editor's order. */
  related: { faqCode: string; question: string }[];
  attachments: { id: string; filename: string; contentType: string; size: number }[];
}

export async function findVisibleFaq(
  executor: Executor,
  centerId: string,
  faqCode: string,
  now: Date,
): Promise<PublicFaqDetail | null> {
  const [row] = await executor
    .select()
    .from(faqs)
    .where(and(eq(faqs.centerId, centerId), eq(faqs.faqCode, faqCode), faqVisibleAt(now)))
    .limit(1);
  if (!row) return null;
  const parts = await loadVisibleFaqParts(executor, centerId, [row.id], now);
  return {
    id: row.id,
    faqCode: row.faqCode,
    question: row.question,
    answerHtml: row.answerHtml,
    answerText: row.answerText,
    keywords: row.keywords,
    departmentId: row.departmentId,
    relatedUrls: row.relatedUrls,
    updatedAt: row.updatedAt,
    createdAt: row.createdAt,
    categoryIds: (parts.categories.get(row.id) ?? []).map((c) => c.id),
    related: parts.related.get(row.id) ?? [],
    attachments: parts.attachments.get(row.id) ?? [],
  };
}

const byFaq = (row: { faqId: string }) => row.faqId;

/**
 * What FAQ pages and open-API items show beside the FAQ row, for the given FAQs: categories (with axis, in
 * axis order), the related FAQs that are visible too (in the editor's order), attachments.
 */
export async function loadVisibleFaqParts(executor: Executor, centerId: string, faqIds: string[], now: Date) {
  if (!faqIds.length)
    return {
      categories: new Map<string, { id: string; axisKey: string; axis: string; name: string }[]>(),
      related: new Map<string, { faqCode: string; question: string }[]>(),
      attachments: new Map<string, { id: string; filename: string; contentType: string; size: number }[]>(),
    };
  const categoryRows = await executor
    .select({
      faqId: faqCategories.faqId,
      id: categories.id,
      axisKey: categoryAxes.key,
      axis: categoryAxes.name,
      name: categories.name,
    })
    .from(faqCategories)
    .innerJoin(categories, eq(categories.id, faqCategories.categoryId))
    .innerJoin(categoryAxes, eq(categoryAxes.id, categories.axisId))
    .where(
      and(
        eq(faqCategories.centerId, centerId),
        eq(categories.centerId, centerId),
        inArray(faqCategories.faqId, faqIds),
      ),
    )
    .orderBy(
      asc(categoryAxes.sortOrder),
      asc(categoryAxes.name),
      asc(categories.sortOrder),
      asc(categories.name),
    );
  const relatedRows = await executor
    .select({ faqId: faqRelated.faqId, faqCode: faqs.faqCode, question: faqs.question })
    .from(faqRelated)
    .innerJoin(faqs, eq(faqs.id, faqRelated.relatedFaqId))
    .where(
      and(
        eq(faqRelated.centerId, centerId),
        inArray(faqRelated.faqId, faqIds),
        eq(faqs.centerId, centerId),
        faqVisibleAt(now),
      ),
    )
    .orderBy(asc(faqRelated.sort), asc(faqs.faqCode));
  return {
    categories: groupBy(categoryRows, byFaq, ({ faqId: _, ...c }) => c),
    related: groupBy(relatedRows, byFaq, ({ faqId: _, ...r }) => r),
    attachments: await attachmentsByFaq(executor, centerId, faqIds),
  };
}

/** An attachment of a visible FAQ (null when the FAQ is not visible or the attachment is not its own). */
export async function findVisibleAttachment(
  executor: Executor,
  centerId: string,
  faqCode: string,
  attachmentId: string,
  now: Date,
): Promise<{ filename: string; contentType: string; data: Buffer } | null> {
  const [row] = await executor
    .select({
      filename: faqAttachments.filename,
      contentType: faqAttachments.contentType,
      data: faqAttachments.data,
    })
    .from(faqAttachments)
    .innerJoin(faqs, eq(faqs.id, faqAttachments.faqId))
    .where(
      and(
        eq(faqAttachments.centerId, centerId),
        eq(faqAttachments.id, attachmentId),
        eq(faqs.centerId, centerId),
        eq(faqs.faqCode, faqCode),
        faqVisibleAt(now),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The uuid of a visible FAQ by FAQ-ID (votes and search clicks). */
export async function findVisibleFaqId(
  executor: Executor,
  centerId: string,
  faqCode: string,
  now: Date,
): Promise<string | null> {
  const [row] = await executor
    .select({ id: faqs.id })
    .from(faqs)
    .where(and(eq(faqs.centerId, centerId), eq(faqs.faqCode, faqCode), faqVisibleAt(now)))
    .limit(1);
  return row?.id ?? null;
}

/** Every visible FAQ's ID and last change (sitemap.xml). */
export async function listVisibleFaqCodes(
  executor: Executor,
  centerId: string,
  now: Date,
): Promise<{ faqCode: string; updatedAt: Date }[]> {
  return executor
    .select({ faqCode: faqs.faqCode, updatedAt: faqs.updatedAt })
    .from(faqs)
    .where(and(eq(faqs.centerId, centerId), faqVisibleAt(now)))
    .orderBy(asc(faqs.faqCode));
}

// よく見られているキーワード: the keywords of the FAQs viewed most over the last four weeks (both channels:
// operators look up what citizens ask about), weighted by views. A new site without views yet shows the
// keywords most FAQs share instead.
const KEYWORD_DAYS = 28;
const KEYWORD_FAQS = 50;

export async function popularKeywords(
  executor: Executor,
  centerId: string,
  now: Date,
  limit: number,
): Promise<string[]> {
  const views = sql<number>`sum(${faqViewCounts.views})`.mapWith(Number);
  const viewed = await executor
    .select({ keywords: faqs.keywords, views })
    .from(faqViewCounts)
    .innerJoin(faqs, eq(faqs.id, faqViewCounts.faqId))
    .where(
      and(
        eq(faqViewCounts.centerId, centerId),
        eq(faqs.centerId, centerId),
        gte(faqViewCounts.day, addDays(jstDate(now), -KEYWORD_DAYS)),
        faqVisibleAt(now),
      ),
    )
    .groupBy(faqs.id, faqs.keywords)
    .orderBy(desc(views))
    .limit(KEYWORD_FAQS);
  const weight = new Map<string, number>();
  for (const row of viewed)
    for (const k of row.keywords) if (k.trim()) weight.set(k.trim(), (weight.get(k.trim()) ?? 0) + row.views);
  const ranked = [...weight].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'ja')).map(([k]) => k);
  if (ranked.length >= limit) return ranked.slice(0, limit);
  // Keywords shared by most visible FAQs; the visibility condition is the same faqVisibleAt as everywhere.
  const result = await executor.execute(sql`
    select k.value as keyword, count(*)::int as n
      from ${faqs} cross join lateral jsonb_array_elements_text(${faqs.keywords}) as k(value)
     where ${and(eq(faqs.centerId, centerId), faqVisibleAt(now))}
     group by k.value
     order by n desc, k.value
     limit ${limit * 2}`);
  const common = rowsOf<{ keyword: string; n: number }>(result);
  for (const row of common) {
    const k = row.keyword.trim();
    if (k && !ranked.includes(k)) ranked.push(k);
    if (ranked.length >= limit) break;
  }
  return ranked;
}

// The queries of the open FAQ API (seed 004 第4-4). Every query is filtered by the centre, and items by
// faqVisibleAt (modules/faq/publication.ts): the same "visible now" as the public site and public search.
//
// An item's `changedAt` is when anything the item shows last changed, so that `updatedSince` finds it:
//   - the FAQ row itself (every save, delete, restore, category removal, attachment added or removed bumps
//     updated_at);
//   - its publish start, once passed (it became visible without any row changing);
//   - its department's row (the department name is shown);
//   - each related FAQ's row, publish start and publish end once passed (the related list shows only visible
//     ones).
// Category and axis names have no timestamp: labelsVersion covers them (open-faq.service.ts).
import { and, asc, eq, inArray, not, type SQL, sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../../platform/db/database.ts';
import {
  categories,
  categoryAxes,
  departments,
  faqRelated,
  faqRevisions,
  faqs,
} from '../../platform/db/schema.ts';
import { faqVisibleAt } from '../faq/publication.ts';

/** One visible FAQ row with its change time (milliseconds since the epoch). */
export interface OpenFaqRow {
  id: string;
  faqCode: string;
  question: string;
  answerHtml: string;
  answerText: string;
  keywords: string[];
  relatedUrls: { title: string; url: string }[];
  departmentId: string | null;
  changedMs: number;
}

/** Position in (changedAt, id) order. */
export interface Keyset {
  changedMs: number;
  id: string;
}

/**
 * Visible FAQs of the centre at `now` in (changedAt, id) order: those changed at or after `since` (all when
 * null), after `after` (keyset), at most `limit` (all when null).
 */
export async function listVisibleChanged(
  executor: Executor,
  centerId: string,
  now: Date,
  options: { since: Date | null; after: Keyset | null; limit: number | null },
): Promise<OpenFaqRow[]> {
  const nowIso = now.toISOString();
  const relatedChanged = sql`(
    select max(greatest(r.updated_at,
                        case when r.publish_start <= ${nowIso}::timestamptz then r.publish_start end,
                        case when r.publish_end <= ${nowIso}::timestamptz then r.publish_end end))
      from ${faqRelated} fr join ${faqs} r on r.id = fr.related_faq_id
     where fr.center_id = ${centerId} and fr.faq_id = ${faqs.id} and r.center_id = ${centerId})`;
  const changedMs = sql`(extract(epoch from date_trunc('milliseconds', greatest(
      ${faqs.updatedAt},
      case when ${faqs.publishStart} <= ${nowIso}::timestamptz then ${faqs.publishStart} end,
      d.updated_at,
      ${relatedChanged}))) * 1000)::float8`;
  const conditions: SQL[] = [];
  if (options.since) conditions.push(sql`changed_ms >= ${options.since.getTime()}::float8`);
  if (options.after)
    conditions.push(
      sql`(changed_ms > ${options.after.changedMs}::float8 or (changed_ms = ${options.after.changedMs}::float8 and id > ${options.after.id}::uuid))`,
    );
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const result = await executor.execute(sql`
    select * from (
      select ${faqs.id} as id, ${faqs.faqCode} as "faqCode", ${faqs.question} as question,
             ${faqs.answerHtml} as "answerHtml", ${faqs.answerText} as "answerText",
             ${faqs.keywords} as keywords, ${faqs.relatedUrls} as "relatedUrls",
             ${faqs.departmentId} as "departmentId", ${changedMs} as changed_ms
        from ${faqs}
        left join ${departments} d on d.id = ${faqs.departmentId} and d.center_id = ${centerId}
       where ${faqs.centerId} = ${centerId} and ${faqVisibleAt(now)}
    ) v
    ${where}
    order by changed_ms, id
    ${options.limit === null ? sql`` : sql`limit ${options.limit}`}`);
  return rowsOf<Omit<OpenFaqRow, 'changedMs'> & { changed_ms: number | string }>(result).map(
    ({ changed_ms, ...row }) => ({
      ...row,
      keywords: parseJson(row.keywords),
      relatedUrls: parseJson(row.relatedUrls),
      changedMs: Math.round(Number(changed_ms)),
    }),
  );
}

// jsonb comes back parsed from both drivers; a string only if a driver is configured otherwise.
function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** How many FAQs of the centre are visible at `now`. */
export async function countVisible(executor: Executor, centerId: string, now: Date): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(faqs)
    .where(and(eq(faqs.centerId, centerId), faqVisibleAt(now)));
  return row?.n ?? 0;
}

/** The centre's department names by id. */
export async function departmentNames(executor: Executor, centerId: string): Promise<Map<string, string>> {
  const rows = await executor
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.centerId, centerId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Every name an item shows that has no timestamp of its own (axes, categories) plus departments, in id order. */
export async function labelRows(executor: Executor, centerId: string) {
  const axes = await executor
    .select({
      id: categoryAxes.id,
      key: categoryAxes.key,
      name: categoryAxes.name,
      sort: categoryAxes.sortOrder,
    })
    .from(categoryAxes)
    .where(eq(categoryAxes.centerId, centerId))
    .orderBy(asc(categoryAxes.id));
  const cats = await executor
    .select({
      id: categories.id,
      axisId: categories.axisId,
      name: categories.name,
      sort: categories.sortOrder,
    })
    .from(categories)
    .where(eq(categories.centerId, centerId))
    .orderBy(asc(categories.id));
  const depts = await executor
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.centerId, centerId))
    .orderBy(asc(departments.id));
  return { axes, categories: cats, departments: depts };
}

/**
 * FAQs not visible at `now` whose visibility may have ended at or after `since`: the row changed (unpublished,
 * deleted, moved to a later start) or its publish end passed. Candidates only: the service keeps those that
 * were visible at some instant after `since` (never a draft that citizens never saw).
 */
export async function listHiddenSince(
  executor: Executor,
  centerId: string,
  now: Date,
  since: Date,
): Promise<{ id: string; faqCode: string }[]> {
  const nowIso = now.toISOString();
  const sinceIso = since.toISOString();
  return executor
    .select({ id: faqs.id, faqCode: faqs.faqCode })
    .from(faqs)
    .where(
      and(
        eq(faqs.centerId, centerId),
        not(faqVisibleAt(now)),
        sql`greatest(${faqs.updatedAt}, ${faqs.deletedAt},
                     case when ${faqs.publishEnd} <= ${nowIso}::timestamptz then ${faqs.publishEnd} end)
              >= ${sinceIso}::timestamptz`,
      ),
    )
    .orderBy(asc(faqs.faqCode));
}

/** A revision's publication state and when it was saved, oldest first, per FAQ. */
export interface PublicationRevision {
  savedAt: Date;
  published: boolean;
  deleted: boolean;
  publishStart: string | null;
  publishEnd: string | null;
}

export async function publicationHistory(
  executor: Executor,
  centerId: string,
  faqIds: string[],
): Promise<Map<string, PublicationRevision[]>> {
  const out = new Map<string, PublicationRevision[]>();
  if (!faqIds.length) return out;
  const rows = await executor
    .select({
      faqId: faqRevisions.faqId,
      savedAt: faqRevisions.createdAt,
      published: sql<boolean | null>`(${faqRevisions.snapshot}->>'published')::boolean`,
      deleted: sql<boolean | null>`(${faqRevisions.snapshot}->>'deleted')::boolean`,
      publishStart: sql<string | null>`${faqRevisions.snapshot}->>'publishStart'`,
      publishEnd: sql<string | null>`${faqRevisions.snapshot}->>'publishEnd'`,
    })
    .from(faqRevisions)
    .where(and(eq(faqRevisions.centerId, centerId), inArray(faqRevisions.faqId, faqIds)))
    .orderBy(asc(faqRevisions.faqId), asc(faqRevisions.revision));
  for (const row of rows) {
    const list = out.get(row.faqId) ?? [];
    list.push({
      savedAt: row.savedAt,
      published: row.published === true,
      deleted: row.deleted === true,
      publishStart: row.publishStart,
      publishEnd: row.publishEnd,
    });
    out.set(row.faqId, list);
  }
  return out;
}

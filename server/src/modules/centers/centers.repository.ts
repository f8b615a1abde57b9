import type { Center, CenterSummary, Closure, WeeklyHours } from '@madoguchi/contracts';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { categories, categoryAxes, centers, closures, departments, lines } from '../../platform/db/schema.ts';

export type CenterRow = typeof centers.$inferSelect;

export async function findCenterBySlug(executor: Executor, slug: string): Promise<CenterRow | null> {
  const [row] = await executor.select().from(centers).where(eq(centers.slug, slug)).limit(1);
  return row ?? null;
}

export async function listCenterRows(executor: Executor): Promise<CenterRow[]> {
  return executor.select().from(centers).orderBy(asc(centers.createdAt), asc(centers.slug));
}

export function toSummary(row: CenterRow): CenterSummary {
  return { id: row.id, slug: row.slug, name: row.name, kind: row.kind };
}

export async function listClosures(executor: Executor, centerId: string): Promise<Closure[]> {
  const rows = await executor
    .select()
    .from(closures)
    .where(eq(closures.centerId, centerId))
    .orderBy(asc(closures.kind), asc(closures.start));
  return rows.map((r) => ({ id: r.id, kind: r.kind, label: r.label, start: r.start, end: r.end }) as Closure);
}

export async function listDepartments(executor: Executor, centerId: string) {
  const rows = await executor
    .select()
    .from(departments)
    .where(eq(departments.centerId, centerId))
    .orderBy(asc(departments.code), asc(departments.name));
  return rows.map((d) => ({
    id: d.id,
    code: d.code,
    name: d.name,
    phone: d.phone,
    officeHours: d.officeHours as WeeklyHours,
  }));
}

/** The whole centre document: settings with lines, closures, departments and category axes. */
export async function loadCenter(executor: Executor, row: CenterRow): Promise<Center> {
  // One after another: inside a transaction there is one connection, and pg refuses overlapping queries on it.
  const lineRows = await executor
    .select()
    .from(lines)
    .where(eq(lines.centerId, row.id))
    .orderBy(asc(lines.createdAt), asc(lines.number));
  const closureList = await listClosures(executor, row.id);
  const departmentList = await listDepartments(executor, row.id);
  const axisRows = await executor
    .select()
    .from(categoryAxes)
    .where(eq(categoryAxes.centerId, row.id))
    .orderBy(asc(categoryAxes.sortOrder), asc(categoryAxes.createdAt));
  const categoryRows = await executor
    .select()
    .from(categories)
    .where(eq(categories.centerId, row.id))
    .orderBy(asc(categories.sortOrder), asc(categories.createdAt));
  return {
    ...toSummary(row),
    description: row.description,
    businessHours: row.businessHours,
    searchLearning: row.searchLearning,
    lines: lineRows.map((l) => ({ id: l.id, number: l.number, label: l.label })),
    closures: closureList,
    departments: departmentList,
    categoryAxes: axisRows.map((a) => ({
      id: a.id,
      key: a.key,
      name: a.name,
      sortOrder: a.sortOrder,
      categories: categoryRows
        .filter((c) => c.axisId === a.id)
        .map((c) => ({ id: c.id, axisId: c.axisId, name: c.name, sortOrder: c.sortOrder })),
    })),
  };
}

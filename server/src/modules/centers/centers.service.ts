import {
  type CalendarDay,
  type Center,
  type CenterSummary,
  type ClosureInput,
  categoryAxisInputSchema,
  categoryInputSchema,
  centerInputSchema,
  centerUpdateSchema,
  closureInputSchema,
  departmentInputSchema,
  lineInputSchema,
  type OpenStatus,
} from '@madoguchi/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../platform/db/errors.ts';
import { categories, categoryAxes, centers, closures, departments, lines } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { changedFields, recordAudit } from '../audit/audit.service.ts';
import { authorize, isMember, requireActor, type ServiceContext } from '../auth/actor.ts';
import { prepareCategoryRemoval, releaseDepartmentFromFaqs } from '../faq/reference-removal.ts';
import { calendarRange, defaultCenterHours, defaultClosures, openStatus } from './calendar.ts';
import {
  canConfigureCenter,
  canCreateCenter,
  canManageCalendarAndCategories,
  canViewCenter,
} from './centers.policy.ts';
import {
  type CenterRow,
  findCenterBySlug,
  listCenterRows,
  listClosures,
  loadCenter,
  toSummary,
} from './centers.repository.ts';

/** Looks a centre up by slug and checks that the caller is its staff; the tenant boundary for every route. */
export async function resolveCenter(ctx: ServiceContext, slug: string): Promise<CenterRow> {
  const actor = requireActor(ctx);
  const row = await findCenterBySlug(ctx.database.db, slug);
  if (!row) throw notFound('センター');
  authorize(canViewCenter(actor, row.id), 'このセンターの職員ではありません。');
  return row;
}

async function writing<T>(
  ctx: ServiceContext,
  fn: (tx: Executor) => Promise<T>,
  conflictMessage?: string,
): Promise<T> {
  try {
    return await ctx.database.transaction(fn);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', conflictMessage);
    if (isForeignKeyViolation(error))
      throw new AppError(
        'conflict',
        '他のデータ（職員の所属など）から参照されているため、変更・削除できません。',
      );
    throw error;
  }
}

export async function listCenters(ctx: ServiceContext): Promise<CenterSummary[]> {
  const actor = requireActor(ctx);
  const rows = await listCenterRows(ctx.database.db);
  return rows.filter((r) => actor.systemAdmin || isMember(actor, r.id)).map(toSummary);
}

export async function getCenter(ctx: ServiceContext, slug: string): Promise<Center> {
  const row = await resolveCenter(ctx, slug);
  return loadCenter(ctx.database.db, row);
}

/** Opens a new centre with seed 004's hours and the year-end closure, ready to adjust. */
export async function createCenter(
  ctx: ServiceContext,
  input: z.input<typeof centerInputSchema>,
): Promise<Center> {
  const actor = requireActor(ctx);
  authorize(canCreateCenter(actor));
  const data = parseInput(centerInputSchema, input);
  return writing(
    ctx,
    async (tx) => {
      const [row] = await tx
        .insert(centers)
        .values({ ...data, businessHours: defaultCenterHours() })
        .returning();
      if (!row) throw new Error('insert returned no row');
      for (const closure of defaultClosures())
        await tx.insert(closures).values({ ...closure, centerId: row.id });
      await recordAudit(tx, ctx, {
        category: 'change',
        action: 'center.create',
        centerId: row.id,
        targetType: 'center',
        targetId: row.id,
        detail: { slug: data.slug, name: data.name },
      });
      return loadCenter(tx, row);
    },
    `スラッグ「${data.slug}」のセンターは既にあります。`,
  );
}

export async function updateCenter(
  ctx: ServiceContext,
  slug: string,
  input: z.input<typeof centerUpdateSchema>,
): Promise<Center> {
  const row = await resolveCenter(ctx, slug);
  authorize(canConfigureCenter(requireActor(ctx), row.id));
  const patch = parseInput(centerUpdateSchema, input);
  return writing(ctx, async (tx) => {
    const [updated] = await tx
      .update(centers)
      .set({ ...patch, updatedAt: ctx.now() })
      .where(eq(centers.id, row.id))
      .returning();
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'center.update',
      centerId: row.id,
      targetType: 'center',
      targetId: row.id,
      detail: { changes: changedFields(row, patch) },
    });
    return loadCenter(tx, updated ?? row);
  });
}

// ── lines ──────────────────────────────────────────────────────────────────────────────────────────────
export async function addLine(ctx: ServiceContext, slug: string, input: unknown) {
  const center = await resolveCenter(ctx, slug);
  authorize(canConfigureCenter(requireActor(ctx), center.id));
  const data = parseInput(lineInputSchema, input);
  return writing(
    ctx,
    async (tx) => {
      const [line] = await tx
        .insert(lines)
        .values({ ...data, centerId: center.id })
        .returning();
      if (!line) throw new Error('insert returned no row');
      await recordAudit(tx, ctx, {
        category: 'change',
        action: 'line.create',
        centerId: center.id,
        targetType: 'line',
        targetId: line.id,
        detail: data,
      });
      return { id: line.id, number: line.number, label: line.label };
    },
    `番号 ${data.number} の回線は既に登録されています。`,
  );
}

export async function updateLine(ctx: ServiceContext, slug: string, lineId: string, input: unknown) {
  const center = await resolveCenter(ctx, slug);
  authorize(canConfigureCenter(requireActor(ctx), center.id));
  const data = parseInput(lineInputSchema.partial(), input);
  return writing(ctx, async (tx) => {
    const [before] = await tx
      .select()
      .from(lines)
      .where(and(eq(lines.id, lineId), eq(lines.centerId, center.id)));
    if (!before) throw notFound('回線');
    const [line] = await tx.update(lines).set(data).where(eq(lines.id, lineId)).returning();
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'line.update',
      centerId: center.id,
      targetType: 'line',
      targetId: lineId,
      detail: { changes: changedFields(before, data) },
    });
    return { id: lineId, number: line?.number ?? before.number, label: line?.label ?? before.label };
  });
}

/**
 * Deletes a row of a centre-owned table, scoped by centre, with its audit row. `before` runs first in the same
 * transaction and may return what to run after the delete (FAQs that used a category get their revisions).
 */
async function deleteOwned(
  ctx: ServiceContext,
  centerId: string,
  table: typeof lines | typeof closures | typeof departments | typeof categoryAxes | typeof categories,
  id: string,
  what: {
    type: string;
    label: string;
    before?: (tx: Executor) => Promise<(() => Promise<void>) | undefined>;
  },
): Promise<void> {
  await writing(ctx, async (tx) => {
    const after = await what.before?.(tx);
    const deleted = await tx
      .delete(table)
      .where(and(eq(table.id, id), eq(table.centerId, centerId)))
      .returning();
    if (!deleted.length) throw notFound(what.label);
    await after?.();
    await recordAudit(tx, ctx, {
      category: 'change',
      action: `${what.type}.delete`,
      centerId,
      targetType: what.type,
      targetId: id,
      detail: { deleted: deleted[0] },
    });
  });
}

export async function deleteLine(ctx: ServiceContext, slug: string, lineId: string) {
  const center = await resolveCenter(ctx, slug);
  authorize(canConfigureCenter(requireActor(ctx), center.id));
  await deleteOwned(ctx, center.id, lines, lineId, { type: 'line', label: '回線' });
}

// ── closures and calendar ──────────────────────────────────────────────────────────────────────────────
export async function addClosure(ctx: ServiceContext, slug: string, input: unknown) {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageCalendarAndCategories(requireActor(ctx), center.id));
  const data: ClosureInput = parseInput(closureInputSchema, input);
  return writing(ctx, async (tx) => {
    const [row] = await tx
      .insert(closures)
      .values({ ...data, centerId: center.id })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'closure.create',
      centerId: center.id,
      targetType: 'closure',
      targetId: row.id,
      detail: data,
    });
    return { ...data, id: row.id };
  });
}

export async function deleteClosure(ctx: ServiceContext, slug: string, closureId: string) {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageCalendarAndCategories(requireActor(ctx), center.id));
  await deleteOwned(ctx, center.id, closures, closureId, { type: 'closure', label: '休業日' });
}

export async function getCenterStatus(ctx: ServiceContext, slug: string, at: Date): Promise<OpenStatus> {
  const center = await resolveCenter(ctx, slug);
  return openStatus(at, center.businessHours, await listClosures(ctx.database.db, center.id));
}

export async function getCenterCalendar(
  ctx: ServiceContext,
  slug: string,
  from: string,
  to: string,
): Promise<CalendarDay[]> {
  const center = await resolveCenter(ctx, slug);
  const closureList = await listClosures(ctx.database.db, center.id);
  try {
    return calendarRange(from, to, center.businessHours, closureList);
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('validation_failed', error.message, 'to');
    throw error;
  }
}

// ── departments (所管課) ─────────────────────────────────────────────────────────────────────────────────
export async function addDepartment(ctx: ServiceContext, slug: string, input: unknown) {
  const center = await resolveCenter(ctx, slug);
  authorize(canConfigureCenter(requireActor(ctx), center.id));
  const data = parseInput(departmentInputSchema, input);
  return writing(
    ctx,
    async (tx) => {
      const [row] = await tx
        .insert(departments)
        .values({ ...data, centerId: center.id })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, ctx, {
        category: 'change',
        action: 'department.create',
        centerId: center.id,
        targetType: 'department',
        targetId: row.id,
        detail: { name: data.name },
      });
      return { id: row.id, code: row.code, name: row.name, phone: row.phone, officeHours: row.officeHours };
    },
    `所管課「${data.name}」は既に登録されています。`,
  );
}

export async function updateDepartment(
  ctx: ServiceContext,
  slug: string,
  departmentId: string,
  input: unknown,
) {
  const center = await resolveCenter(ctx, slug);
  authorize(canConfigureCenter(requireActor(ctx), center.id));
  const data = parseInput(departmentInputSchema.partial(), input);
  return writing(
    ctx,
    async (tx) => {
      const [before] = await tx
        .select()
        .from(departments)
        .where(and(eq(departments.id, departmentId), eq(departments.centerId, center.id)));
      if (!before) throw notFound('所管課');
      const [row] = await tx
        .update(departments)
        .set({ ...data, updatedAt: ctx.now() })
        .where(eq(departments.id, departmentId))
        .returning();
      await recordAudit(tx, ctx, {
        category: 'change',
        action: 'department.update',
        centerId: center.id,
        targetType: 'department',
        targetId: departmentId,
        detail: { changes: changedFields(before, data) },
      });
      const d = row ?? before;
      return { id: d.id, code: d.code, name: d.name, phone: d.phone, officeHours: d.officeHours };
    },
    '同じ名前の所管課が既にあります。',
  );
}

export async function deleteDepartment(ctx: ServiceContext, slug: string, departmentId: string) {
  const center = await resolveCenter(ctx, slug);
  authorize(canConfigureCenter(requireActor(ctx), center.id));
  await deleteOwned(ctx, center.id, departments, departmentId, {
    type: 'department',
    label: '所管課',
    before: async (tx) => {
      await releaseDepartmentFromFaqs(tx, ctx, center.id, departmentId);
      return undefined;
    },
  });
}

/** Whether a department takes transfers now (seed 004: transfers only in the department's office hours). */
export async function getDepartmentStatus(ctx: ServiceContext, slug: string, departmentId: string, at: Date) {
  const center = await resolveCenter(ctx, slug);
  const [row] = await ctx.database.db
    .select()
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.centerId, center.id)));
  if (!row) throw notFound('所管課');
  return openStatus(at, row.officeHours, await listClosures(ctx.database.db, center.id));
}

// ── category axes and categories ───────────────────────────────────────────────────────────────────────
export async function addCategoryAxis(ctx: ServiceContext, slug: string, input: unknown) {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageCalendarAndCategories(requireActor(ctx), center.id));
  const data = parseInput(categoryAxisInputSchema, input);
  return writing(
    ctx,
    async (tx) => {
      const [row] = await tx
        .insert(categoryAxes)
        .values({ ...data, centerId: center.id })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, ctx, {
        category: 'change',
        action: 'category_axis.create',
        centerId: center.id,
        targetType: 'category_axis',
        targetId: row.id,
        detail: data,
      });
      return { id: row.id, key: row.key, name: row.name, sortOrder: row.sortOrder, categories: [] };
    },
    `キー「${data.key}」の分類軸は既にあります。`,
  );
}

export async function updateCategoryAxis(ctx: ServiceContext, slug: string, axisId: string, input: unknown) {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageCalendarAndCategories(requireActor(ctx), center.id));
  const data = parseInput(categoryAxisInputSchema.omit({ key: true }).partial(), input);
  return writing(ctx, async (tx) => {
    const [before] = await tx
      .select()
      .from(categoryAxes)
      .where(and(eq(categoryAxes.id, axisId), eq(categoryAxes.centerId, center.id)));
    if (!before) throw notFound('分類軸');
    await tx.update(categoryAxes).set(data).where(eq(categoryAxes.id, axisId));
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'category_axis.update',
      centerId: center.id,
      targetType: 'category_axis',
      targetId: axisId,
      detail: { changes: changedFields(before, data) },
    });
  });
}

export async function deleteCategoryAxis(ctx: ServiceContext, slug: string, axisId: string) {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageCalendarAndCategories(requireActor(ctx), center.id));
  await deleteOwned(ctx, center.id, categoryAxes, axisId, {
    type: 'category_axis',
    label: '分類軸',
    before: (tx) => prepareCategoryRemoval(tx, ctx, center.id, { axisId }),
  });
}

export async function addCategory(ctx: ServiceContext, slug: string, axisId: string, input: unknown) {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageCalendarAndCategories(requireActor(ctx), center.id));
  const data = parseInput(categoryInputSchema, input);
  return writing(
    ctx,
    async (tx) => {
      const [axis] = await tx
        .select()
        .from(categoryAxes)
        .where(and(eq(categoryAxes.id, axisId), eq(categoryAxes.centerId, center.id)));
      if (!axis) throw notFound('分類軸');
      const [row] = await tx
        .insert(categories)
        .values({ ...data, axisId, centerId: center.id })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await recordAudit(tx, ctx, {
        category: 'change',
        action: 'category.create',
        centerId: center.id,
        targetType: 'category',
        targetId: row.id,
        detail: { axis: axis.key, ...data },
      });
      return { id: row.id, axisId, name: row.name, sortOrder: row.sortOrder };
    },
    `カテゴリ「${data.name}」は既にあります。`,
  );
}

export async function updateCategory(ctx: ServiceContext, slug: string, categoryId: string, input: unknown) {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageCalendarAndCategories(requireActor(ctx), center.id));
  const data = parseInput(categoryInputSchema.partial(), input);
  return writing(
    ctx,
    async (tx) => {
      const [before] = await tx
        .select()
        .from(categories)
        .where(and(eq(categories.id, categoryId), eq(categories.centerId, center.id)));
      if (!before) throw notFound('カテゴリ');
      await tx.update(categories).set(data).where(eq(categories.id, categoryId));
      await recordAudit(tx, ctx, {
        category: 'change',
        action: 'category.update',
        centerId: center.id,
        targetType: 'category',
        targetId: categoryId,
        detail: { changes: changedFields(before, data) },
      });
    },
    '同じ名前のカテゴリが既にあります。',
  );
}

export async function deleteCategory(ctx: ServiceContext, slug: string, categoryId: string) {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageCalendarAndCategories(requireActor(ctx), center.id));
  await deleteOwned(ctx, center.id, categories, categoryId, {
    type: 'category',
    label: 'カテゴリ',
    before: (tx) => prepareCategoryRemoval(tx, ctx, center.id, { categoryIds: [categoryId] }),
  });
}

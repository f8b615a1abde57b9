import {
  type Role,
  type RoleAssignment,
  type Staff,
  staffInputSchema,
  staffUpdateSchema,
} from '@madoguchi/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { departments, roleAssignments, sessions, users } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { assertPasswordAcceptable } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { canChangeAccount, canGrantRoles, canManageStaff } from './staff.policy.ts';

type UserRow = typeof users.$inferSelect;

function present(user: UserRow, roles: { role: string; departmentId: string | null }[], now: Date): Staff {
  return {
    id: user.id,
    loginId: user.loginId,
    displayName: user.displayName,
    active: user.active,
    locked: user.lockedUntil !== null && user.lockedUntil > now,
    totpEnabled: user.totpEnabled,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    roles: roles.map((r) => ({ role: r.role as Role, departmentId: r.departmentId })),
  };
}

async function assertDepartmentsInCenter(tx: Executor, centerId: string, roles: RoleAssignment[]) {
  const ids = roles.flatMap((r) => (r.departmentId ? [r.departmentId] : []));
  if (!ids.length) return;
  const found = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.centerId, centerId), inArray(departments.id, ids)));
  if (found.length !== new Set(ids).size) {
    throw new AppError('validation_failed', 'roles: このセンターにない所管課が指定されています。', 'roles');
  }
}

export async function listStaff(ctx: ServiceContext, slug: string): Promise<Staff[]> {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageStaff(requireActor(ctx), center.id));
  const rows = await ctx.database.db
    .select({ user: users, role: roleAssignments.role, departmentId: roleAssignments.departmentId })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(eq(roleAssignments.centerId, center.id))
    .orderBy(users.loginId);
  const byUser = new Map<string, { user: UserRow; roles: { role: string; departmentId: string | null }[] }>();
  for (const row of rows) {
    const entry = byUser.get(row.user.id) ?? { user: row.user, roles: [] };
    entry.roles.push({ role: row.role, departmentId: row.departmentId });
    byUser.set(row.user.id, entry);
  }
  // Names of staff are personal data: the view itself goes into the access log.
  await recordAudit(ctx.database.db, ctx, {
    category: 'view',
    action: 'staff.list',
    centerId: center.id,
    targetType: 'center',
    targetId: center.id,
    detail: { count: byUser.size },
  });
  return [...byUser.values()].map((e) => present(e.user, e.roles, ctx.now()));
}

/** Creates a staff account with roles in this centre. The initial password must be changed at first login. */
export async function createStaff(
  ctx: ServiceContext,
  slug: string,
  input: unknown,
  options: { systemAdmin?: boolean; mustChangePassword?: boolean } = {},
): Promise<Staff> {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  const data = parseInput(staffInputSchema, input);
  authorize(
    canGrantRoles(
      actor,
      center.id,
      data.roles.map((r) => r.role),
    ),
  );
  if (options.systemAdmin) authorize(actor.systemAdmin);
  assertPasswordAcceptable(ctx, data.password, data.loginId);
  const passwordHash = await hashPassword(data.password);
  try {
    return await ctx.database.transaction(async (tx) => {
      await assertDepartmentsInCenter(tx, center.id, data.roles);
      const [user] = await tx
        .insert(users)
        .values({
          loginId: data.loginId,
          displayName: data.displayName,
          passwordHash,
          passwordMustChange: options.mustChangePassword ?? true,
          systemAdmin: options.systemAdmin ?? false,
        })
        .returning();
      if (!user) throw new Error('insert returned no row');
      await tx
        .insert(roleAssignments)
        .values(data.roles.map((r) => ({ ...r, userId: user.id, centerId: center.id })));
      await recordAudit(tx, ctx, {
        category: 'change',
        action: 'staff.create',
        centerId: center.id,
        targetType: 'user',
        targetId: user.id,
        detail: { loginId: data.loginId, roles: data.roles, systemAdmin: options.systemAdmin ?? false },
      });
      return present(user, data.roles, ctx.now());
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', `ログインID「${data.loginId}」は既に使われています。`, 'loginId');
    }
    throw error;
  }
}

async function loadTarget(tx: Executor, centerId: string, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('職員');
  const roles = await tx
    .select({ role: roleAssignments.role, departmentId: roleAssignments.departmentId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.centerId, centerId)));
  if (!roles.length) throw notFound('職員');
  return { user, roles };
}

/** Gives an existing account (of any centre) roles in this centre, replacing those it had here. */
export async function assignRoles(
  ctx: ServiceContext,
  slug: string,
  loginId: string,
  roles: RoleAssignment[],
): Promise<void> {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  const parsed = parseInput(z.array(staffInputSchema.shape.roles.element).min(1), roles, 'roles');
  authorize(
    canGrantRoles(
      actor,
      center.id,
      parsed.map((r) => r.role),
    ),
  );
  await ctx.database.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.loginId, loginId));
    if (!user) throw notFound('職員');
    await assertDepartmentsInCenter(tx, center.id, parsed);
    await tx
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.userId, user.id), eq(roleAssignments.centerId, center.id)));
    await tx
      .insert(roleAssignments)
      .values(parsed.map((r) => ({ ...r, userId: user.id, centerId: center.id })));
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'staff.roles',
      centerId: center.id,
      targetType: 'user',
      targetId: user.id,
      detail: { roles: parsed },
    });
  });
}

export async function updateStaff(
  ctx: ServiceContext,
  slug: string,
  userId: string,
  input: unknown,
): Promise<Staff> {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  authorize(canManageStaff(actor, center.id));
  const data = parseInput(staffUpdateSchema, input);
  return ctx.database.transaction(async (tx) => {
    const target = await loadTarget(tx, center.id, userId);
    authorize(
      canChangeAccount(actor, center.id, {
        systemAdmin: target.user.systemAdmin,
        roles: target.roles.map((r) => r.role as Role),
      }),
    );
    if (data.roles) {
      authorize(
        canGrantRoles(
          actor,
          center.id,
          data.roles.map((r) => r.role),
        ),
      );
      await assertDepartmentsInCenter(tx, center.id, data.roles);
      if (
        userId === actor.userId &&
        !data.roles.some((r) => r.role === 'admin') &&
        target.roles.some((r) => r.role === 'admin')
      ) {
        throw new AppError('bad_request', '自分自身のシステム管理者の役割は外せません。', 'roles');
      }
    }
    if (data.active === false && userId === actor.userId) {
      throw new AppError('bad_request', '自分自身のアカウントは無効にできません。', 'active');
    }
    const [user] = await tx
      .update(users)
      .set({
        ...(data.displayName !== undefined ? { displayName: data.displayName } : {}),
        ...(data.active !== undefined ? { active: data.active } : {}),
        updatedAt: ctx.now(),
      })
      .where(eq(users.id, userId))
      .returning();
    if (data.active === false) await tx.delete(sessions).where(eq(sessions.userId, userId));
    let roles = target.roles;
    if (data.roles) {
      await tx
        .delete(roleAssignments)
        .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.centerId, center.id)));
      await tx.insert(roleAssignments).values(data.roles.map((r) => ({ ...r, userId, centerId: center.id })));
      roles = data.roles;
    }
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'staff.update',
      centerId: center.id,
      targetType: 'user',
      targetId: userId,
      detail: data,
    });
    return present(user ?? target.user, roles, ctx.now());
  });
}

export async function unlockStaff(ctx: ServiceContext, slug: string, userId: string): Promise<void> {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  authorize(canManageStaff(actor, center.id));
  await ctx.database.transaction(async (tx) => {
    const target = await loadTarget(tx, center.id, userId);
    authorize(
      canChangeAccount(actor, center.id, {
        systemAdmin: target.user.systemAdmin,
        roles: target.roles.map((r) => r.role as Role),
      }),
    );
    await tx.update(users).set({ lockedUntil: null, failedLogins: 0 }).where(eq(users.id, userId));
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'staff.unlock',
      centerId: center.id,
      targetType: 'user',
      targetId: userId,
    });
  });
}

/** An administrator sets a new password; the user must change it at next login and is signed out everywhere. */
export async function resetStaffPassword(
  ctx: ServiceContext,
  slug: string,
  userId: string,
  password: string,
): Promise<void> {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  authorize(canManageStaff(actor, center.id));
  const target = await loadTarget(ctx.database.db, center.id, userId);
  authorize(
    canChangeAccount(actor, center.id, {
      systemAdmin: target.user.systemAdmin,
      roles: target.roles.map((r) => r.role as Role),
    }),
  );
  try {
    assertPasswordAcceptable(ctx, password, target.user.loginId);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, 'password');
    throw error;
  }
  const passwordHash = await hashPassword(password);
  await ctx.database.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordMustChange: true,
        passwordChangedAt: ctx.now(),
        lockedUntil: null,
        failedLogins: 0,
      })
      .where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'staff.password_reset',
      centerId: center.id,
      targetType: 'user',
      targetId: userId,
    });
  });
}

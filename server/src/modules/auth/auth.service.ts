import { createHash, randomBytes } from 'node:crypto';
import type { Role, Session } from '@madoguchi/contracts';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Executor } from '../../platform/db/database.ts';
import { centers, roleAssignments, sessions, users } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor, Membership, ServiceContext } from './actor.ts';
import { hashPassword, passwordProblems, verifyDummy, verifyPassword } from './password.ts';

export const SESSION_COOKIE = 'madoguchi_session';

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

type UserRow = typeof users.$inferSelect;

async function loadMemberships(executor: Executor, userId: string): Promise<Membership[]> {
  const rows = await executor
    .select({
      centerId: roleAssignments.centerId,
      role: roleAssignments.role,
      departmentId: roleAssignments.departmentId,
    })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  const byCenter = new Map<string, Membership>();
  for (const row of rows) {
    const m = byCenter.get(row.centerId) ?? { centerId: row.centerId, roles: [], departmentId: null };
    m.roles.push(row.role as Role);
    if (row.departmentId) m.departmentId = row.departmentId;
    byCenter.set(row.centerId, m);
  }
  return [...byCenter.values()];
}

function actorOf(user: UserRow, memberships: Membership[]): Actor {
  return {
    userId: user.id,
    loginId: user.loginId,
    displayName: user.displayName,
    systemAdmin: user.systemAdmin,
    memberships,
  };
}

function passwordExpired(ctx: ServiceContext, user: UserRow): boolean {
  if (user.passwordMustChange) return true;
  const maxAge = ctx.config.PASSWORD_MAX_AGE_DAYS;
  return maxAge > 0 && ctx.now().getTime() - user.passwordChangedAt.getTime() > maxAge * 86_400_000;
}

/** The session document the console receives: who, which centres with which roles, the CSRF token. */
export async function describeSession(
  ctx: ServiceContext,
  user: UserRow,
  actor: Actor,
  csrfToken: string,
): Promise<Session> {
  const { db } = ctx.database;
  const visible = user.systemAdmin
    ? await db.select().from(centers).orderBy(centers.createdAt)
    : actor.memberships.length
      ? await db
          .select()
          .from(centers)
          .where(sql`${centers.id} in ${actor.memberships.map((m) => m.centerId)}`)
          .orderBy(centers.createdAt)
      : [];
  return {
    user: {
      id: user.id,
      loginId: user.loginId,
      displayName: user.displayName,
      systemAdmin: user.systemAdmin,
      totpEnabled: user.totpEnabled,
      passwordExpired: passwordExpired(ctx, user),
    },
    centers: visible.map((c) => {
      const m = actor.memberships.find((x) => x.centerId === c.id);
      const roles: Role[] = m ? [...m.roles] : [];
      if (user.systemAdmin && !roles.includes('admin')) roles.push('admin');
      return {
        id: c.id,
        slug: c.slug,
        name: c.name,
        kind: c.kind,
        roles,
        departmentId: m?.departmentId ?? null,
      };
    }),
    csrfToken,
  };
}

async function verifyTotpCode(user: UserRow, code: string, now: Date): Promise<number | null> {
  if (!user.totpSecret) return null;
  const result = await verifyTotp({
    secret: user.totpSecret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    // One step either side for clock drift between phone and server.
    epochTolerance: 30,
    ...(user.totpLastStep !== null ? { afterTimeStep: user.totpLastStep } : {}),
  });
  // The TOTP strategy's result carries the matched time step (the HOTP one, in the union type, does not).
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

export interface LoginResult {
  token: string;
  session: Session;
  maxAgeSeconds: number;
}

/**
 * Signs a staff member in (seed 004 第2-8(1)ア(ｷ): ID とパスワードの認証). Repeated failures lock the account for a
 * while; every attempt, failed or not, is written to the access log.
 */
export async function login(
  ctx: ServiceContext,
  input: { loginId: string; password: string; totp?: string | undefined },
): Promise<LoginResult> {
  const { config } = ctx;
  const now = ctx.now();
  const fail = async (reason: string, user: UserRow | null, code: AppError) => {
    await ctx.database.transaction(async (tx) => {
      if (user && reason === 'bad_password') {
        const failures = user.failedLogins + 1;
        const lock = failures >= config.LOGIN_MAX_FAILURES;
        await tx
          .update(users)
          .set({
            failedLogins: lock ? 0 : failures,
            lockedUntil: lock
              ? new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000)
              : user.lockedUntil,
          })
          .where(eq(users.id, user.id));
        if (lock) {
          await recordAudit(
            tx,
            { actor: null, meta: ctx.meta },
            {
              category: 'auth',
              action: 'auth.lock',
              actorLoginId: input.loginId,
              targetType: 'user',
              targetId: user.id,
              detail: { minutes: config.LOGIN_LOCK_MINUTES },
            },
          );
        }
      }
      await recordAudit(
        tx,
        { actor: null, meta: ctx.meta },
        {
          category: 'auth',
          action: 'auth.login_failed',
          actorLoginId: input.loginId.slice(0, 64),
          targetType: user ? 'user' : null,
          targetId: user?.id ?? null,
          detail: { reason },
        },
      );
    });
    throw code;
  };

  const [user] = await ctx.database.db.select().from(users).where(eq(users.loginId, input.loginId)).limit(1);
  if (!user) {
    await verifyDummy(input.password);
    return fail('unknown_login_id', null, new AppError('invalid_credentials'));
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    return fail('locked', user, new AppError('account_locked'));
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    return fail('bad_password', user, new AppError('invalid_credentials'));
  }
  if (!user.active) return fail('disabled', user, new AppError('account_disabled'));
  let totpStep: number | null = null;
  if (user.totpEnabled) {
    if (!input.totp) throw new AppError('totp_required');
    totpStep = await verifyTotpCode(user, input.totp, now);
    if (totpStep === null) return fail('bad_totp', user, new AppError('invalid_totp'));
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const maxAgeSeconds = config.SESSION_MAX_HOURS * 3600;
  const result = await ctx.database.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: now,
        ...(totpStep !== null ? { totpLastStep: totpStep } : {}),
      })
      .where(eq(users.id, user.id));
    await tx.insert(sessions).values({
      tokenHash: tokenHash(token),
      userId: user.id,
      csrfToken,
      ip: ctx.meta.ip,
      userAgent: ctx.meta.userAgent?.slice(0, 500) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
    });
    const actor = actorOf(user, await loadMemberships(tx, user.id));
    await recordAudit(
      tx,
      { actor, meta: ctx.meta },
      {
        category: 'auth',
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        detail: { totp: user.totpEnabled },
      },
    );
    return actor;
  });
  return { token, maxAgeSeconds, session: await describeSession(ctx, user, result, csrfToken) };
}

export interface ResolvedSession {
  actor: Actor;
  user: UserRow;
  csrfToken: string;
  tokenHash: string;
}

/** Finds the live session behind a cookie token; expired or idle sessions are refused. */
export async function resolveSession(ctx: ServiceContext, token: string): Promise<ResolvedSession | null> {
  const now = ctx.now();
  const hashed = tokenHash(token);
  const idleCutoff = new Date(now.getTime() - ctx.config.SESSION_IDLE_MINUTES * 60_000);
  const [row] = await ctx.database.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, hashed), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleCutoff)),
    )
    .limit(1);
  if (!row?.user.active) return null;
  // Touch at most once a minute: a write per request would serialise every request on one row.
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await ctx.database.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, hashed));
  }
  return {
    actor: actorOf(row.user, await loadMemberships(ctx.database.db, row.user.id)),
    user: row.user,
    csrfToken: row.session.csrfToken,
    tokenHash: hashed,
  };
}

export async function logout(ctx: ServiceContext, resolved: ResolvedSession): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, resolved.tokenHash));
    await recordAudit(tx, ctx, {
      category: 'auth',
      action: 'auth.logout',
      targetType: 'user',
      targetId: resolved.user.id,
    });
  });
}

/** Throws `password_rejected` listing every rule the new password breaks. */
export function assertPasswordAcceptable(ctx: ServiceContext, password: string, loginId: string): void {
  const problems = passwordProblems(password, loginId, ctx.config.PASSWORD_MIN_LENGTH);
  if (problems.length)
    throw new AppError('password_rejected', `パスワード: ${problems.join(' ')}`, 'newPassword');
}

/** The signed-in user changes their own password; other sessions of the user are ended. */
export async function changePassword(
  ctx: ServiceContext,
  resolved: ResolvedSession,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { user } = resolved;
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('invalid_credentials', '現在のパスワードが正しくありません。', 'currentPassword');
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError(
      'password_rejected',
      '新しいパスワードは現在のものと別にしてください。',
      'newPassword',
    );
  }
  assertPasswordAcceptable(ctx, input.newPassword, user.loginId);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.database.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: ctx.now(), passwordMustChange: false, updatedAt: ctx.now() })
      .where(eq(users.id, user.id));
    await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), sql`${sessions.tokenHash} <> ${resolved.tokenHash}`));
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'auth.password_change',
      targetType: 'user',
      targetId: user.id,
    });
  });
}

/** Starts TOTP enrolment: a new secret is stored but not enforced until a code from it is confirmed. */
export async function setupTotp(
  ctx: ServiceContext,
  resolved: ResolvedSession,
): Promise<{ secret: string; otpauthUri: string }> {
  if (resolved.user.totpEnabled) throw new AppError('conflict', '二要素認証は既に有効です。');
  const secret = generateSecret();
  await ctx.database.db
    .update(users)
    .set({ totpSecret: secret, totpLastStep: null })
    .where(eq(users.id, resolved.user.id));
  return { secret, otpauthUri: generateURI({ issuer: 'Madoguchi', label: resolved.user.loginId, secret }) };
}

export async function enableTotp(
  ctx: ServiceContext,
  resolved: ResolvedSession,
  code: string,
): Promise<void> {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, resolved.user.id));
  if (!user?.totpSecret) throw new AppError('bad_request', '先に二要素認証の設定を開始してください。');
  if (user.totpEnabled) throw new AppError('conflict', '二要素認証は既に有効です。');
  const step = await verifyTotpCode(user, code, ctx.now());
  if (step === null) throw new AppError('invalid_totp', undefined, 'code');
  await ctx.database.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true, totpLastStep: step }).where(eq(users.id, user.id));
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'auth.totp_enable',
      targetType: 'user',
      targetId: user.id,
    });
  });
}

export async function disableTotp(
  ctx: ServiceContext,
  resolved: ResolvedSession,
  password: string,
): Promise<void> {
  if (!(await verifyPassword(resolved.user.passwordHash, password))) {
    throw new AppError('invalid_credentials', 'パスワードが正しくありません。', 'password');
  }
  await ctx.database.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabled: false, totpSecret: null, totpLastStep: null })
      .where(eq(users.id, resolved.user.id));
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'auth.totp_disable',
      targetType: 'user',
      targetId: resolved.user.id,
    });
  });
}

/** Removes sessions past their end; run by the `sessions.purge` job. */
export async function purgeSessions(executor: Executor, now: Date, idleMinutes: number): Promise<number> {
  const idleCutoff = new Date(now.getTime() - idleMinutes * 60_000);
  const gone = await executor
    .delete(sessions)
    .where(sql`${lt(sessions.expiresAt, now)} or ${lt(sessions.lastSeenAt, idleCutoff)}`)
    .returning({ userId: sessions.userId });
  return gone.length;
}

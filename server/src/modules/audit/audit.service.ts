import type { AuditCategory, AuditPage, AuditQuery } from '@madoguchi/contracts';
import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { auditEvents, roleAssignments } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { authorize, hasRole, requireActor, type ServiceContext } from '../auth/actor.ts';

export interface AuditEntry {
  category: AuditCategory;
  /** `<module>.<verb>`, e.g. `auth.login`, `center.update`, `staff.create`. */
  action: string;
  centerId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Writes one audit row. Call it with the same executor (transaction) as the change it records, so that
 * the change and its trail commit together or not at all.
 */
export async function recordAudit(
  tx: Executor,
  ctx: Pick<ServiceContext, 'actor' | 'meta'>,
  entry: AuditEntry & { actorLoginId?: string | null },
) {
  await tx.insert(auditEvents).values({
    category: entry.category,
    action: entry.action,
    centerId: entry.centerId ?? null,
    actorUserId: ctx.actor?.userId ?? null,
    actorLoginId: entry.actorLoginId ?? ctx.actor?.loginId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? {},
    ip: ctx.meta.ip,
    userAgent: ctx.meta.userAgent?.slice(0, 500) ?? null,
  });
}

/** Which fields changed between two records, for the audit detail (values of secrets are never put here). */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(value))
      changes[key] = { from: before[key], to: value };
  }
  return changes;
}

export const canSearchAudit = (ctx: ServiceContext, centerId: string) =>
  ctx.actor !== null && hasRole(ctx.actor, centerId, 'manager', 'admin');

/**
 * Searches a centre's access log (seed 004 第2-9(1)エ: 確認や分析が可能なこと): the centre's own events plus
 * installation-level events (logins) of staff who hold a role in it. Newest first, keyset-paged by id.
 */
export async function searchAudit(
  ctx: ServiceContext,
  centerId: string,
  query: AuditQuery,
): Promise<AuditPage> {
  const actor = requireActor(ctx);
  authorize(canSearchAudit(ctx, centerId));
  const { db } = ctx.database;
  let cursorId: number | null = null;
  if (query.cursor) {
    cursorId = Number(query.cursor);
    if (!Number.isSafeInteger(cursorId) || cursorId <= 0)
      throw new AppError('validation_failed', 'cursor: 不正なカーソルです。', 'cursor');
  }
  const staffOfCenter = db
    .select({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(eq(roleAssignments.centerId, centerId));
  // Installation-level events (logins, failed logins, lockouts) belong to the centres whose staff they
  // concern: done by one of them, or aimed at one of their accounts. A system administrator sees them all,
  // including attempts on login IDs that do not exist.
  const installationLevel = actor.systemAdmin
    ? isNull(auditEvents.centerId)
    : and(
        isNull(auditEvents.centerId),
        or(
          inArray(auditEvents.actorUserId, staffOfCenter),
          and(
            eq(auditEvents.targetType, 'user'),
            sql`${auditEvents.targetId} in (select ${roleAssignments.userId}::text from ${roleAssignments} where ${roleAssignments.centerId} = ${centerId})`,
          ),
        ),
      );
  const conditions = [
    or(eq(auditEvents.centerId, centerId), installationLevel),
    query.from ? gte(auditEvents.occurredAt, new Date(query.from)) : undefined,
    query.to ? lte(auditEvents.occurredAt, new Date(query.to)) : undefined,
    query.category ? eq(auditEvents.category, query.category) : undefined,
    query.action ? sql`${auditEvents.action} like ${`${escapeLike(query.action)}%`}` : undefined,
    query.actor ? eq(auditEvents.actorLoginId, query.actor) : undefined,
    query.targetType ? eq(auditEvents.targetType, query.targetType) : undefined,
    query.targetId ? eq(auditEvents.targetId, query.targetId) : undefined,
    cursorId ? lt(auditEvents.id, cursorId) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  // The log names people and addresses: who searched it, and for what, is itself logged.
  await recordAudit(db, ctx, {
    category: 'view',
    action: 'audit.search',
    centerId,
    detail: { query: { ...query, limit: undefined, cursor: undefined }, returned: page.length },
  });
  return {
    events: page.map((r) => ({
      id: String(r.id),
      occurredAt: r.occurredAt.toISOString(),
      category: r.category,
      action: r.action,
      actorUserId: r.actorUserId,
      actorLoginId: r.actorLoginId,
      centerId: r.centerId,
      targetType: r.targetType,
      targetId: r.targetId,
      detail: r.detail,
      ip: r.ip,
      userAgent: r.userAgent,
    })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Deletes audit rows older than the retention period; returns how many went. Run by the `audit.purge` job. */
export async function purgeAudit(executor: Executor, retentionDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const deleted = await executor
    .delete(auditEvents)
    .where(lt(auditEvents.occurredAt, cutoff))
    .returning({ id: auditEvents.id });
  return deleted.length;
}

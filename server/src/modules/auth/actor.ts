import type { Role } from '@madoguchi/contracts';
import type { Config } from '../../config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';

/** A centre in which the actor holds roles. */
export interface Membership {
  centerId: string;
  roles: Role[];
  departmentId: string | null;
}

/** The signed-in staff member on whose behalf a service runs. */
export interface Actor {
  /** Null for the command line, whose operator is named in `loginId` (e.g. `cli:root`). */
  userId: string | null;
  loginId: string;
  displayName: string;
  systemAdmin: boolean;
  memberships: Membership[];
}

/** Where a request came from, for the audit trail. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** What every service function receives: the database, the configuration, the caller and a clock. */
export interface ServiceContext {
  database: Database;
  config: Config;
  actor: Actor | null;
  meta: RequestMeta;
  now: () => Date;
}

/** The actor for CLI commands run by whoever has shell access to the installation. */
export function commandLineActor(osUser: string): Actor {
  return {
    userId: null,
    loginId: `cli:${osUser}`,
    displayName: `コマンドライン (${osUser})`,
    systemAdmin: true,
    memberships: [],
  };
}

/** Roles the actor holds in a centre; a system administrator counts as that centre's admin. */
export function rolesIn(actor: Actor, centerId: string): Role[] {
  const roles = actor.memberships.find((m) => m.centerId === centerId)?.roles ?? [];
  return actor.systemAdmin && !roles.includes('admin') ? [...roles, 'admin'] : roles;
}

export function hasRole(actor: Actor, centerId: string, ...roles: Role[]): boolean {
  const held = rolesIn(actor, centerId);
  return roles.some((r) => held.includes(r));
}

export function isMember(actor: Actor, centerId: string): boolean {
  return rolesIn(actor, centerId).length > 0;
}

/** Throws `unauthenticated` when no one is signed in. */
export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor;
}

/** Throws `forbidden` unless the policy allows; services call this before touching data. */
export function authorize(allowed: boolean, message?: string): void {
  if (!allowed) throw new AppError('forbidden', message);
}

import type { Role } from '@madoguchi/contracts';
import { type Actor, hasRole } from '../auth/actor.ts';

/** Managers and admins keep a centre's staff list (DOMAIN.md: manager — users and settings of a centre). */
export const canManageStaff = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'manager', 'admin');

/** Only an admin may grant or take away the admin role, or touch an admin's account. */
export const canGrantRoles = (actor: Actor, centerId: string, roles: readonly Role[]) =>
  canManageStaff(actor, centerId) && (!roles.includes('admin') || hasRole(actor, centerId, 'admin'));

/** A system administrator's account is changed only by a system administrator. */
export const canChangeAccount = (
  actor: Actor,
  centerId: string,
  target: { systemAdmin: boolean; roles: readonly Role[] },
) => canGrantRoles(actor, centerId, target.roles) && (!target.systemAdmin || actor.systemAdmin);

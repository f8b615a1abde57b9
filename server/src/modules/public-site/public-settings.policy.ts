import { type Actor, hasRole, isMember } from '../auth/actor.ts';

// Who may see and change what the centre shows citizens. Pure functions: tested directly and through every
// route.

/** Any staff member of the centre may read its public settings (they are shown to citizens anyway). */
export const canViewPublicSettings = (actor: Actor, centerId: string) => isMember(actor, centerId);

/**
 * The homepage's introduction, the related contact points (seed 004 第2-8(3)ア(ｲ)), the public host and the
 * inquiry form are the centre admin's (a system administrator counts as admin of every centre).
 */
export const canEditPublicSettings = (actor: Actor, centerId: string) => hasRole(actor, centerId, 'admin');

/**
 * The notice banner is set during an incident (seed 004 第3-1(2)ウ: answers delayed in a disaster), so those
 * who run the floor may set and clear it at once without waiting for an administrator.
 */
export const canSetPublicNotice = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'admin', 'manager', 'supervisor');

import { type Actor, hasRole, isMember } from '../auth/actor.ts';

// Who may do what with a centre's settings. Pure functions: tested directly and through every route.

/** Any staff member of the centre may read its settings (hours, lines, departments, categories). */
export const canViewCenter = (actor: Actor, centerId: string) => isMember(actor, centerId);
/** Only a system administrator opens a new centre on the installation. */
export const canCreateCenter = (actor: Actor) => actor.systemAdmin;
/** Name, hours, lines and departments are the system administrator's and centre admin's (DOMAIN.md roles). */
export const canConfigureCenter = (actor: Actor, centerId: string) => hasRole(actor, centerId, 'admin');
/** Closures (e.g. a disaster day) and category axes are also the manager's to keep. */
export const canManageCalendarAndCategories = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'admin', 'manager');

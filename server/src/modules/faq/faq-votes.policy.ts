import { type Actor, hasRole } from '../auth/actor.ts';

// Who may read the statistics of citizens' votes (seed 004 第2-8(1)イ(ｳ)). Pure functions: tested directly and
// through every route in route-access.db.test.ts.

/**
 * The numbers (はい, いいえ, ratio) guide FAQ work and supervision, as search analytics do: FAQ editors,
 * supervisors, managers and admins, centre-wide. Operators and department staff have no use for them.
 */
export const canViewVoteStats = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'faq_editor', 'supervisor', 'manager', 'admin');

/**
 * Comments are free text typed by citizens and may hold names, addresses or telephone numbers: only those who
 * act on them read them — FAQ editors (they rewrite the answer), managers (accountable for the service and the
 * city's complaints) and admins. Each reading is audited as a view.
 */
export const canViewVoteComments = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'faq_editor', 'manager', 'admin');

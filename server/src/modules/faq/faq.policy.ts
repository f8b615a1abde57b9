import { type Actor, hasRole, isMember, rolesIn } from '../auth/actor.ts';

// Who may do what with a centre's FAQs. Pure functions: tested directly and through every route.

/**
 * The department whose FAQs are all the actor may see, or null for every FAQ. Department staff who hold no
 * other role in the centre see their own department's FAQs only (DOMAIN.md: "check FAQs of their department").
 */
export function departmentScope(actor: Actor, centerId: string): string | null {
  const roles = rolesIn(actor, centerId);
  if (roles.length === 0 || roles.some((r) => r !== 'department_staff')) return null;
  return actor.memberships.find((m) => m.centerId === centerId)?.departmentId ?? null;
}

/** Any staff member of the centre may list FAQs (department staff: their department's only). */
export const canListFaqs = (actor: Actor, centerId: string) => isMember(actor, centerId);

/** Whether the actor may see one FAQ owned by `departmentId`. */
export function canViewFaq(actor: Actor, centerId: string, departmentId: string | null): boolean {
  if (!isMember(actor, centerId)) return false;
  const scope = departmentScope(actor, centerId);
  return scope === null || scope === departmentId;
}

/** Only editors create, change, delete, publish and review FAQs (seed 004 第2-8(1)ア(ｱ)(ｵ)). */
export const canEditFaqs = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'faq_editor', 'admin');

/** Comments: editors and supervisors on any FAQ, department staff on their own department's FAQs. */
export function canCommentFaq(actor: Actor, centerId: string, departmentId: string | null): boolean {
  if (hasRole(actor, centerId, 'faq_editor', 'admin', 'supervisor')) return true;
  const own = actor.memberships.find((m) => m.centerId === centerId);
  return Boolean(
    own?.roles.includes('department_staff') && own.departmentId !== null && own.departmentId === departmentId,
  );
}

/** Those who answer citizens record that an FAQ was used (seed 004 第3-4: FAQ use counts). */
export const canRecordFaqUse = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'operator', 'supervisor', 'manager', 'admin', 'faq_editor');

/**
 * Learnt wordings shape every search of the centre: FAQ editors and admins review and remove them, as they
 * edit synonyms; erasing all of a centre's is the administrator's (the learning switch is theirs too).
 */
export const canManageFaqEvidence = canEditFaqs;
export const canEraseFaqEvidence = (actor: Actor, centerId: string) => hasRole(actor, centerId, 'admin');

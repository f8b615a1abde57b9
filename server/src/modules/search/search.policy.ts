import { type Actor, hasRole, isMember } from '../auth/actor.ts';

// Who may do what with search. Pure functions: tested through every route in route-access.db.test.ts.
// Which FAQs a search shows follows the FAQ module (faq.policy.ts departmentScope): department staff find
// their own department's FAQs only, exactly the FAQs they may open.

/** Any staff member of the centre searches FAQs and gets suggestions. */
export const canSearchFaqs = (actor: Actor, centerId: string) => isMember(actor, centerId);

/** Synonyms change every search of the centre: FAQ editors and admins (the same who edit FAQs). */
export const canManageSynonyms = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'faq_editor', 'admin');

/** What was searched and not found guides FAQ work and supervision. */
export const canViewSearchAnalytics = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'faq_editor', 'supervisor', 'manager', 'admin');

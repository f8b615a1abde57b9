import { type Actor, hasRole } from '../../auth/actor.ts';
import { canEditFaqs } from '../faq.policy.ts';

// Who may move FAQs in and out as files (seed 004 第2-8(1)ア(ｴ)). Pure functions.

/** Export: the editors, and those who check or report on the knowledge base (supervisors, managers). */
export const canExportFaqs = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'faq_editor', 'admin', 'manager', 'supervisor');

/** Import changes FAQs in bulk: the editors only, as for any change of an FAQ. */
export const canImportFaqs = (actor: Actor, centerId: string) => canEditFaqs(actor, centerId);

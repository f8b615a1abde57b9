import type { InquiryStatus } from '@madoguchi/contracts';
import { type Actor, hasRole } from '../auth/actor.ts';

// Who may do what with the centre's web inquiries (DOMAIN.md roles). Pure functions: tested directly and
// through every route (route-access.db.test.ts).
//
// Operators answer web-form inquiries; supervisors take hard ones and check records; managers and the
// centre's administrators oversee the centre. FAQ editors (who only edit FAQs) and department staff (who get
// matters handed off to them, not the centre's queue) do not see citizens' inquiries unless they also hold
// one of those roles.

/** List, open, download attachments, change the status, send a failed auto-reply again. */
export const canHandleInquiries = (actor: Actor, centerId: string) =>
  hasRole(actor, centerId, 'operator', 'supervisor', 'manager', 'admin');

/** The centre's SMTP server, sender and auto-reply text (credentials: administrators only). */
export const canManageMailSettings = (actor: Actor, centerId: string) => hasRole(actor, centerId, 'admin');

/**
 * Status moves: 未対応 → 対応中 → 完了, straight to 完了 for a matter needing no answer, and 完了 back to
 * 対応中 when the citizen writes again. Nothing goes back to 未対応: someone has looked at it.
 */
const transitions: Record<InquiryStatus, readonly InquiryStatus[]> = {
  new: ['in_progress', 'closed'],
  in_progress: ['closed'],
  closed: ['in_progress'],
};

export function canMoveInquiry(from: InquiryStatus, to: InquiryStatus): boolean {
  return from === to || transitions[from].includes(to);
}

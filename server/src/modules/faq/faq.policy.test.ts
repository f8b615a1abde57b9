import type { Role } from '@madoguchi/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { canCommentFaq, canEditFaqs, canRecordFaqUse, canViewFaq, departmentScope } from './faq.policy.ts';

const center = 'c1';
const shimin = 'd-shimin';
const gomi = 'd-gomi';
const actor = (roles: Role[], departmentId: string | null = null, systemAdmin = false): Actor => ({
  userId: 'u',
  loginId: 'u',
  displayName: 'u',
  systemAdmin,
  memberships: roles.length ? [{ centerId: center, roles, departmentId }] : [],
});

describe('FAQ policy', () => {
  it('lets only editors and admins change FAQs', () => {
    expect(canEditFaqs(actor(['faq_editor']), center)).toBe(true);
    expect(canEditFaqs(actor(['admin']), center)).toBe(true);
    expect(canEditFaqs(actor([], null, true), center)).toBe(true);
    for (const role of ['operator', 'supervisor', 'manager', 'department_staff'] as Role[])
      expect(canEditFaqs(actor([role], role === 'department_staff' ? shimin : null), center)).toBe(false);
    expect(canEditFaqs(actor(['faq_editor']), 'other')).toBe(false);
  });

  it('limits department staff to their department, unless they hold another role too', () => {
    const staff = actor(['department_staff'], shimin);
    expect(departmentScope(staff, center)).toBe(shimin);
    expect(canViewFaq(staff, center, shimin)).toBe(true);
    expect(canViewFaq(staff, center, gomi)).toBe(false);
    expect(canViewFaq(staff, center, null)).toBe(false);
    const both = actor(['department_staff', 'operator'], shimin);
    expect(departmentScope(both, center)).toBeNull();
    expect(canViewFaq(both, center, gomi)).toBe(true);
    expect(canViewFaq(actor(['operator']), 'other', null)).toBe(false);
  });

  it('lets editors, supervisors and the owning department comment', () => {
    expect(canCommentFaq(actor(['supervisor']), center, gomi)).toBe(true);
    expect(canCommentFaq(actor(['faq_editor']), center, null)).toBe(true);
    expect(canCommentFaq(actor(['department_staff'], shimin), center, shimin)).toBe(true);
    expect(canCommentFaq(actor(['department_staff'], shimin), center, gomi)).toBe(false);
    expect(canCommentFaq(actor(['department_staff'], shimin), center, null)).toBe(false);
    expect(canCommentFaq(actor(['operator']), center, null)).toBe(false);
    expect(canCommentFaq(actor(['manager']), center, null)).toBe(false);
  });

  it('lets those who answer citizens record uses', () => {
    for (const role of ['operator', 'supervisor', 'manager', 'admin', 'faq_editor'] as Role[])
      expect(canRecordFaqUse(actor([role]), center)).toBe(true);
    expect(canRecordFaqUse(actor(['department_staff'], shimin), center)).toBe(false);
  });
});

import type { Role } from '@madoguchi/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { canHandleInquiries, canManageMailSettings, canMoveInquiry } from './inquiries.policy.ts';

const center = 'c1';
const actor = (roles: Role[], systemAdmin = false): Actor => ({
  userId: 'u',
  loginId: 'u',
  displayName: 'u',
  systemAdmin,
  memberships: roles.length ? [{ centerId: center, roles, departmentId: null }] : [],
});

describe('inquiries policy', () => {
  it('lets those who answer citizens handle inquiries, not FAQ editors or department staff', () => {
    for (const role of ['operator', 'supervisor', 'manager', 'admin'] as Role[])
      expect(canHandleInquiries(actor([role]), center), role).toBe(true);
    for (const role of ['faq_editor', 'department_staff'] as Role[])
      expect(canHandleInquiries(actor([role]), center), role).toBe(false);
    expect(canHandleInquiries(actor(['faq_editor', 'operator']), center)).toBe(true);
    expect(canHandleInquiries(actor([], true), center)).toBe(true);
    expect(canHandleInquiries(actor(['operator']), 'other-centre')).toBe(false);
  });

  it('keeps mail settings to the centre’s administrators', () => {
    expect(canManageMailSettings(actor(['admin']), center)).toBe(true);
    expect(canManageMailSettings(actor([], true), center)).toBe(true);
    for (const role of ['operator', 'supervisor', 'manager', 'faq_editor', 'department_staff'] as Role[])
      expect(canManageMailSettings(actor([role]), center), role).toBe(false);
  });

  it('moves 未対応 → 対応中 → 完了, reopens 完了, never back to 未対応', () => {
    expect(canMoveInquiry('new', 'in_progress')).toBe(true);
    expect(canMoveInquiry('new', 'closed')).toBe(true);
    expect(canMoveInquiry('in_progress', 'closed')).toBe(true);
    expect(canMoveInquiry('closed', 'in_progress')).toBe(true);
    expect(canMoveInquiry('in_progress', 'new')).toBe(false);
    expect(canMoveInquiry('closed', 'new')).toBe(false);
    expect(canMoveInquiry('new', 'new')).toBe(true);
  });
});

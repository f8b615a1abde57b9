import type { Role } from '@madoguchi/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import {
  canEditPublicSettings,
  canSetPublicNotice,
  canViewPublicSettings,
} from './public-settings.policy.ts';

const center = 'c1';
const other = 'c2';
const actor = (roles: Role[], systemAdmin = false, centerId = center): Actor => ({
  userId: 'u',
  loginId: 'u',
  displayName: 'u',
  systemAdmin,
  memberships: roles.length ? [{ centerId, roles, departmentId: null }] : [],
});

describe('public settings policy', () => {
  it('lets any staff member of the centre read the settings, and no one else', () => {
    for (const role of ['operator', 'department_staff', 'faq_editor', 'admin'] as Role[])
      expect(canViewPublicSettings(actor([role]), center)).toBe(true);
    expect(canViewPublicSettings(actor(['admin'], false, other), center)).toBe(false);
    expect(canViewPublicSettings(actor([]), center)).toBe(false);
    expect(canViewPublicSettings(actor([], true), center)).toBe(true);
  });

  it('leaves the homepage, host and form to the centre admin and system administrators', () => {
    expect(canEditPublicSettings(actor(['admin']), center)).toBe(true);
    expect(canEditPublicSettings(actor([], true), center)).toBe(true);
    for (const role of ['manager', 'supervisor', 'faq_editor', 'operator', 'department_staff'] as Role[])
      expect(canEditPublicSettings(actor([role]), center), role).toBe(false);
    expect(canEditPublicSettings(actor(['admin'], false, other), center)).toBe(false);
  });

  it('lets managers and supervisors set the notice banner quickly, but not operators or editors', () => {
    for (const role of ['admin', 'manager', 'supervisor'] as Role[])
      expect(canSetPublicNotice(actor([role]), center), role).toBe(true);
    expect(canSetPublicNotice(actor([], true), center)).toBe(true);
    for (const role of ['operator', 'faq_editor', 'department_staff'] as Role[])
      expect(canSetPublicNotice(actor([role]), center), role).toBe(false);
    expect(canSetPublicNotice(actor(['manager'], false, other), center)).toBe(false);
  });
});

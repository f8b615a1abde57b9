import type { Role } from '@madoguchi/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { canViewVoteComments, canViewVoteStats } from './faq-votes.policy.ts';

const center = 'c1';
const actor = (roles: Role[], systemAdmin = false): Actor => ({
  userId: 'u',
  loginId: 'u',
  displayName: 'u',
  systemAdmin,
  memberships: roles.length
    ? [{ centerId: center, roles, departmentId: roles.includes('department_staff') ? 'd1' : null }]
    : [],
});

describe('vote statistics policy', () => {
  it('lets FAQ editors, supervisors, managers and admins read the numbers', () => {
    for (const role of ['faq_editor', 'supervisor', 'manager', 'admin'] as Role[])
      expect(canViewVoteStats(actor([role]), center), role).toBe(true);
    expect(canViewVoteStats(actor([], true), center)).toBe(true);
    for (const role of ['operator', 'department_staff'] as Role[])
      expect(canViewVoteStats(actor([role]), center), role).toBe(false);
    expect(canViewVoteStats(actor(['faq_editor']), 'other-centre')).toBe(false);
  });

  it('shows citizens’ comments to FAQ editors, managers and admins only', () => {
    for (const role of ['faq_editor', 'manager', 'admin'] as Role[])
      expect(canViewVoteComments(actor([role]), center), role).toBe(true);
    expect(canViewVoteComments(actor([], true), center)).toBe(true);
    for (const role of ['supervisor', 'operator', 'department_staff'] as Role[])
      expect(canViewVoteComments(actor([role]), center), role).toBe(false);
    expect(canViewVoteComments(actor(['manager']), 'other-centre')).toBe(false);
  });
});

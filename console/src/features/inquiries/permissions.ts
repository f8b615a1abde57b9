import type { Role } from '@madoguchi/contracts';

// What the console offers for web inquiries; the server's inquiries.policy.ts decides the same.

/** Web問合せ (list, detail, status, resend): those who answer citizens. */
export const canHandleInquiries = (roles: Set<Role>) =>
  ['operator', 'supervisor', 'manager', 'admin'].some((r) => roles.has(r as Role));

/** メール設定 (SMTP server, sender, auto-reply): the centre's administrators. */
export const canManageMailSettings = (roles: Set<Role>) => roles.has('admin');

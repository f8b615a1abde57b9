import { z } from 'zod';

/** Staff roles held per centre (DOMAIN.md «Who uses it»). */
export const roles = [
  'operator',
  'supervisor',
  'manager',
  'faq_editor',
  'department_staff',
  'admin',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Japanese labels shown in the console. */
export const roleLabels: Record<Role, string> = {
  operator: 'オペレーター',
  supervisor: 'スーパーバイザー',
  manager: '業務監督者',
  faq_editor: 'FAQ編集者',
  department_staff: '所管課職員',
  admin: 'システム管理者',
};

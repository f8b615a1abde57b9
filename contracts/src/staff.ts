import { z } from 'zod';
import { roleSchema } from './roles.ts';

export const loginIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._@-]{3,64}$/, 'ログインIDは半角英数字と . _ @ - の3〜64文字で入力してください');

export const roleAssignmentSchema = z
  .object({ role: roleSchema, departmentId: z.uuid().nullable().default(null) })
  .refine((r) => (r.role === 'department_staff') === (r.departmentId !== null), {
    message: '所管課職員には所管課を一つ指定してください（他の役割には指定しません）',
    path: ['departmentId'],
  });
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const staffInputSchema = z.object({
  loginId: loginIdSchema,
  displayName: z.string().trim().min(1, '氏名を入力してください').max(100),
  password: z.string(),
  roles: z.array(roleAssignmentSchema).min(1, '役割を一つ以上指定してください'),
});
export type StaffInput = z.input<typeof staffInputSchema>;

export const staffUpdateSchema = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  active: z.boolean().optional(),
  roles: z.array(roleAssignmentSchema).min(1, '役割を一つ以上指定してください').optional(),
});

export const staffSchema = z.object({
  id: z.uuid(),
  loginId: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.object({ role: roleSchema, departmentId: z.uuid().nullable() })),
});
export type Staff = z.infer<typeof staffSchema>;

import { z } from 'zod';
import { centerSummarySchema } from './centers.ts';
import { roleSchema } from './roles.ts';

export const loginRequestSchema = z.object({
  loginId: z.string().trim().min(1, 'ログインIDを入力してください').max(64),
  password: z.string().min(1, 'パスワードを入力してください').max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/, '確認コードは6桁の数字です')
    .optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionCenterSchema = centerSummarySchema.extend({
  roles: z.array(roleSchema),
  departmentId: z.uuid().nullable(),
});
export type SessionCenter = z.infer<typeof sessionCenterSchema>;

/** What the console needs to know about the signed-in staff member. */
export const sessionSchema = z.object({
  user: z.object({
    id: z.uuid(),
    loginId: z.string(),
    displayName: z.string(),
    systemAdmin: z.boolean(),
    totpEnabled: z.boolean(),
    passwordExpired: z.boolean(),
  }),
  centers: z.array(sessionCenterSchema),
  csrfToken: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, '現在のパスワードを入力してください'),
  newPassword: z.string().min(1, '新しいパスワードを入力してください'),
});

export const totpSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string() });
export const totpCodeSchema = z.object({ code: z.string().regex(/^\d{6}$/, '確認コードは6桁の数字です') });
export const passwordConfirmSchema = z.object({
  password: z.string().min(1, 'パスワードを入力してください'),
});

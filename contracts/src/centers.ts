import { z } from 'zod';
import { closureSchema, weeklyHoursSchema } from './calendar.ts';

export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
    'スラッグは半角英小文字・数字・ハイフン（2〜40文字）で入力してください',
  );

/** 総合コールセンター (general) or 特定コールセンター (specific, e.g. an app help desk). */
export const centerKindSchema = z.enum(['general', 'specific']);

export const centerInputSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, 'センター名を入力してください').max(100),
  kind: centerKindSchema.default('general'),
  description: z.string().max(2000).default(''),
});
export type CenterInput = z.input<typeof centerInputSchema>;

export const centerUpdateSchema = z.object({
  name: z.string().trim().min(1, 'センター名を入力してください').max(100).optional(),
  kind: centerKindSchema.optional(),
  description: z.string().max(2000).optional(),
  businessHours: weeklyHoursSchema.optional(),
  /** Learn from use: keep anonymised search wording that led to an FAQ as search evidence. */
  searchLearning: z.boolean().optional(),
});

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9０-９+＋()（）\-‐－ ]{2,20}$/, '電話番号は数字とハイフンで入力してください');

export const lineInputSchema = z.object({
  number: phoneSchema,
  label: z.string().trim().min(1, '回線名を入力してください').max(100),
});
export const lineSchema = lineInputSchema.extend({ id: z.uuid() });
export type Line = z.infer<typeof lineSchema>;

export const departmentInputSchema = z.object({
  code: z.string().trim().max(20).default(''),
  name: z.string().trim().min(1, '所管課名を入力してください').max(100),
  phone: z.union([phoneSchema, z.literal('')]).default(''),
  officeHours: weeklyHoursSchema,
});
export type DepartmentInput = z.input<typeof departmentInputSchema>;
export const departmentSchema = departmentInputSchema.extend({ id: z.uuid() });
export type Department = z.infer<typeof departmentSchema>;

export const categoryInputSchema = z.object({
  name: z.string().trim().min(1, 'カテゴリ名を入力してください').max(100),
  sortOrder: z.number().int().min(0).default(0),
});
export const categorySchema = categoryInputSchema.extend({ id: z.uuid(), axisId: z.uuid() });
export type Category = z.infer<typeof categorySchema>;

export const categoryAxisInputSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'キーは半角英小文字・数字・アンダースコアで入力してください'),
  name: z.string().trim().min(1, '分類軸の名前を入力してください').max(100),
  sortOrder: z.number().int().min(0).default(0),
});
export const categoryAxisSchema = categoryAxisInputSchema.extend({
  id: z.uuid(),
  categories: z.array(categorySchema),
});
export type CategoryAxis = z.infer<typeof categoryAxisSchema>;

export const centerSummarySchema = z.object({
  id: z.uuid(),
  slug: slugSchema,
  name: z.string(),
  kind: centerKindSchema,
});
export type CenterSummary = z.infer<typeof centerSummarySchema>;

export const centerSchema = centerSummarySchema.extend({
  description: z.string(),
  businessHours: weeklyHoursSchema,
  searchLearning: z.boolean(),
  lines: z.array(lineSchema),
  closures: z.array(closureSchema),
  departments: z.array(departmentSchema),
  categoryAxes: z.array(categoryAxisSchema),
});
export type Center = z.infer<typeof centerSchema>;

/** Whether the centre (or a department) is open at a moment, and why not. */
export const openStatusSchema = z.object({
  open: z.boolean(),
  reason: z.enum(['open', 'closure', 'outside_hours', 'closed_day']),
  closure: z.string().nullable(),
  holidayName: z.string().nullable(),
  hours: z.object({ opens: z.string(), closes: z.string() }).nullable(),
});
export type OpenStatus = z.infer<typeof openStatusSchema>;

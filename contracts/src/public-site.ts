import { z } from 'zod';

// What a centre shows citizens beyond its FAQs: the notice banner, the homepage's introduction and related
// contact points, an optional own host name, and which fields the inquiry form asks for.

/** seed 004 第3-1(2)ウ: e.g. 「災害対応のため回答が遅れています」 at the top of every public page. */
export const noticeLevelSchema = z.enum(['info', 'warning', 'urgent']);
export type NoticeLevel = z.infer<typeof noticeLevelSchema>;
export const noticeLevelLabels: Record<NoticeLevel, string> = {
  info: 'お知らせ',
  warning: '注意',
  urgent: '緊急',
};

export const noticeInputSchema = z.object({
  text: z.string().trim().max(500, 'お知らせは500文字以内で入力してください'),
  level: noticeLevelSchema.default('info'),
});
export type NoticeInput = z.input<typeof noticeInputSchema>;

export const noticeSchema = z.object({
  text: z.string(),
  level: noticeLevelSchema,
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** seed 004 第2-8(3)ア(ｲ): the city's specific call centres and other contact points on the homepage. */
export const relatedContactSchema = z.object({
  name: z.string().trim().min(1, '名称を入力してください').max(100),
  phone: z.string().trim().max(30).default(''),
  hours: z.string().trim().max(100).default(''),
  url: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).default(''),
  note: z.string().trim().max(300).default(''),
});
export type RelatedContact = z.infer<typeof relatedContactSchema>;

export const inquiryFieldModeSchema = z.enum(['required', 'optional', 'hidden']);
export type InquiryFieldMode = z.infer<typeof inquiryFieldModeSchema>;
export const inquiryFieldModeLabels: Record<InquiryFieldMode, string> = {
  required: '必須',
  optional: '任意',
  hidden: '表示しない',
};

/** The contact fields the inquiry form asks for; category and text are always asked. */
export const inquiryFieldModesSchema = z.object({
  name: inquiryFieldModeSchema,
  nameKana: inquiryFieldModeSchema,
  email: inquiryFieldModeSchema,
  phone: inquiryFieldModeSchema,
  address: inquiryFieldModeSchema,
  attachment: inquiryFieldModeSchema,
});
export type InquiryFieldModes = z.infer<typeof inquiryFieldModesSchema>;
export const inquiryFieldLabels: Record<keyof InquiryFieldModes, string> = {
  name: 'お名前',
  nameKana: 'お名前（ふりがな）',
  email: 'メールアドレス',
  phone: '電話番号',
  address: 'ご住所',
  attachment: '添付ファイル',
};
export const defaultInquiryFieldModes: InquiryFieldModes = {
  name: 'required',
  nameKana: 'optional',
  email: 'required',
  phone: 'optional',
  address: 'hidden',
  attachment: 'optional',
};

/** Host names are stored lower-case without a port; the site then also answers at that host's root. */
export const publicHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'ホスト名は faq.example.lg.jp のように入力してください',
  );

export const publicSettingsSchema = z.object({
  notice: noticeSchema,
  introduction: z.string(),
  relatedContacts: z.array(relatedContactSchema),
  publicHost: z.string().nullable(),
  inquiryEnabled: z.boolean(),
  inquiryIntro: z.string(),
  inquiryFields: inquiryFieldModesSchema,
});
export type PublicSettings = z.infer<typeof publicSettingsSchema>;

/** What an administrator changes (the notice has its own route: managers set it during an incident). */
export const publicSettingsUpdateSchema = z.object({
  introduction: z.string().max(4000, '紹介文は4000文字以内で入力してください').optional(),
  relatedContacts: z.array(relatedContactSchema).max(30).optional(),
  publicHost: z.union([publicHostSchema, z.literal('').transform(() => null), z.null()]).optional(),
  inquiryEnabled: z.boolean().optional(),
  inquiryIntro: z.string().max(2000, '案内文は2000文字以内で入力してください').optional(),
  inquiryFields: inquiryFieldModesSchema.optional(),
});
export type PublicSettingsUpdate = z.input<typeof publicSettingsUpdateSchema>;

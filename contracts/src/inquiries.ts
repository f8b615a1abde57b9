import { z } from 'zod';

// Inquiries citizens send through the centre's web form (問合せWEBサイト, seed 004 第2-8(2)) and what the
// console shows of them: a list with masked contact data, one inquiry in full, its status and its mails.

/** The longest inquiry text, in characters (what the form's counter shows). */
export const INQUIRY_BODY_MAX = 4000;
/** The largest attachment of an inquiry, in bytes. */
export const INQUIRY_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** 「W」 for the web form, the Japan-time day and a counter per centre and day: W20261122-0007. */
export const receiptNumberSchema = z
  .string()
  .regex(/^W\d{8}-\d{4,6}$/, '受付番号は W20261122-0007 の形式です');

export const inquiryStatusSchema = z.enum(['new', 'in_progress', 'closed']);
export type InquiryStatus = z.infer<typeof inquiryStatusSchema>;
export const inquiryStatusLabels: Record<InquiryStatus, string> = {
  new: '未対応',
  in_progress: '対応中',
  closed: '完了',
};

export const outgoingMailStatusSchema = z.enum(['pending', 'sent', 'failed']);
export type OutgoingMailStatus = z.infer<typeof outgoingMailStatusSchema>;
export const outgoingMailStatusLabels: Record<OutgoingMailStatus, string> = {
  pending: '送信待ち',
  sent: '送信済み',
  failed: '送信失敗',
};

/** The auto-reply's state in the list: `none` when the citizen gave no e-mail address. */
export const inquiryMailStateSchema = z.enum(['none', 'pending', 'sent', 'failed']);
export type InquiryMailState = z.infer<typeof inquiryMailStateSchema>;
export const inquiryMailStateLabels: Record<InquiryMailState, string> = {
  none: 'なし',
  ...outgoingMailStatusLabels,
};

/** One row of the list: contact data masked (山田 ＊＊, y＊＊＊@example.jp, ＊＊＊-＊＊＊＊-5678). */
export const inquirySummarySchema = z.object({
  id: z.uuid(),
  receiptNumber: z.string(),
  receivedAt: z.iso.datetime({ offset: true }),
  categoryId: z.uuid().nullable(),
  categoryName: z.string().nullable(),
  status: inquiryStatusSchema,
  maskedName: z.string().nullable(),
  maskedEmail: z.string().nullable(),
  maskedPhone: z.string().nullable(),
  hasAttachment: z.boolean(),
  mailState: inquiryMailStateSchema,
});
export type InquirySummary = z.infer<typeof inquirySummarySchema>;

export const inquiryListQuerySchema = z.object({
  status: inquiryStatusSchema.optional(),
  /** A receipt number or its beginning (W20261122). */
  receipt: z.string().trim().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type InquiryListQuery = z.input<typeof inquiryListQuerySchema>;

export const inquiryListSchema = z.object({
  items: z.array(inquirySummarySchema),
  total: z.number().int(),
  /** Counts per status over the whole centre, for the filter's labels. */
  counts: z.record(inquiryStatusSchema, z.number().int()),
});
export type InquiryList = z.infer<typeof inquiryListSchema>;

export const inquiryAttachmentSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type InquiryAttachment = z.infer<typeof inquiryAttachmentSchema>;

export const outgoingMailSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['inquiry_receipt']),
  toAddress: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  status: outgoingMailStatusSchema,
  attempts: z.number().int(),
  /** Why it has not gone out yet, or why it failed, in Japanese. */
  lastError: z.string().nullable(),
  sentAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type OutgoingMail = z.infer<typeof outgoingMailSchema>;

/** One inquiry in full (reading it is recorded in the access log). */
export const inquirySchema = z.object({
  id: z.uuid(),
  receiptNumber: z.string(),
  channel: z.enum(['web']),
  receivedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  status: inquiryStatusSchema,
  categoryId: z.uuid().nullable(),
  categoryName: z.string().nullable(),
  name: z.string().nullable(),
  nameKana: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  body: z.string(),
  /** The form fields exactly as submitted. */
  raw: z.record(z.string(), z.unknown()),
  attachments: z.array(inquiryAttachmentSchema),
  mails: z.array(outgoingMailSchema),
});
export type Inquiry = z.infer<typeof inquirySchema>;

export const inquiryStatusUpdateSchema = z.object({ status: inquiryStatusSchema });
export type InquiryStatusUpdate = z.infer<typeof inquiryStatusUpdateSchema>;

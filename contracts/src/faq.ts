import { z } from 'zod';

// FAQ records (seed 004 第2-8(1)ア(ｳ): FAQ-ID, 分類, 質問, 回答, 関連FAQ, 関連URL, 添付, 担当所管課, 公開フラグ,
// 公開開始日・終了日) and what the console, the public site and the API exchange about them.

/** The FAQ-ID: stable, human-readable, unique per centre (e.g. `IWK-0123`, `FAQ-000045`). */
export const faqIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'FAQ-IDは半角英数字と - _ . の40文字以内で入力してください')
  // /faqs/export and /faqs/import are routes: an FAQ with such an ID could never be opened.
  .refine((id) => !['export', 'import'].includes(id.toLowerCase()), 'export と import はFAQ-IDに使えません');

/** The HTML tags an FAQ answer keeps: the server sanitises to them, the console's preview renders only them. */
export const answerAllowedTags: readonly string[] = [
  'p',
  'br',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'b',
  'i',
  'u',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'h3',
  'h4',
  'blockquote',
];

export const relatedUrlSchema = z.object({
  title: z.string().trim().min(1, 'リンクの名前を入力してください').max(200),
  url: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s]+$/, 'URLは http:// または https:// で始めてください')
    .max(2000),
});
export type RelatedUrl = z.infer<typeof relatedUrlSchema>;

const isoDateTime = z.iso.datetime({
  offset: true,
  message: '日時は ISO 8601 形式（例 2027-04-01T00:00:00+09:00）で入力してください',
});

const faqFields = z.object({
  question: z.string().trim().min(1, '質問を入力してください').max(500, '質問は500文字以内にしてください'),
  /** HTML; the server keeps only an allow-list of tags (p, br, ul, ol, li, strong, em, a, table …). */
  answer: z
    .string()
    .trim()
    .min(1, '回答を入力してください')
    .max(20_000, '回答は20,000文字以内にしてください'),
  /** How citizens ask it: weighted like the question in search. */
  altPhrasings: z.array(z.string().trim().min(1).max(200)).max(30),
  keywords: z.array(z.string().trim().min(1).max(50)).max(30),
  categoryIds: z.array(z.uuid()).max(50),
  departmentId: z.uuid().nullable(),
  /** Related FAQs by FAQ-ID (same centre). */
  relatedFaqIds: z.array(faqIdSchema).max(20),
  relatedUrls: z.array(relatedUrlSchema).max(20),
  /** Seen by staff only, never on the public site or in the open API. */
  internalNotes: z.string().max(5000),
  published: z.boolean(),
  publishStart: isoDateTime.nullable(),
  publishEnd: isoDateTime.nullable(),
});

const publishWindow = (v: { publishStart?: string | null; publishEnd?: string | null }) =>
  !v.publishStart || !v.publishEnd || v.publishStart < v.publishEnd;
const publishWindowError = {
  message: '公開終了日時は公開開始日時より後にしてください',
  path: ['publishEnd'],
};

/** Create: only question and answer are required; FAQ-ID optional (the next `FAQ-nnnnnn` is given). */
export const faqInputSchema = faqFields
  .extend({
    faqId: faqIdSchema.optional(),
    altPhrasings: faqFields.shape.altPhrasings.default([]),
    keywords: faqFields.shape.keywords.default([]),
    categoryIds: faqFields.shape.categoryIds.default([]),
    departmentId: faqFields.shape.departmentId.default(null),
    relatedFaqIds: faqFields.shape.relatedFaqIds.default([]),
    relatedUrls: faqFields.shape.relatedUrls.default([]),
    internalNotes: faqFields.shape.internalNotes.default(''),
    published: faqFields.shape.published.default(false),
    publishStart: faqFields.shape.publishStart.default(null),
    publishEnd: faqFields.shape.publishEnd.default(null),
  })
  .refine(publishWindow, publishWindowError);
export type FaqInput = z.input<typeof faqInputSchema>;

/**
 * Update: any subset (absent fields stay as they are), plus the version read: a stale one is a conflict.
 * The FAQ-ID never changes once given: URLs, the CSV round trip and the chatbot feed key on it.
 */
export const faqUpdateSchema = faqFields
  .partial()
  .extend({ version: z.number().int().min(1) })
  .refine(publishWindow, publishWindowError);
export type FaqUpdate = z.input<typeof faqUpdateSchema>;

/**
 * draft: not published; scheduled: published flag set, start in the future; published: visible now;
 * expired: the end has passed. Only `published` FAQs are reachable on the public site.
 */
export const publicationStateSchema = z.enum(['draft', 'scheduled', 'published', 'expired']);
export type PublicationState = z.infer<typeof publicationStateSchema>;
export const publicationStateLabels: Record<PublicationState, string> = {
  draft: '非公開',
  scheduled: '公開予約',
  published: '公開中',
  expired: '公開終了',
};

export const faqAttachmentSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type FaqAttachment = z.infer<typeof faqAttachmentSchema>;

const staffRef = z.object({ id: z.uuid().nullable(), name: z.string() });

export const faqSchema = z.object({
  id: z.uuid(),
  faqId: faqIdSchema,
  version: z.number().int(),
  question: z.string(),
  answer: z.string(),
  altPhrasings: z.array(z.string()),
  keywords: z.array(z.string()),
  categoryIds: z.array(z.uuid()),
  departmentId: z.uuid().nullable(),
  relatedFaqIds: z.array(z.string()),
  relatedUrls: z.array(relatedUrlSchema),
  internalNotes: z.string(),
  published: z.boolean(),
  publishStart: z.string().nullable(),
  publishEnd: z.string().nullable(),
  publicationState: publicationStateSchema,
  attachments: z.array(faqAttachmentSchema),
  lastReviewedAt: z.string().nullable(),
  lastReviewedBy: staffRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: staffRef.nullable(),
});
export type Faq = z.infer<typeof faqSchema>;

export const faqSummarySchema = faqSchema.pick({
  id: true,
  faqId: true,
  question: true,
  departmentId: true,
  categoryIds: true,
  published: true,
  publicationState: true,
  updatedAt: true,
  lastReviewedAt: true,
});
export type FaqSummary = z.infer<typeof faqSummarySchema>;

export const faqListQuerySchema = z.object({
  categoryId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  state: publicationStateSchema.optional(),
  /** Only FAQs not reviewed for 12 months (seed 004 第3-3(4): every FAQ checked at least once a year). */
  reviewDue: z.enum(['true', 'false']).optional(),
  /** `true`: only deleted FAQs, to find one to restore (FAQ editors and admins). */
  deleted: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const faqListSchema = z.object({ items: z.array(faqSummarySchema), total: z.number().int() });

export const faqRevisionSchema = z.object({
  revision: z.number().int(),
  createdAt: z.string(),
  actor: staffRef.nullable(),
  action: z.enum(['create', 'update', 'delete', 'restore', 'import', 'review']),
  /** Field → { from, to } for this save. */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  /** For a `restore`: the revision whose content was brought back. */
  restoredFrom: z.number().int().nullable().optional(),
});
export type FaqRevision = z.infer<typeof faqRevisionSchema>;

export const faqCommentInputSchema = z.object({
  body: z.string().trim().min(1, 'コメントを入力してください').max(2000),
});
export const faqCommentSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  author: staffRef,
  createdAt: z.string(),
});

/** はい and いいえ of a set of citizens' votes (faq-votes.ts); `ratio` is はい ÷ total (0–1), null without votes. */
export const voteCountsSchema = z.object({
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  total: z.number().int(),
  ratio: z.number().min(0).max(1).nullable(),
});
export type VoteCounts = z.infer<typeof voteCountsSchema>;

/** Weekly access ranking (JST weeks starting Monday; seed 004 第2-8(1)ア(ｶ)). */
export const faqRankingSchema = z.object({
  weekStart: z.iso.date(),
  channel: z.enum(['console', 'public', 'all']),
  items: z.array(
    z.object({
      rank: z.number().int(),
      faqId: z.string(),
      question: z.string(),
      views: z.number().int(),
      /** The week's votes on the public site; only for those who may read vote statistics. */
      votes: voteCountsSchema.optional(),
    }),
  ),
});
export type FaqRanking = z.infer<typeof faqRankingSchema>;

export const faqRankingQuerySchema = z.object({
  /** Any day of the week wanted (its Monday is used); default: the last complete week. */
  week: z.iso.date().optional(),
  channel: z.enum(['console', 'public', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** An operator answered with this FAQ; the words searched may be kept, anonymised, as search evidence. */
export const faqUseInputSchema = z.object({
  query: z.string().trim().max(200).optional(),
});

/**
 * A wording learnt for an FAQ (learning from use): what operators searched before answering with it, without
 * digits or e-mail addresses. FAQ editors review and remove wordings that point to the wrong FAQ.
 */
export const faqEvidenceSchema = z.object({
  id: z.uuid(),
  phrase: z.string(),
  uses: z.number().int(),
  lastUsedAt: z.string(),
});
export type FaqEvidence = z.infer<typeof faqEvidenceSchema>;

/** How many learnt wordings an erasure removed. */
export const faqEvidenceErasedSchema = z.object({ deleted: z.number().int() });
export type FaqEvidenceErased = z.infer<typeof faqEvidenceErasedSchema>;

/** Views per channel and uses per JST week (Monday start), the last 12 weeks ending with the current one. */
export const faqStatsSchema = z.object({
  weeks: z.array(
    z.object({
      weekStart: z.iso.date(),
      console: z.number().int(),
      public: z.number().int(),
      uses: z.number().int(),
    }),
  ),
  totalUses: z.number().int(),
  lastUsedAt: z.string().nullable(),
});
export type FaqStats = z.infer<typeof faqStatsSchema>;

// ── CSV / Excel round trip ───────────────────────────────────────────────────────────────────────────
export const faqImportRowResultSchema = z.object({
  /** 1-based line of the data row in the file (the header is line 1). */
  row: z.number().int(),
  faqId: z.string().nullable(),
  action: z.enum(['add', 'change', 'delete', 'unchanged', 'error']),
  changedFields: z.array(z.string()),
  errors: z.array(z.object({ column: z.string().nullable(), message: z.string() })),
});
export const faqImportPreviewSchema = z.object({
  rows: z.array(faqImportRowResultSchema),
  counts: z.object({
    add: z.number().int(),
    change: z.number().int(),
    delete: z.number().int(),
    unchanged: z.number().int(),
    error: z.number().int(),
  }),
  /** Problems with the file as a whole (encoding, missing columns). */
  fileErrors: z.array(z.string()),
  canApply: z.boolean(),
});
export type FaqImportPreview = z.infer<typeof faqImportPreviewSchema>;

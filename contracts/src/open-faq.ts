import { z } from 'zod';

// The open FAQ API and feed (seed 004 第4-4): a centre's published FAQs for the city's chatbot and other
// services, without a session. Only what citizens may read on the public site: never internal notes,
// drafts, comments or staff names. docs/formats/open-faq.md describes the fields and how to keep a mirror.

export const OPEN_FAQ_DEFAULT_LIMIT = 100;
export const OPEN_FAQ_MAX_LIMIT = 500;

export const openFaqQuerySchema = z.object({
  updatedSince: z.iso
    .datetime({
      offset: true,
      message: 'updatedSince は 2026-04-01T00:00:00+09:00 のようなISO 8601の日時です',
    })
    .optional()
    .describe(
      'この日時以降に変わったFAQだけを返し、見えなくなったFAQ-IDを removed で知らせます（前回の syncFrom を渡す）',
    ),
  cursor: z
    .string()
    .max(400)
    .regex(/^[A-Za-z0-9_-]+$/, 'cursor は前のページの nextCursor をそのまま渡してください')
    .optional()
    .describe('前のページの nextCursor'),
  limit: z.coerce
    .number()
    .int('limit は整数です')
    .min(1, 'limit は1以上です')
    .max(OPEN_FAQ_MAX_LIMIT, `limit は${OPEN_FAQ_MAX_LIMIT}以下です`)
    .default(OPEN_FAQ_DEFAULT_LIMIT)
    .describe(`1ページの件数（既定 ${OPEN_FAQ_DEFAULT_LIMIT}、最大 ${OPEN_FAQ_MAX_LIMIT}）`),
});
export type OpenFaqQuery = z.input<typeof openFaqQuerySchema>;

export const openFaqCategorySchema = z.object({
  /** The axis' stable key (e.g. `field`) and its display name (e.g. 行政分野). */
  axisKey: z.string(),
  axis: z.string(),
  name: z.string(),
});

export const openFaqAttachmentSchema = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string(),
});

export const openFaqItemSchema = z.object({
  faqId: z.string(),
  question: z.string(),
  /** Sanitised HTML (the answer-HTML allow-list). */
  answer: z.string(),
  /** The same answer as plain text. */
  answerText: z.string(),
  categories: z.array(openFaqCategorySchema),
  department: z.string().nullable(),
  keywords: z.array(z.string()),
  /** Related FAQs that are themselves visible, in the editor's order. */
  relatedFaqIds: z.array(z.string()),
  relatedUrls: z.array(z.object({ title: z.string(), url: z.string() })),
  attachments: z.array(openFaqAttachmentSchema),
  /** When anything this item shows last changed (its text, its related FAQs, attachments, department). */
  updatedAt: z.iso.datetime({ offset: true }),
  /** The FAQ's page on the public site. */
  url: z.string(),
});
export type OpenFaqItem = z.infer<typeof openFaqItemSchema>;

export const openFaqPageSchema = z.object({
  /** The instant the visibility of FAQs was judged at (publish windows). */
  asOf: z.iso.datetime({ offset: true }),
  /** Pass as updatedSince next time (asOf minus a safety margin for changes still being committed). */
  syncFrom: z.iso.datetime({ offset: true }),
  /** Category, axis and department names; when it differs from the last sync, sync everything again. */
  labelsVersion: z.string(),
  /** How many FAQs are visible at asOf in all: a mirror holds exactly this many after a complete sync. */
  total: z.number().int(),
  items: z.array(openFaqItemSchema),
  /** FAQ-IDs no longer visible (deleted, unpublished, expired) since updatedSince; first page only. */
  removed: z.array(z.string()),
  nextCursor: z.string().nullable(),
});
export type OpenFaqPage = z.infer<typeof openFaqPageSchema>;

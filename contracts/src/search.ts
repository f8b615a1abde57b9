import { z } from 'zod';
import { publicationStateSchema } from './faq.ts';

// FAQ search (seed 004 第2-8(1)イ(ｲ): 自然言語検索, サジェスト), synonyms and search analytics: what the console,
// the public site and the API exchange with the search module (server/src/modules/search).

export const searchRequestSchema = z.object({
  q: z.string().trim().min(1, '検索語を入力してください').max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  categoryId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  /** Staff search sees every FAQ unless asked for the public view. */
  scope: z.enum(['all', 'published']).default('all'),
});
export const searchHitSchema = z.object({
  id: z.uuid(),
  faqId: z.string(),
  question: z.string(),
  /** Plain text with matched words wrapped in <mark>…</mark> (everything else escaped). */
  snippet: z.string(),
  score: z.number(),
  departmentId: z.uuid().nullable(),
  publicationState: publicationStateSchema,
});
export const searchResultSchema = z.object({
  query: z.string(),
  /** Logged query id, sent back with a click so that no-click queries can be counted. */
  searchId: z.string().nullable(),
  hits: z.array(searchHitSchema),
  /** "Did you mean" for a near miss, or null. */
  suggestion: z.string().nullable(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const suggestRequestSchema = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(20).default(8),
  scope: z.enum(['all', 'published']).default('all'),
});
export const suggestionSchema = z.object({
  kind: z.enum(['faq', 'query']),
  text: z.string(),
  faqId: z.string().nullable(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const synonymGroupInputSchema = z.object({
  terms: z.array(z.string().trim().min(1).max(50)).min(2, '同義語は2語以上で登録してください').max(30),
  enabled: z.boolean().default(true),
});
export const synonymGroupSchema = synonymGroupInputSchema.extend({ id: z.uuid() });
export type SynonymGroup = z.infer<typeof synonymGroupSchema>;

// ── search analytics ─────────────────────────────────────────────────────────────────────────────────
/** A period of Japan-time days, both included. */
export const searchAnalyticsQuerySchema = z.object({ from: z.iso.date(), to: z.iso.date() });

/** A searched wording (normalised, without personal data) and how often it was searched. */
export const queryCountSchema = z.object({ query: z.string(), count: z.number().int() });
export type QueryCount = z.infer<typeof queryCountSchema>;

/**
 * Searches that found nothing, searches that found something nobody opened, and the 20 most searched
 * queries of each Japan-time week (Monday start; `week` is its Monday), within the period.
 */
export const searchAnalyticsSchema = z.object({
  noResult: z.array(queryCountSchema),
  noClick: z.array(queryCountSchema),
  top: z.array(queryCountSchema.extend({ week: z.iso.date() })),
});
export type SearchAnalytics = z.infer<typeof searchAnalyticsSchema>;

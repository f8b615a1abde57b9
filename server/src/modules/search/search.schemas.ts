// Request and response shapes of the search routes that the contracts do not hold (yet): the click, synonym
// changes and the analytics report. Candidates for contracts/src/faq.ts once the console types them.
import { faqIdSchema, synonymGroupInputSchema } from '@madoguchi/contracts';
import { z } from 'zod';

/** The logged search a click belongs to (the `searchId` of the search result). */
export const searchIdSchema = z.string().regex(/^[1-9][0-9]{0,14}$/, '検索IDが正しくありません');

/** The FAQ opened from a search result, by FAQ-ID. */
export const searchClickInputSchema = z.object({ faqId: faqIdSchema });

/** A synonym group change: the terms, the switch, or both. */
export const synonymGroupUpdateSchema = z.object({
  terms: synonymGroupInputSchema.shape.terms.optional(),
  enabled: z.boolean().optional(),
});

/** A period of Japan-time days, both included. */
export const searchAnalyticsQuerySchema = z.object({ from: z.iso.date(), to: z.iso.date() });

const queryCount = z.object({ query: z.string(), count: z.number().int() });

/**
 * Searches that found nothing, searches that found something nobody opened, and the 20 most searched
 * queries of each Japan-time week (Monday start; `week` is its Monday), within the period.
 */
export const searchAnalyticsSchema = z.object({
  noResult: z.array(queryCount),
  noClick: z.array(queryCount),
  top: z.array(queryCount.extend({ week: z.iso.date() })),
});
export type SearchAnalytics = z.infer<typeof searchAnalyticsSchema>;

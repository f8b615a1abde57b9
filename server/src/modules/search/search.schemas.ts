// Request shapes only the server reads (the click, synonym changes). What the console and the API exchange,
// search analytics included, is in contracts/src/search.ts.
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

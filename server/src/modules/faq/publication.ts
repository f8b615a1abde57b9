// Publication starts and ends by itself (seed 004 第2-8(1)ア(ｳ): 公開フラグ, 公開開始日・終了日): the state is
// computed from the clock, never stored, so no job has to flip it at midnight. The start is inclusive and
// the end exclusive: an FAQ ending at 2027-04-01T00:00+09:00 is gone at that instant.
import type { PublicationState } from '@madoguchi/contracts';
import { and, eq, gt, isNull, lte, not, or, type SQL } from 'drizzle-orm';
import { faqs } from '../../platform/db/schema.ts';

/** The fields publication depends on. */
export interface PublicationFields {
  published: boolean;
  publishStart: Date | null;
  publishEnd: Date | null;
}

/** draft / scheduled / published / expired at the instant `now`. */
export function publicationState(row: PublicationFields, now: Date): PublicationState {
  if (!row.published) return 'draft';
  if (row.publishEnd && now.getTime() >= row.publishEnd.getTime()) return 'expired';
  if (row.publishStart && now.getTime() < row.publishStart.getTime()) return 'scheduled';
  return 'published';
}

/**
 * SQL condition on `faqs`: visible to citizens at `now` (published, inside its window, not deleted). The public
 * site, the open API and public search use this one definition.
 */
export function faqVisibleAt(now: Date): SQL {
  return and(
    isNull(faqs.deletedAt),
    eq(faqs.published, true),
    or(isNull(faqs.publishStart), lte(faqs.publishStart, now)),
    or(isNull(faqs.publishEnd), gt(faqs.publishEnd, now)),
  ) as SQL;
}

/** SQL condition on `faqs` for one publication state at `now` (the list filter). */
export function faqInStateAt(state: PublicationState, now: Date): SQL {
  switch (state) {
    case 'draft':
      return not(faqs.published);
    case 'scheduled':
      return and(eq(faqs.published, true), gt(faqs.publishStart, now)) as SQL;
    case 'expired':
      return and(eq(faqs.published, true), lte(faqs.publishEnd, now)) as SQL;
    case 'published':
      return and(
        eq(faqs.published, true),
        or(isNull(faqs.publishStart), lte(faqs.publishStart, now)),
        or(isNull(faqs.publishEnd), gt(faqs.publishEnd, now)),
      ) as SQL;
  }
}

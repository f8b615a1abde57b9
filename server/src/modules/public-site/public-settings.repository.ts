import { defaultInquiryFieldModes, type PublicSettings } from '@madoguchi/contracts';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { centerPublicSettings } from '../../platform/db/schema.ts';

export type PublicSettingsRow = typeof centerPublicSettings.$inferSelect;

/** A centre's public settings; a centre that never saved any gets the defaults (no notice, the default form). */
export async function findPublicSettings(executor: Executor, centerId: string): Promise<PublicSettings> {
  const [row] = await executor
    .select()
    .from(centerPublicSettings)
    .where(eq(centerPublicSettings.centerId, centerId))
    .limit(1);
  return row ? toPublicSettings(row) : defaultPublicSettings();
}

export function defaultPublicSettings(): PublicSettings {
  return {
    notice: { text: '', level: 'info', updatedAt: null },
    introduction: '',
    relatedContacts: [],
    publicHost: null,
    inquiryEnabled: true,
    inquiryIntro: '',
    inquiryFields: { ...defaultInquiryFieldModes },
  };
}

export function toPublicSettings(row: PublicSettingsRow): PublicSettings {
  return {
    notice: {
      text: row.noticeText,
      level: row.noticeLevel,
      updatedAt: row.noticeUpdatedAt?.toISOString() ?? null,
    },
    introduction: row.introduction,
    relatedContacts: row.relatedContacts,
    publicHost: row.publicHost,
    inquiryEnabled: row.inquiryEnabled,
    inquiryIntro: row.inquiryIntro,
    inquiryFields: { ...defaultInquiryFieldModes, ...row.inquiryFields },
  };
}

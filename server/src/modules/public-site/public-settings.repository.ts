import { defaultInquiryFieldModes, type PublicSettings } from '@madoguchi/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.ts';
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

// The public site keeps a render cache and a host → centre map in every process; a change of a centre's public
// settings (notice, host, introduction, form) must reach all of them within a second. As for FAQs
// (faq/notify.ts), NOTIFY in the writing transaction is delivered at commit and never on rollback.

/** The channel the public site LISTENs on for changed public settings. */
export const PUBLIC_SETTINGS_CHANGED_CHANNEL = 'madoguchi_public_settings_changed';

/** What one notification carries: the centre whose public settings changed. */
export interface PublicSettingsChanged {
  centerId: string;
}

/** Queues a notification in the transaction `tx`; listeners in every process get it when `tx` commits. */
export async function notifyPublicSettingsChanged(tx: Executor, centerId: string): Promise<void> {
  const payload: PublicSettingsChanged = { centerId };
  await tx.execute(sql`select pg_notify(${PUBLIC_SETTINGS_CHANGED_CHANNEL}, ${JSON.stringify(payload)})`);
}

/**
 * Listens for changed public settings (Database.listen: in-process on PGlite, a dedicated connection on
 * PostgreSQL); returns the function that stops listening. A payload that does not parse is ignored.
 * `onResync` is called after a lost connection, when changes may have been missed: drop every cached centre.
 */
export async function listenPublicSettingsChanged(
  database: Database,
  onChange: (change: PublicSettingsChanged) => void,
  onResync?: () => void,
): Promise<() => Promise<void>> {
  return database.listen(PUBLIC_SETTINGS_CHANGED_CHANNEL, {
    onMessage(payload) {
      try {
        const parsed = JSON.parse(payload) as PublicSettingsChanged;
        if (typeof parsed?.centerId === 'string') onChange({ centerId: parsed.centerId });
      } catch {
        // Someone else's NOTIFY on our channel; nothing to refresh.
      }
    },
    ...(onResync ? { onResync } : {}),
  });
}

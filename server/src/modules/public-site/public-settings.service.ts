import {
  defaultInquiryFieldModes,
  type NoticeInput,
  noticeInputSchema,
  type PublicSettings,
  type PublicSettingsUpdate,
  publicSettingsUpdateSchema,
} from '@madoguchi/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { centerPublicSettings } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { changedFields, recordAudit } from '../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import {
  canEditPublicSettings,
  canSetPublicNotice,
  canViewPublicSettings,
} from './public-settings.policy.ts';
import { findPublicSettings, notifyPublicSettingsChanged } from './public-settings.repository.ts';

type Row = typeof centerPublicSettings.$inferInsert;

/** The centre's public settings (defaults for a centre that never saved any). */
export async function getPublicSettings(ctx: ServiceContext, slug: string): Promise<PublicSettings> {
  const center = await resolveCenter(ctx, slug);
  authorize(canViewPublicSettings(requireActor(ctx), center.id));
  return findPublicSettings(ctx.database.db, center.id);
}

/**
 * Upserts only the given columns: a centre without a row gets one with the defaults plus `patch`, an existing
 * row changes only `patch` (so that an administrator's save and a manager's notice never undo each other).
 */
async function upsert(tx: Executor, centerId: string, patch: Partial<Row>, now: Date) {
  await tx
    .insert(centerPublicSettings)
    .values({ centerId, inquiryFields: { ...defaultInquiryFieldModes }, ...patch, updatedAt: now })
    .onConflictDoUpdate({ target: centerPublicSettings.centerId, set: { ...patch, updatedAt: now } });
}

/**
 * Changes the homepage's introduction, related contact points (seed 004 第2-8(3)ア(ｲ)), the public host and
 * the inquiry form (centre admin). Audited and announced to every process's public site in one transaction.
 */
export async function updatePublicSettings(
  ctx: ServiceContext,
  slug: string,
  input: PublicSettingsUpdate,
): Promise<PublicSettings> {
  const center = await resolveCenter(ctx, slug);
  authorize(canEditPublicSettings(requireActor(ctx), center.id));
  const data = parseInput(publicSettingsUpdateSchema, input);
  // The installation's own host serves the console and every centre under /c/<slug>; no centre may take it.
  const ownHost = ctx.config.PUBLIC_URL ? new URL(ctx.config.PUBLIC_URL).hostname.toLowerCase() : null;
  if (data.publicHost && data.publicHost === ownHost)
    throw new AppError(
      'validation_failed',
      `公開ホスト名「${data.publicHost}」はこのシステム自体のホスト名です。センター専用のホスト名を入力してください。`,
      'publicHost',
    );
  const patch: Partial<Row> = {};
  if (data.introduction !== undefined) patch.introduction = data.introduction;
  if (data.relatedContacts !== undefined) patch.relatedContacts = data.relatedContacts;
  if (data.publicHost !== undefined) patch.publicHost = data.publicHost;
  if (data.inquiryEnabled !== undefined) patch.inquiryEnabled = data.inquiryEnabled;
  if (data.inquiryIntro !== undefined) patch.inquiryIntro = data.inquiryIntro;
  if (data.inquiryFields !== undefined) patch.inquiryFields = data.inquiryFields;
  try {
    return await ctx.database.transaction(async (tx) => {
      const before = await findPublicSettings(tx, center.id);
      await upsert(tx, center.id, patch, ctx.now());
      const { notice: _notice, ...rest } = before;
      await recordAudit(tx, ctx, {
        category: 'change',
        action: 'public_settings.update',
        centerId: center.id,
        targetType: 'center',
        targetId: center.id,
        detail: { changes: changedFields(rest as Record<string, unknown>, patch as Record<string, unknown>) },
      });
      await notifyPublicSettingsChanged(tx, center.id);
      return findPublicSettings(tx, center.id);
    });
  } catch (error) {
    if (isUniqueViolation(error) && data.publicHost)
      throw new AppError(
        'conflict',
        `公開ホスト名「${data.publicHost}」は他のセンターが使っています。別のホスト名を入力してください。`,
        'publicHost',
      );
    throw error;
  }
}

/**
 * Sets the notice banner shown on every public page (seed 004 第3-1(2)ウ), or clears it with an empty text.
 * Managers and supervisors may do this at once during an incident; audited and announced like any change.
 */
export async function setPublicNotice(
  ctx: ServiceContext,
  slug: string,
  input: NoticeInput,
): Promise<PublicSettings> {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  authorize(canSetPublicNotice(actor, center.id), 'お知らせバナーを変更する権限がありません。');
  const data = parseInput(noticeInputSchema, input);
  return ctx.database.transaction(async (tx) => {
    const before = await findPublicSettings(tx, center.id);
    const now = ctx.now();
    await upsert(
      tx,
      center.id,
      {
        noticeText: data.text,
        noticeLevel: data.level,
        noticeUpdatedAt: now,
        noticeUpdatedBy: actor.userId,
      },
      now,
    );
    await recordAudit(tx, ctx, {
      category: 'change',
      action: data.text ? 'public_settings.notice_set' : 'public_settings.notice_clear',
      centerId: center.id,
      targetType: 'center',
      targetId: center.id,
      detail: {
        from: { text: before.notice.text, level: before.notice.level },
        to: { text: data.text, level: data.level },
      },
    });
    await notifyPublicSettingsChanged(tx, center.id);
    return findPublicSettings(tx, center.id);
  });
}

// A centre's mail settings (seed 004 第2-8(2)ウ): SMTP server, sender, auto-reply templates. Administrators
// only; the password is write-only (encrypted at rest, never returned) and a test mail reports the SMTP
// problem in Japanese.
import {
  defaultAutoReplyBody,
  defaultAutoReplySubject,
  type MailSettings,
  type MailSettingsUpdate,
  type MailTestRequest,
  type MailTestResult,
  mailSettingsUpdateSchema,
  mailTestRequestSchema,
} from '@madoguchi/contracts';
import { eq } from 'drizzle-orm';
import { centerMailSettings } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import {
  encryptSecret,
  MailCredentialsError,
  MailSendError,
  mailCredentialsKey,
  missingKeyMessage,
  sendSmtpMail,
} from '../../platform/mail/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { canManageMailSettings } from './inquiries.policy.ts';
import { findMailSettingsRow, type MailSettingsRow } from './inquiries.repository.ts';
import { smtpSettingsOf } from './mail-delivery.ts';
import { formatReceivedAt } from './receipt.ts';

async function adminCenter(ctx: ServiceContext, slug: string) {
  const center = await resolveCenter(ctx, slug);
  authorize(canManageMailSettings(requireActor(ctx), center.id), 'メール設定を変更する権限がありません。');
  return center;
}

function keyConfigured(ctx: ServiceContext): boolean {
  return Boolean(ctx.config.MAIL_CREDENTIALS_KEY);
}

function present(ctx: ServiceContext, row: MailSettingsRow | null): MailSettings {
  if (!row) {
    return {
      configured: false,
      enabled: false,
      smtpHost: '',
      smtpPort: 587,
      smtpSecurity: 'starttls',
      smtpUser: null,
      hasPassword: false,
      fromAddress: '',
      fromName: '',
      replyTo: null,
      autoReplySubject: defaultAutoReplySubject,
      autoReplyBody: defaultAutoReplyBody,
      credentialsKeyConfigured: keyConfigured(ctx),
      updatedAt: null,
    };
  }
  return {
    configured: true,
    enabled: row.enabled,
    smtpHost: row.smtpHost,
    smtpPort: row.smtpPort,
    smtpSecurity: row.smtpSecurity,
    smtpUser: row.smtpUser,
    hasPassword: row.smtpPasswordEncrypted !== null,
    fromAddress: row.fromAddress,
    fromName: row.fromName,
    replyTo: row.replyTo,
    autoReplySubject: row.autoReplySubject,
    autoReplyBody: row.autoReplyBody,
    credentialsKeyConfigured: keyConfigured(ctx),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getMailSettings(ctx: ServiceContext, slug: string): Promise<MailSettings> {
  const center = await adminCenter(ctx, slug);
  return present(ctx, await findMailSettingsRow(ctx.database.db, center.id));
}

/**
 * Saves the whole settings form. The password: a new one is encrypted with MAIL_CREDENTIALS_KEY (refused,
 * with a Japanese message, when the key is not configured), null removes it, absent or empty keeps it.
 */
export async function updateMailSettings(
  ctx: ServiceContext,
  slug: string,
  input: MailSettingsUpdate,
): Promise<MailSettings & { centerId: string }> {
  const center = await adminCenter(ctx, slug);
  const data = parseInput(mailSettingsUpdateSchema, input);
  let encrypted: string | null | undefined;
  if (data.smtpPassword === null) encrypted = null;
  else if (data.smtpPassword) {
    try {
      encrypted = encryptSecret(mailCredentialsKey(ctx.config), data.smtpPassword);
    } catch (error) {
      if (error instanceof MailCredentialsError)
        throw new AppError('validation_failed', error.message || missingKeyMessage, 'smtpPassword');
      throw error;
    }
  }
  const values = {
    enabled: data.enabled,
    smtpHost: data.smtpHost,
    smtpPort: data.smtpPort,
    smtpSecurity: data.smtpSecurity,
    smtpUser: data.smtpUser,
    fromAddress: data.fromAddress,
    fromName: data.fromName,
    replyTo: data.replyTo,
    autoReplySubject: data.autoReplySubject,
    autoReplyBody: data.autoReplyBody,
    updatedAt: ctx.now(),
    ...(encrypted !== undefined ? { smtpPasswordEncrypted: encrypted } : {}),
  };
  const saved = await ctx.database.transaction(async (tx) => {
    const before = await findMailSettingsRow(tx, center.id);
    const [row] = await tx
      .insert(centerMailSettings)
      .values({ centerId: center.id, ...values })
      .onConflictDoUpdate({ target: centerMailSettings.centerId, set: values })
      .returning();
    if (!row) throw new Error('upsert returned no row');
    // Which fields changed, never the password itself.
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
      (k) =>
        k !== 'updatedAt' &&
        k !== 'smtpPasswordEncrypted' &&
        (!before || JSON.stringify(before[k]) !== JSON.stringify(values[k])),
    );
    await recordAudit(tx, ctx, {
      category: 'change',
      action: 'mail.settings.update',
      centerId: center.id,
      targetType: 'center',
      targetId: center.id,
      detail: {
        changed,
        enabled: row.enabled,
        password: encrypted === undefined ? 'unchanged' : encrypted === null ? 'removed' : 'changed',
      },
    });
    return row;
  });
  return { ...present(ctx, saved), centerId: center.id };
}

/**
 * Sends a test mail with the saved settings (enabled or not, so that they can be tried before switching
 * sending on) and says what went wrong in Japanese.
 */
export async function sendTestMail(
  ctx: ServiceContext,
  slug: string,
  input: MailTestRequest,
): Promise<MailTestResult> {
  const center = await adminCenter(ctx, slug);
  const { to } = parseInput(mailTestRequestSchema, input);
  const row = await findMailSettingsRow(ctx.database.db, center.id);
  if (!row)
    throw new AppError(
      'conflict',
      'メール設定がまだ保存されていません。保存してからテスト送信してください。',
    );
  let result: MailTestResult;
  try {
    const settings = smtpSettingsOf(row, ctx.config);
    const sent = await sendSmtpMail(settings, {
      to,
      subject: `【${center.name}】テストメール`,
      text: [
        `${center.name} のメール設定から送信したテストメールです。`,
        `送信日時：${formatReceivedAt(ctx.now())}`,
        `送信者：${requireActor(ctx).displayName}`,
        '',
        'このメールが届いていれば、問合せの自動返信メールも同じ設定で送信されます。',
        '',
      ].join('\n'),
      autoSubmitted: 'auto-generated',
    });
    result = { ok: true, message: `${to} にテストメールを送信しました。`, messageId: sent.messageId };
  } catch (error) {
    if (!(error instanceof MailSendError) && !(error instanceof MailCredentialsError)) throw error;
    result = { ok: false, message: `テストメールを送信できませんでした。${error.message}`, messageId: null };
  }
  await recordAudit(ctx.database.db, ctx, {
    category: 'change',
    action: 'mail.settings.test',
    centerId: center.id,
    targetType: 'center',
    targetId: center.id,
    detail: { ok: result.ok, ...(result.ok ? {} : { error: result.message }) },
  });
  return result;
}

/** Whether the centre may send now (used after saving, to queue the mails that were waiting). */
export async function mailSendingEnabled(ctx: ServiceContext, centerId: string): Promise<boolean> {
  const [row] = await ctx.database.db
    .select({ enabled: centerMailSettings.enabled })
    .from(centerMailSettings)
    .where(eq(centerMailSettings.centerId, centerId));
  return row?.enabled ?? false;
}

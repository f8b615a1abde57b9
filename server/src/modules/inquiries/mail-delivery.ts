// Sending the mails that inquiries write (outgoing_mails), run by the `mail.send` job: one attempt per run,
// retried by pg-boss with backoff while the SMTP server is unreachable. The row says where the mail stands
// (pending → sent, or failed after the last attempt) and why, in Japanese, for the console.
import { and, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { outgoingMails } from '../../platform/db/schema.ts';
import type { JobRunner } from '../../platform/jobs/index.ts';
import {
  decryptSecret,
  MailCredentialsError,
  MailSendError,
  mailCredentialsKey,
  type SmtpSettings,
  sendSmtpMail,
} from '../../platform/mail/index.ts';
import {
  findMailSettingsRow,
  listSendablePendingMailIds,
  type MailSettingsRow,
} from './inquiries.repository.ts';
import { waitingReason } from './mail-state.ts';

export const MAIL_SEND_JOB = 'mail.send';

export interface DeliveryDeps {
  database: Database;
  config: Pick<Config, 'MAIL_CREDENTIALS_KEY'>;
  now: () => Date;
}

export type DeliveryOutcome =
  | { state: 'sent'; messageId: string }
  /** Nothing to do: sent already, failed for good, or gone. */
  | { state: 'skipped' }
  /** The centre's settings do not allow sending yet; the mail stays pending with the reason. */
  | { state: 'waiting'; reason: string }
  /** This attempt failed and another will follow. */
  | { state: 'retry'; error: string }
  | { state: 'failed'; error: string };

/** The SMTP settings of a saved row with the password decrypted; throws MailCredentialsError. */
export function smtpSettingsOf(
  row: MailSettingsRow,
  config: Pick<Config, 'MAIL_CREDENTIALS_KEY'>,
): SmtpSettings {
  const password = row.smtpPasswordEncrypted
    ? decryptSecret(mailCredentialsKey(config), row.smtpPasswordEncrypted)
    : null;
  return {
    smtpHost: row.smtpHost,
    smtpPort: row.smtpPort,
    smtpSecurity: row.smtpSecurity,
    smtpUser: row.smtpUser,
    password,
    fromAddress: row.fromAddress,
    fromName: row.fromName,
    replyTo: row.replyTo,
  };
}

async function setReason(deps: DeliveryDeps, mailId: string, reason: string) {
  await deps.database.db
    .update(outgoingMails)
    .set({ lastError: reason })
    .where(and(eq(outgoingMails.id, mailId), eq(outgoingMails.status, 'pending')));
}

/**
 * One attempt at sending a pending mail. `finalAttempt`: a failure now marks the mail failed instead of
 * leaving it for a retry. A permanent refusal (5xx) fails it at once: repeating would get the same answer.
 */
export async function deliverMail(
  deps: DeliveryDeps,
  mailId: string,
  options: { finalAttempt: boolean },
): Promise<DeliveryOutcome> {
  const [mail] = await deps.database.db.select().from(outgoingMails).where(eq(outgoingMails.id, mailId));
  if (mail?.status !== 'pending') return { state: 'skipped' };
  const settings = await findMailSettingsRow(deps.database.db, mail.centerId);
  const reason = waitingReason(settings);
  if (reason || !settings) {
    const text = reason ?? '';
    await setReason(deps, mail.id, text);
    return { state: 'waiting', reason: text };
  }
  let smtp: SmtpSettings;
  try {
    smtp = smtpSettingsOf(settings, deps.config);
  } catch (error) {
    if (!(error instanceof MailCredentialsError)) throw error;
    // A settings problem, not a delivery failure: the mail waits until an administrator fixes it.
    await setReason(deps, mail.id, `${error.message}（送信を待っています）`);
    return { state: 'waiting', reason: error.message };
  }
  try {
    const sent = await sendSmtpMail(smtp, {
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.bodyText,
      autoSubmitted: 'auto-replied',
    });
    await deps.database.db
      .update(outgoingMails)
      .set({
        status: 'sent',
        sentAt: deps.now(),
        messageId: sent.messageId,
        lastError: null,
        attempts: sql`${outgoingMails.attempts} + 1`,
      })
      .where(and(eq(outgoingMails.id, mail.id), eq(outgoingMails.status, 'pending')));
    return { state: 'sent', messageId: sent.messageId };
  } catch (error) {
    const failure = error instanceof MailSendError ? error : new MailSendError(String(error), false);
    const final = options.finalAttempt || failure.permanent;
    await deps.database.db
      .update(outgoingMails)
      .set({
        status: final ? 'failed' : 'pending',
        lastError: final ? failure.message : `${failure.message}（自動で再送します）`,
        attempts: sql`${outgoingMails.attempts} + 1`,
      })
      .where(and(eq(outgoingMails.id, mail.id), eq(outgoingMails.status, 'pending')));
    return final ? { state: 'failed', error: failure.message } : { state: 'retry', error: failure.message };
  }
}

/** Queues one mail; the queue keeps at most one job per mail (queued, retrying or running). */
export async function queueMail(jobs: JobRunner, mailId: string): Promise<boolean> {
  return (await jobs.send(MAIL_SEND_JOB, { mailId }, { singletonKey: mailId })) !== null;
}

/**
 * Queues every pending mail of centres that may send (all centres, or one after its settings were saved).
 * The periodic sweep calls it so that a mail whose queueing was missed (a crash between commit and queue,
 * a web-only process without jobs) still goes out.
 */
export async function queuePendingMails(
  database: Database,
  jobs: JobRunner,
  options: { centerId?: string; olderThan?: Date } = {},
): Promise<number> {
  const ids = await listSendablePendingMailIds(database.db, {
    ...(options.centerId ? { centerId: options.centerId } : {}),
    ...(options.olderThan ? { createdBefore: options.olderThan } : {}),
    limit: 1000,
  });
  let queued = 0;
  for (const id of ids) if (await queueMail(jobs, id)) queued += 1;
  return queued;
}

// Sending one mail over a centre's SMTP server with nodemailer (seed 004 第2-8(2)ウ・エ). A transport is made
// per send: a centre sends a few auto-replies an hour, and settings changed in the console apply at once.
// Failures come back as MailSendError with a Japanese description an administrator can act on.

import type { SmtpSecurity } from '@madoguchi/contracts';
import { createTransport } from 'nodemailer';

export interface SmtpSettings {
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: SmtpSecurity;
  smtpUser: string | null;
  /** The decrypted password, or null to send without logging in. */
  password: string | null;
  fromAddress: string;
  fromName: string;
  replyTo: string | null;
}

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  /**
   * RFC 3834: `auto-replied` for the receipt confirmation, `auto-generated` for a test, so that the
   * citizen's own auto-responder (休暇中の自動応答) does not answer back.
   */
  autoSubmitted: 'auto-replied' | 'auto-generated';
}

/** A failed send: `message` in Japanese; `permanent` when the server refused for good (retrying cannot help). */
export class MailSendError extends Error {
  override name = 'MailSendError';
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean, options?: ErrorOptions) {
    super(message, options);
    this.permanent = permanent;
  }
}

/** Timeouts short enough that a dead server fails an attempt instead of holding a job for minutes. */
export const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/** Sends one plain-text UTF-8 mail; resolves with the Message-ID, rejects with a MailSendError. */
export async function sendSmtpMail(
  settings: SmtpSettings,
  message: OutgoingMessage,
): Promise<{ messageId: string }> {
  const transport = createTransport({
    host: settings.smtpHost,
    port: settings.smtpPort,
    secure: settings.smtpSecurity === 'tls',
    requireTLS: settings.smtpSecurity === 'starttls',
    ignoreTLS: settings.smtpSecurity === 'none',
    ...(settings.smtpUser ? { auth: { user: settings.smtpUser, pass: settings.password ?? '' } } : {}),
    ...SMTP_TIMEOUTS,
    tls: { servername: settings.smtpHost, minVersion: 'TLSv1.2' },
    // Nothing of a message (addresses, text) belongs in the server log.
    logger: false,
    debug: false,
  });
  try {
    const info = await transport.sendMail({
      from: { name: settings.fromName, address: settings.fromAddress },
      to: message.to,
      ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
      subject: message.subject,
      text: message.text,
      headers: { 'Auto-Submitted': message.autoSubmitted },
    });
    return { messageId: String(info.messageId ?? '') };
  } catch (error) {
    throw toMailSendError(error, settings);
  } finally {
    transport.close();
  }
}

interface NodemailerFailure {
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
  message?: string;
}

const certificateCodes = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME/;

/** What went wrong, in Japanese, with the server's own reply or the system's error code in brackets. */
export function toMailSendError(
  error: unknown,
  settings: Pick<SmtpSettings, 'smtpHost' | 'smtpPort'>,
): MailSendError {
  const e = (error ?? {}) as NodemailerFailure;
  const where = `${settings.smtpHost}:${settings.smtpPort}`;
  const code = e.code ?? '';
  const original = e.originalCode ?? '';
  const reply = e.response ? `（サーバーの応答: ${e.response.replace(/\s+/g, ' ').slice(0, 200)}）` : '';
  const sysCode = original || code;
  let text: string;
  let permanent = e.permanent === true;
  if (code === 'EAUTH' || code === 'ENOAUTH') {
    text = `SMTPサーバーへのログインに失敗しました。ユーザー名とパスワードを確認してください。${reply}`;
  } else if (code === 'EDNS' || original === 'ENOTFOUND' || original === 'EAI_AGAIN') {
    text = `SMTPサーバー「${settings.smtpHost}」が見つかりません。サーバー名を確認してください。（${sysCode}）`;
  } else if (original === 'ECONNREFUSED') {
    text = `SMTPサーバー ${where} に接続できません（接続が拒否されました）。サーバー名・ポート番号と、サーバーが動いているかを確認してください。`;
  } else if (code === 'ETIMEDOUT' || original === 'ETIMEDOUT') {
    text = `SMTPサーバー ${where} から応答がありません（タイムアウト）。ポート番号とネットワークを確認してください。`;
  } else if (certificateCodes.test(original) || certificateCodes.test(e.message ?? '')) {
    text = `SMTPサーバー ${where} の証明書を検証できません。サーバー名と証明書を確認してください。（${sysCode}）`;
  } else if (code === 'ETLS' || /TLS|SSL|wrong version/i.test(e.message ?? '')) {
    text = `SMTPサーバー ${where} との暗号化（TLS）を開始できません。暗号化の方式とポート番号の組み合わせを確認してください。${reply}`;
  } else if (code === 'EENVELOPE') {
    text = `SMTPサーバーが送信元または宛先のアドレスを受け付けませんでした。${reply}`;
    permanent ||= e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode !== 503;
  } else if (e.responseCode !== undefined) {
    text = `SMTPサーバーが送信を受け付けませんでした。${reply}`;
  } else if (code === 'ECONNECTION' || code === 'ESOCKET') {
    text = `SMTPサーバー ${where} との接続が切れました。（${sysCode}）`;
  } else {
    text = `メールを送信できませんでした。（${sysCode || (e.message ?? '原因不明').slice(0, 200)}）`;
  }
  return new MailSendError(text, permanent, { cause: error });
}

// SMTP passwords at rest (seed 004 第2-9, 第3-12(3)): encrypted with AES-256-GCM under the installation's
// MAIL_CREDENTIALS_KEY, so that a copy of the database (a backup, the hand-over export) does not carry the
// centres' mail passwords in clear. The key lives only in the environment, never in the database.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 'v1';
const IV_BYTES = 12;

/** Thrown when a password cannot be stored or read back; the message is Japanese and says what to do. */
export class MailCredentialsError extends Error {
  override name = 'MailCredentialsError';
}

export const missingKeyMessage =
  'SMTPパスワードを保存するには、サーバーの設定 MAIL_CREDENTIALS_KEY（32バイトの鍵）が必要です。' +
  'システム管理者に設定を依頼してください。';

/** The 32-byte key from the configuration value (base64 or hex, as config.ts accepts), or null when unset. */
export function mailCredentialsKey(config: { MAIL_CREDENTIALS_KEY?: string | undefined }): Buffer | null {
  const value = config.MAIL_CREDENTIALS_KEY?.trim();
  if (!value) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32)
    throw new MailCredentialsError('MAIL_CREDENTIALS_KEY は32バイトの鍵ではありません。');
  return key;
}

/** `v1:<iv>:<tag>:<ciphertext>` (base64url parts); a fresh random IV each time. */
export function encryptSecret(key: Buffer | null, plaintext: string): string {
  if (!key) throw new MailCredentialsError(missingKeyMessage);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, iv, tag, ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':');
}

/** The plaintext back; a changed key or an altered value fails the GCM tag check. */
export function decryptSecret(key: Buffer | null, stored: string): string {
  if (!key)
    throw new MailCredentialsError(
      'SMTPパスワードを復号できません（サーバーの設定 MAIL_CREDENTIALS_KEY がありません）。',
    );
  const [format, iv, tag, ciphertext, ...rest] = stored.split(':');
  if (format !== FORMAT || !iv || !tag || ciphertext === undefined || rest.length > 0)
    throw new MailCredentialsError('保存されているSMTPパスワードの形式が正しくありません。');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new MailCredentialsError(
      'SMTPパスワードを復号できません（MAIL_CREDENTIALS_KEY が変わった可能性があります）。' +
        'メール設定でパスワードを入力し直してください。',
    );
  }
}

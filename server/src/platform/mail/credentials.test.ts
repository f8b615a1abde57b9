import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, MailCredentialsError, mailCredentialsKey } from './credentials.ts';

const key = randomBytes(32);

describe('SMTP password encryption (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time and nothing of the password in the stored text', () => {
    const password = 'パスワード-Secret#2026';
    const a = encryptSecret(key, password);
    const b = encryptSecret(key, password);
    expect(a).not.toBe(b);
    expect(a.startsWith('v1:')).toBe(true);
    expect(a).not.toContain('Secret');
    expect(decryptSecret(key, a)).toBe(password);
    expect(decryptSecret(key, b)).toBe(password);
  });

  it('refuses another key and an altered value', () => {
    const stored = encryptSecret(key, 'secret');
    expect(() => decryptSecret(randomBytes(32), stored)).toThrow(/MAIL_CREDENTIALS_KEY が変わった/);
    const parts = stored.split(':');
    const ciphertext = Buffer.from(parts[3] as string, 'base64url');
    ciphertext[0] = (ciphertext[0] as number) ^ 1;
    parts[3] = ciphertext.toString('base64url');
    expect(() => decryptSecret(key, parts.join(':'))).toThrow(MailCredentialsError);
    expect(() => decryptSecret(key, 'plain-text-password')).toThrow(/形式が正しくありません/);
  });

  it('refuses to store without a key, saying in Japanese what to configure', () => {
    expect(() => encryptSecret(null, 'secret')).toThrow(/MAIL_CREDENTIALS_KEY（32バイトの鍵）が必要です/);
    expect(() => decryptSecret(null, 'v1:a:b:c')).toThrow(MailCredentialsError);
  });

  it('reads the key as base64 or hex', () => {
    expect(mailCredentialsKey({})).toBeNull();
    expect(mailCredentialsKey({ MAIL_CREDENTIALS_KEY: key.toString('base64') })).toEqual(key);
    expect(mailCredentialsKey({ MAIL_CREDENTIALS_KEY: key.toString('hex') })).toEqual(key);
    expect(() => mailCredentialsKey({ MAIL_CREDENTIALS_KEY: 'c2hvcnQ=' })).toThrow(MailCredentialsError);
  });
});

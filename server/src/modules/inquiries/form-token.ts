// The inquiry form's token: when the form was handed out and a random submission id, signed with an
// installation key (HMAC-SHA256). It proves a minimum fill time without a CAPTCHA (a bot that posts at once
// is turned away, a person never notices) and makes sending the same form twice find the first inquiry.
// The key is made once per installation and kept in the database, so every process shares it and forms
// survive a restart.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../platform/db/database.ts';
import { installationKey } from '../../platform/db/signing-keys.ts';

/** A person needs longer than this to fill in the form; a submission sooner is a bot's (or a re-post). */
export const MIN_FILL_MS = 3_000;
/** A form older than this is handed out afresh (the values typed stay). */
export const MAX_FORM_AGE_MS = 24 * 60 * 60 * 1000;

/** The installation's key for inquiry forms. */
export function inquiryFormKey(database: Database): Promise<Buffer> {
  return installationKey(database, 'inquiry-form');
}

function mac(key: Buffer, centerId: string, payload: string): string {
  return createHmac('sha256', key).update(`${centerId}|${payload}`).digest('base64url');
}

/** `<issued ms>.<submission id>.<mac>`; bound to the centre, so one centre's form cannot post to another. */
export function issueFormToken(key: Buffer, centerId: string, now: Date, submissionId?: string): string {
  const id = submissionId ?? randomBytes(18).toString('base64url');
  const payload = `${now.getTime()}.${id}`;
  return `${payload}.${mac(key, centerId, payload)}`;
}

export type TokenCheck =
  | { ok: true; submissionId: string; issuedAt: Date; ageMs: number }
  | { ok: false; reason: 'invalid' | 'too_fast' | 'expired'; submissionId: string | null };

/** Checks the signature and the form's age. */
export function checkFormToken(key: Buffer, centerId: string, token: string, now: Date): TokenCheck {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid', submissionId: null };
  const [, issued, submissionId, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(mac(key, centerId, `${issued}.${submissionId}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid', submissionId: null };
  const issuedAt = new Date(Number(issued));
  const ageMs = now.getTime() - issuedAt.getTime();
  if (ageMs < MIN_FILL_MS) return { ok: false, reason: 'too_fast', submissionId };
  if (ageMs > MAX_FORM_AGE_MS) return { ok: false, reason: 'expired', submissionId };
  return { ok: true, submissionId, issuedAt, ageMs };
}

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkFormToken, issueFormToken, MAX_FORM_AGE_MS, MIN_FILL_MS } from './form-token.ts';

const key = randomBytes(32);
const t0 = new Date('2026-11-22T05:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('inquiry form token', () => {
  it('accepts its own token after the minimum fill time, with the submission id', () => {
    const token = issueFormToken(key, 'centre-a', t0);
    const check = checkFormToken(key, 'centre-a', token, later(MIN_FILL_MS + 1));
    expect(check.ok).toBe(true);
    if (check.ok) expect(token).toContain(check.submissionId);
  });

  it('turns away a submission faster than a person, an expired form, another centre’s and a forged token', () => {
    const token = issueFormToken(key, 'centre-a', t0, 'abcdefghijklmnopqrstuvwx');
    expect(checkFormToken(key, 'centre-a', token, later(500))).toEqual({
      ok: false,
      reason: 'too_fast',
      submissionId: 'abcdefghijklmnopqrstuvwx',
    });
    expect(checkFormToken(key, 'centre-a', token, later(MAX_FORM_AGE_MS + 1))).toMatchObject({
      reason: 'expired',
    });
    expect(checkFormToken(key, 'centre-b', token, later(10_000))).toMatchObject({ reason: 'invalid' });
    expect(checkFormToken(randomBytes(32), 'centre-a', token, later(10_000))).toMatchObject({
      reason: 'invalid',
    });
    // An older timestamp with the same signature: the signature covers the time.
    const [, id, mac] = token.split('.');
    expect(
      checkFormToken(key, 'centre-a', `${t0.getTime() - 60_000}.${id}.${mac}`, later(1000)),
    ).toMatchObject({
      reason: 'invalid',
    });
    expect(checkFormToken(key, 'centre-a', '', later(10_000))).toMatchObject({ reason: 'invalid' });
  });
});

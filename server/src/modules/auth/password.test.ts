import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './password.ts';

describe('passwordProblems', () => {
  it('accepts a long password with three kinds of character', () => {
    expect(passwordProblems('Kaigi-Shitsu2026', 'op01', 12)).toEqual([]);
  });
  it('names each rule broken', () => {
    expect(passwordProblems('short', 'op01', 12)).toEqual([
      '12文字以上にしてください。',
      '英小文字・英大文字・数字・記号のうち3種類以上を含めてください。',
    ]);
  });
  it('rejects a password containing the login ID whatever its case', () => {
    expect(passwordProblems('xxSUZUKI-2026xx', 'suzuki', 12)).toContain('ログインIDを含めないでください。');
  });
  it('counts characters, not UTF-16 units, for the length', () => {
    expect(passwordProblems('あいうえおかきくけこA1', 'op01', 12)).not.toContain(
      '12文字以上にしてください。',
    );
    expect(passwordProblems('𠮷𠮷𠮷𠮷𠮷A1a', 'op01', 12)).toContain('12文字以上にしてください。');
  });
});

describe('hashPassword', () => {
  it('produces an argon2id hash that verifies only the same password', async () => {
    const h = await hashPassword('Correct-Horse-9');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'Correct-Horse-9')).toBe(true);
    expect(await verifyPassword(h, 'correct-horse-9')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});

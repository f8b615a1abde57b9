import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone } from './masking.ts';
import { formatReceiptNumber, formatReceivedAt } from './receipt.ts';

describe('masking for lists', () => {
  it('keeps the family name, the first letter of an address and the last four digits', () => {
    expect(maskName('山田 太郎')).toBe('山田 ＊＊');
    expect(maskName('山田\u3000太郎')).toBe('山田 ＊＊');
    expect(maskName('山田太郎')).toBe('山＊＊');
    expect(maskName(null)).toBeNull();
    expect(maskName('  ')).toBeNull();
    expect(maskEmail('yamada@example.jp')).toBe('y＊＊＊@example.jp');
    expect(maskEmail('broken')).toBe('＊＊＊');
    expect(maskEmail(null)).toBeNull();
    expect(maskPhone('090-1234-5678')).toBe('＊＊＊-＊＊＊＊-5678');
    expect(maskPhone('0246-00-1234')).toBe('＊＊＊＊-＊＊-1234');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('receipt numbers', () => {
  it('formats W + Japan date + counter', () => {
    expect(formatReceiptNumber('2026-11-22', 7)).toBe('W20261122-0007');
    expect(formatReceiptNumber('2026-11-22', 12345)).toBe('W20261122-12345');
    expect(() => formatReceiptNumber('2026/11/22', 1)).toThrow(RangeError);
    expect(() => formatReceiptNumber('2026-11-22', 0)).toThrow(RangeError);
  });
  it('shows the time of receipt in Japan time', () => {
    expect(formatReceivedAt(new Date('2026-11-22T05:05:00Z'))).toBe('2026年11月22日 14時05分');
    expect(formatReceivedAt(new Date('2026-11-21T15:30:00Z'))).toBe('2026年11月22日 00時30分');
  });
});

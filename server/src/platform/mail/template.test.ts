import { describe, expect, it } from 'vitest';
import { fillTemplate, oneLine } from './template.ts';

describe('mail templates', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(
      fillTemplate('受付番号 {receiptNumber}（{centerName}）{typo}', {
        receiptNumber: 'W20261122-0007',
        centerName: 'いわき',
      }),
    ).toBe('受付番号 W20261122-0007（いわき）{typo}');
  });
  it('keeps a subject on one line (no header injection)', () => {
    expect(oneLine('件名\r\nBcc: evil@example.com')).toBe('件名 Bcc: evil@example.com');
  });
});

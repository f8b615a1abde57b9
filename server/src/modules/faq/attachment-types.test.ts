import { describe, expect, it } from 'vitest';
import { checkAttachment, cleanFilename, contentDisposition } from './attachment-types.ts';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe('checkAttachment', () => {
  it('decides the kind by extension and proves it by the bytes', () => {
    expect(checkAttachment('地図.PNG', 'image/png', png)).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkAttachment('地図.png', 'application/octet-stream', png).ok).toBe(true);
    expect(checkAttachment('地図.png', 'image/png', Buffer.from('not a png')).ok).toBe(false);
    expect(checkAttachment('地図.gif', 'image/gif', png).ok).toBe(false);
    expect(checkAttachment('地図', 'image/png', png).ok).toBe(false);
    expect(checkAttachment('run.exe', 'application/octet-stream', Buffer.from('MZ')).ok).toBe(false);
  });

  it('refuses a declared type that contradicts the extension', () => {
    const result = checkAttachment('地図.png', 'text/html', png);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('text/html') });
  });

  it('takes text and CSV files in UTF-8 or Shift_JIS, but not binary posing as text', () => {
    expect(checkAttachment('a.txt', 'text/plain', Buffer.from('お知らせ\n')).ok).toBe(true);
    expect(checkAttachment('a.csv', 'text/csv', Buffer.from([0x8f, 0x5a, 0x96, 0xaf, 0x2c, 0x31])).ok).toBe(
      true,
    );
    expect(checkAttachment('a.txt', 'text/plain', Buffer.from([0x41, 0x00, 0x42])).ok).toBe(false);
    expect(checkAttachment('a.csv', 'text/csv', Buffer.from('%PDF-1.4')).ok).toBe(false);
  });
});

describe('file names', () => {
  it('drop directories and control characters and keep the extension when shortened', () => {
    expect(cleanFilename('C:\\Users\\taro\\申請書.pdf')).toBe('申請書.pdf');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('a\u0000b\u001f"c".txt')).toBe('abc.txt');
    const long = cleanFilename(`${'あ'.repeat(300)}.xlsx`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.xlsx')).toBe(true);
    expect(cleanFilename('')).toBe('file');
  });

  it('are sent with an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition("料金表(2027)'s.pdf")).toBe(
      `attachment; filename="___(2027)'s.pdf"; filename*=UTF-8''%E6%96%99%E9%87%91%E8%A1%A8%282027%29%27s.pdf`,
    );
  });
});

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  cp932RoundTrip,
  decodeFileText,
  encodeCp932,
  findCp932Problems,
  isCp932Encodable,
  unencodableInCp932,
} from './encoding.ts';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]);
const sjis = (text: string) => iconv.encode(text, 'cp932');

describe('decodeFileText', () => {
  it('reads a BOM as UTF-8 and drops the BOM', () => {
    expect(decodeFileText(bom('FAQ-ID,質問\n'))).toEqual({
      ok: true,
      encoding: 'utf8bom',
      text: 'FAQ-ID,質問\n',
    });
  });

  it('reads valid UTF-8 without a BOM as UTF-8', () => {
    expect(decodeFileText(utf8('faq_id,question,answer\nA-1,髙橋,〜'))).toMatchObject({
      ok: true,
      encoding: 'utf8',
    });
  });

  it('reads bytes that are not UTF-8 but clean CP932 as CP932, NEC and IBM extensions included', () => {
    const result = decodeFileText(sjis('FAQ-ID,質問\nA-1,髙﨑①の件～'));
    expect(result).toEqual({ ok: true, encoding: 'cp932', text: 'FAQ-ID,質問\nA-1,髙﨑①の件～' });
  });

  it('refuses bytes that are neither UTF-8 nor CP932 and names the line', () => {
    const bytes = Buffer.concat([sjis('FAQ-ID,質問\nA-1,'), Buffer.from([0x85, 0x40]), sjis('\n')]);
    const result = decodeFileText(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/文字コードを判定できません.*2行目/);
  });

  it('refuses a BOM followed by bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sjis('質問')]);
    const result = decodeFileText(bytes);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toContain('BOM');
  });

  it('refuses UTF-16 with a hint to save as CSV UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FAQ-ID\t質問', 'utf16le')]);
    expect(decodeFileText(bytes)).toMatchObject({ ok: false, message: expect.stringContaining('UTF-16') });
  });

  it('refuses user-defined characters (外字) of CP932', () => {
    const bytes = Buffer.concat([sjis('質問,'), Buffer.from([0xf0, 0x40])]);
    expect(decodeFileText(bytes)).toMatchObject({ ok: false, message: expect.stringContaining('外字') });
  });
});

describe('CP932 writing', () => {
  it('maps 〜 and − as Windows does, and ～ stays itself', () => {
    expect([...encodeCp932('〜')]).toEqual([0x81, 0x60]);
    expect([...encodeCp932('～')]).toEqual([0x81, 0x60]);
    expect([...encodeCp932('−')]).toEqual([0x81, 0x7c]);
    expect(iconv.decode(encodeCp932('9:00〜17:00 −1'), 'cp932')).toBe('9:00～17:00 －1');
  });

  it('holds 髙 﨑 ① and reads them back unchanged', () => {
    expect(iconv.decode(encodeCp932('髙﨑①'), 'cp932')).toBe('髙﨑①');
    for (const c of ['髙', '﨑', '①', '〜', '−', '～']) expect(isCp932Encodable(c)).toBe(true);
  });

  it('names the characters it cannot hold instead of writing ?', () => {
    expect(unencodableInCp932('森鷗外と𠮷野家で剝がす😀、鷗')).toEqual(['鷗', '𠮷', '剝', '😀']);
    expect(() => encodeCp932('鷗')).toThrow(/鷗/);
    expect(unencodableInCp932('a?b')).toEqual([]);
  });

  it('lists the rows, columns and characters of a grid that CP932 cannot hold', () => {
    const grid = [
      ['FAQ-ID', '質問', '回答'],
      ['A-1', '9:00〜17:00 −1 ～', '髙﨑①'],
      ['A-2', '森鷗外', '𠮷野家で剝がす😀'],
    ];
    expect(findCp932Problems(grid)).toEqual([
      { row: 3, column: 1, characters: ['鷗'] },
      { row: 3, column: 2, characters: ['𠮷', '剝', '😀'] },
    ]);
  });

  it('tells what a stored text looks like after a trip through CP932', () => {
    expect(cp932RoundTrip('9:00〜17:00 −1 髙')).toBe('9:00～17:00 －1 髙');
    expect(cp932RoundTrip('plain ascii')).toBe('plain ascii');
  });
});

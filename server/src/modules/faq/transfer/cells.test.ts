import { describe, expect, it } from 'vitest';
import {
  formatJstDateTime,
  neutralise,
  parseDeleteMark,
  parseJstDateTime,
  parsePublished,
  parseRelatedUrls,
  splitIds,
  unneutralise,
} from './cells.ts';

describe('formula neutralisation', () => {
  it('prefixes cells a spreadsheet would run as formulas', () => {
    expect(neutralise('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(neutralise('+81')).toBe("'+81");
    expect(neutralise('-1')).toBe("'-1");
    expect(neutralise('@x')).toBe("'@x");
    expect(neutralise('\tindent')).toBe("'\tindent");
    expect(neutralise('\rx')).toBe("'\rx");
    expect(neutralise('住民票')).toBe('住民票');
    expect(neutralise("'quoted")).toBe("'quoted");
  });

  it('round-trips every value exactly, leading quotes included', () => {
    const values = ['=SUM(A1)', '+81', '-1', '@x', "'=x", "''-1", "'plain", 'a=b', '', "'", '-', "''"];
    for (const value of values) expect(unneutralise(neutralise(value))).toBe(value);
  });

  it('keeps a hand-typed leading minus (no prefix to strip)', () => {
    expect(unneutralise('-1から始まる質問')).toBe('-1から始まる質問');
  });
});

describe('cell values', () => {
  it('reads 公開 as 公開/非公開, 1/0, true/false', () => {
    expect(['公開', '1', 'true', 'TRUE'].map(parsePublished)).toEqual([true, true, true, true]);
    expect(['非公開', '0', 'false', ' False '].map(parsePublished)).toEqual([false, false, false, false]);
    expect(['', 'yes', '○'].map(parsePublished)).toEqual([null, null, null]);
  });

  it('reads 削除 marks strictly', () => {
    expect(['', '0', '1', '削除', 'x'].map(parseDeleteMark)).toEqual([false, false, true, true, null]);
  });

  it('writes and reads Japan time, including what Excel writes back', () => {
    expect(formatJstDateTime('2027-03-31T15:00:00.000Z')).toBe('2027-04-01 00:00');
    expect(formatJstDateTime('2027-04-01T09:30:15+09:00')).toBe('2027-04-01 09:30:15');
    expect(parseJstDateTime('2027-04-01 00:00')).toBe('2027-04-01T00:00:00+09:00');
    expect(parseJstDateTime('2027/4/1 9:05')).toBe('2027-04-01T09:05:00+09:00');
    expect(parseJstDateTime('2027-04-01')).toBe('2027-04-01T00:00:00+09:00');
    expect(parseJstDateTime('')).toBeNull();
    expect(parseJstDateTime('2027-02-30 00:00')).toBeUndefined();
    expect(parseJstDateTime('2027-04-01 24:00')).toBeUndefined();
    expect(parseJstDateTime('来週')).toBeUndefined();
  });

  it('reads related URLs as title|url per line, split at the last bar', () => {
    expect(parseRelatedUrls('住民票|https://example.jp/a\nA|B|https://example.jp/b\n')).toEqual([
      { title: '住民票', url: 'https://example.jp/a' },
      { title: 'A|B', url: 'https://example.jp/b' },
    ]);
    expect(parseRelatedUrls('https://example.jp/a')).toEqual({ badLine: 'https://example.jp/a' });
  });

  it('splits related FAQ-IDs on lines, commas and spaces', () => {
    expect(splitIds('FAQ-1\nFAQ-2, FAQ-3 FAQ-4')).toEqual(['FAQ-1', 'FAQ-2', 'FAQ-3', 'FAQ-4']);
  });
});

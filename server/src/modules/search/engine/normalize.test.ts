import { describe, expect, it } from 'vitest';
import { foldChars, foldKana, isKanaOnly, normalize, normalizeWithOffsets, toKatakana } from './normalize.ts';

describe('normalize', () => {
  it('turns half-width katakana into full width, voiced marks included', () => {
    expect(normalize('ｶﾀｶﾅ ｶﾞｲﾄﾞ ﾊﾟｽﾎﾟｰﾄ')).toBe('カタカナ ガイド パスポート');
  });

  it('turns full-width letters and digits into lower-case ASCII', () => {
    expect(normalize('ＡＢＣ１２３ＭｙＮｕｍｂｅｒ')).toBe('abc123mynumber');
  });

  it('reads a hyphen typed inside katakana as the long-vowel mark, but keeps it between digits', () => {
    expect(normalize('サ－ビス')).toBe('サービス');
    expect(normalize('サ-ビス')).toBe('サービス');
    expect(normalize('サ―ビス')).toBe('サービス');
    expect(normalize('090-1234')).toBe('090-1234');
  });

  it('makes every wave dash and tilde one character', () => {
    expect(normalize('9時〜17時')).toBe(normalize('9時～17時'));
    expect(normalize('9時〜17時')).toBe('9時~17時');
  });

  it('expands kana iteration marks', () => {
    expect(normalize('いすゞ')).toBe('いすず');
    expect(normalize('こゝろ')).toBe('こころ');
  });

  it('collapses ideographic and repeated spaces and trims', () => {
    expect(normalize('　住民票　　 写し ')).toBe('住民票 写し');
  });
});

describe('foldKana', () => {
  it('matches hiragana with katakana', () => {
    expect(foldKana(normalize('ごみ'))).toBe(foldKana(normalize('ゴミ')));
    expect(toKatakana('じゅうみんひょう')).toBe('ジュウミンヒョウ');
  });

  it('matches ヴ spellings with バ-row spellings', () => {
    expect(foldKana('ヴァイオリン')).toBe(foldKana('バイオリン'));
    expect(foldKana('ヴェール')).toBe(foldKana('ベール'));
    expect(foldKana('ヴ')).toBe('ブ');
  });

  it('matches small kana with large kana, and ヶ/ヵ with カ', () => {
    expect(foldKana('キャンセル')).toBe(foldKana('キヤンセル'));
    expect(foldKana('3ヶ月')).toBe(foldKana(normalize('3か月')));
    expect(foldKana('3ヵ月')).toBe('3カ月');
  });

  it('drops the final long-vowel mark of longer katakana words only', () => {
    expect(foldKana('コンピューター')).toBe(foldKana('コンピュータ'));
    expect(foldKana('サーバーの設定')).toBe(foldKana('サーバの設定'));
    expect(foldKana('ルール')).toBe('ルール');
    expect(foldKana('カー')).toBe('カー');
  });

  it('keeps one output character per input character in foldChars', () => {
    const s = 'ヴァイオリンとぎゅうにゅう';
    expect(foldChars(s)).toHaveLength(s.length);
  });
});

describe('normalizeWithOffsets', () => {
  it('gives the same text as normalize and offsets back into the input', () => {
    const input = 'ﾊﾟｽﾎﾟｰﾄ　の　ＡＢＣ';
    const { text, offsets } = normalizeWithOffsets(input);
    expect(text).toBe(normalize(input));
    expect(offsets).toHaveLength(text.length);
    // "パ" came from the two input characters ﾊﾟ at 0; "ス" from index 2.
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBe(2);
    expect(input[offsets[text.indexOf('a')]!]).toBe('Ａ');
  });
});

describe('normalizeWithOffsets on mixed text', () => {
  it('agrees with normalize', () => {
    for (const input of [
      '  住民票　の写し（ｺﾋﾟｰ）を ２通 ',
      'ｶﾞｲﾄﾞﾌﾞｯｸ と ﾊﾟﾝﾌﾚｯﾄ',
      'か\u3099ぎ',
      'サ－ビス〜いすゞ\n\n改行',
      '【お知らせ】「ごみ」・資源',
    ]) {
      const { text, offsets } = normalizeWithOffsets(input);
      expect(text).toBe(normalize(input));
      expect(offsets).toHaveLength(text.length);
      expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
    }
  });
});

describe('isKanaOnly', () => {
  it('is true for hiragana and katakana with spaces and punctuation, false with kanji or letters', () => {
    expect(isKanaOnly('じゅうみんひょう ほしい？')).toBe(true);
    expect(isKanaOnly('ゴミ')).toBe(true);
    expect(isKanaOnly('住民票')).toBe(false);
    expect(isKanaOnly('ごみ abc')).toBe(false);
    expect(isKanaOnly('？？')).toBe(false);
  });
});

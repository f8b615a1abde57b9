import { describe, expect, it } from 'vitest';
import { normalizeEvidencePhrase } from './evidence.ts';

describe('normalizeEvidencePhrase', () => {
  it('cuts out e-mail addresses, phone numbers and long digit runs', () => {
    expect(normalizeEvidencePhrase('住民票 taro.yamada@example.jp')).toBe('住民票');
    expect(normalizeEvidencePhrase('090-1234-5678 折り返し')).toBe('折り返し');
    expect(normalizeEvidencePhrase('０２４６－００－１０００ 代表')).toBe('代表');
    expect(normalizeEvidencePhrase('会員番号12345678のポイント')).toBe('会員番号 のポイント');
    expect(normalizeEvidencePhrase('1234 5678 9012 マイナンバー')).toBe('マイナンバー');
  });

  it('keeps short numbers that carry meaning (ages, chome, years)', () => {
    expect(normalizeEvidencePhrase('3歳児 健診')).toBe('3歳児 健診');
    expect(normalizeEvidencePhrase('平成31年 の 証明')).toBe('平成31年 の 証明');
  });

  it('folds width and case and collapses spaces; nothing left is null', () => {
    expect(normalizeEvidencePhrase('　ＭＹナンバー　カード  ')).toBe('myナンバー カード');
    expect(normalizeEvidencePhrase('09012345678')).toBeNull();
    expect(normalizeEvidencePhrase(' - ( ) ')).toBeNull();
    expect(normalizeEvidencePhrase('あ'.repeat(300))?.length).toBe(200);
  });
});

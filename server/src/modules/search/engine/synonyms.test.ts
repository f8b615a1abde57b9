import { describe, expect, it } from 'vitest';
import { municipalSynonyms } from './municipal-synonyms.ts';
import { foldKana, normalize } from './normalize.ts';
import { loadSudachiSynonyms, mergeSynonyms } from './synonyms.ts';

const targets = (set: ReturnType<typeof loadSudachiSynonyms>, word: string) =>
  (set.get(foldKana(normalize(word))) ?? []).map((e) => e.text);

describe('Sudachi seed', () => {
  const sudachi = loadSudachiSynonyms();

  it('links spelling variants and abbreviations both ways', () => {
    expect(targets(sudachi, '子供')).toContain('子ども');
    expect(targets(sudachi, '子ども')).toContain('子供');
    expect(targets(sudachi, '国保')).toContain('国民健康保険');
    expect(targets(sudachi, '国民健康保険')).toContain('国保');
  });

  it('weighs variants of one word above other words of the group', () => {
    const list = sudachi.get(foldKana('申込'))!;
    const variant = list.find((e) => e.text === '申し込み')!;
    const other = list.find((e) => e.text === '応募')!;
    expect(variant.weight).toBeGreaterThan(other.weight);
  });

  it('respects expandControl: 2 never used, 1 a target but no trigger', () => {
    expect(targets(sudachi, '子供')).not.toContain('チルドレン');
    expect(targets(sudachi, '子供')).toContain('小人');
    expect(sudachi.get(foldKana('小人'))).toBeUndefined();
  });

  it('drops noisy groups and one-character triggers', () => {
    expect(targets(sudachi, 'ごみ')).not.toContain('埃');
    expect(targets(sudachi, 'ごみ')).not.toContain('塵');
    expect(sudachi.get('税')).toBeUndefined();
  });
});

describe('mergeSynonyms', () => {
  it('adds curated groups to the seed in both directions', () => {
    const merged = mergeSynonyms(loadSudachiSynonyms(), municipalSynonyms);
    expect(targets(merged, '粗大ごみ')).toContain('大型ごみ');
    expect(targets(merged, '大型ごみ')).toContain('粗大ごみ');
    expect(targets(merged, '転入')).toContain('引っ越し');
    // The seed is kept.
    expect(targets(merged, '子供')).toContain('子ども');
  });

  it('keys triggers by their folded form so that kana spellings match', () => {
    const merged = mergeSynonyms(null, [['ゴミ袋', '指定袋']]);
    expect(merged.get(foldKana(normalize('ごみ袋')))?.map((e) => e.text)).toEqual(['指定袋']);
  });

  it('lists the curated terms, not the seed’s, as spoken words; a centre’s groups add to the list', () => {
    expect(loadSudachiSynonyms().spoken ?? []).toEqual([]);
    const municipal = mergeSynonyms(loadSudachiSynonyms(), [['国民健康保険', '国保']]);
    expect(municipal.spoken).toEqual(['国民健康保険', '国保']);
    const centre = mergeSynonyms(municipal, [['ＡＥＤ', '自動体外式除細動器']]);
    expect(centre.spoken).toEqual(['国民健康保険', '国保', 'aed', '自動体外式除細動器']);
  });
});

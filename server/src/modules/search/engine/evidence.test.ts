import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from './analyzer.ts';
import { removePersonalNames } from './evidence.ts';

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await createAnalyzer();
});

describe('removePersonalNames', () => {
  it('cuts personal names and keeps the topic', () => {
    const out = removePersonalNames(analyzer, '田中太郎さんの住民票を取りたい');
    expect(out).not.toContain('田中');
    expect(out).not.toContain('太郎');
    expect(out).toContain('住民票');
  });

  it('leaves a wording without names as normalised text', () => {
    expect(removePersonalNames(analyzer, 'ｺﾞﾐの日　いつ')).toBe('ゴミの日 いつ');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from './analyzer.ts';

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await createAnalyzer();
});

describe('analyzer', () => {
  it('gives a clause met again (from the per-process cache) the same tokens at its own position', async () => {
    const text = '住民票を請求します。住民票を請求します';
    const tokens = analyzer.tokenize(text);
    const first = tokens.filter((t) => t.start < 9);
    const second = tokens.filter((t) => t.start >= 10);
    expect(second.map((t) => ({ ...t, start: t.start - 10 }))).toEqual(first);
    for (const t of tokens) expect(text.slice(t.start, t.start + t.surface.length)).toBe(t.surface);
    // Another analyzer shares the cache and sees the same tokens; changing a result changes no cached one.
    const again = (await createAnalyzer()).tokenize('住民票を請求します');
    expect(again).toEqual(first);
    again[0]!.start = 99;
    expect(analyzer.tokenize('住民票を請求します')[0]!.start).toBe(0);
  });
});

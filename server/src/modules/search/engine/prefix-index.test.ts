import { describe, expect, it } from 'vitest';
import { PrefixIndex } from './prefix-index.ts';

describe('PrefixIndex', () => {
  it('finds items by prefix across merged and pending keys, best priority first', () => {
    const p = new PrefixIndex();
    // Enough keys to force merges, in an order that is not sorted.
    for (let i = 0; i < 10_000; i++) p.add(`キー${(i * 7919) % 10_000}`, i, 0);
    p.add('ジュウミンヒョウ', 100_001, 1);
    p.add('ジュウミンゼイ', 100_002, 5);
    p.add('ジユウ', 100_003, 0);
    expect(p.find('ジュウミン', 10, () => true)).toEqual([100_002, 100_001]);
    const owner = Array.from({ length: 10_000 }, (_, i) => i).find((i) => (i * 7919) % 10_000 === 9999);
    expect(p.find('キー9999', 10, () => true)).toEqual([owner]);
    expect(p.size).toBe(10_003);
  });

  it('skips items the caller rejects and lists each item once', () => {
    const p = new PrefixIndex();
    p.add('ソダイゴミ', 1, 1);
    p.add('ソダイゴミノダシカタ', 1, 2);
    p.add('ソダイ', 2, 0);
    expect(p.find('ソダイ', 10, (i) => i !== 2)).toEqual([1]);
  });

  it('drops and renumbers items on remap', () => {
    const p = new PrefixIndex();
    p.add('アイウ', 0, 0);
    p.add('アイエ', 1, 0);
    p.remap((i) => (i === 0 ? -1 : 7));
    expect(p.find('アイ', 10, () => true)).toEqual([7]);
  });
});

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

  it('keeps keys in order across many block splits, whatever the insertion order', () => {
    const p = new PrefixIndex();
    const alphabet = ['ア', 'イ', 'ウ', 'エ', 'オ', 'カ'];
    const entries: { key: string; item: number; priority: number }[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed / 4_294_967_296;
    };
    for (let item = 0; item < 20_000; item++) {
      const key = Array.from(
        { length: 2 + Math.floor(random() * 6) },
        () => alphabet[Math.floor(random() * 6)],
      ).join('');
      // Few distinct priorities: ties are broken by key order, then by insertion order.
      const priority = Math.floor(random() * 4);
      entries.push({ key, item, priority });
      p.add(key, item, priority);
    }
    expect(p.size).toBe(20_000);
    for (const prefix of ['ア', 'イウ', 'カカ', 'エオア', 'オイウエ']) {
      const expected = entries
        .map((e, order) => ({ ...e, order }))
        .filter((e) => e.key.startsWith(prefix))
        .sort(
          (a, b) => b.priority - a.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.order - b.order),
        )
        .slice(0, 20)
        .map((e) => e.item);
      expect(
        p.find(prefix, 20, () => true, Number.POSITIVE_INFINITY),
        prefix,
      ).toEqual(expected);
    }
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

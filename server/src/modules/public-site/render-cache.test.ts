import { describe, expect, it } from 'vitest';
import { finishPage } from './layout.ts';
import { type CachedPage, createRenderCache } from './render-cache.ts';

const page = (text: string): CachedPage => ({ ...finishPage(text), cache: 'page' });

describe('render cache', () => {
  it('keeps pages per centre and key until their centre is dropped', () => {
    const cache = createRenderCache();
    cache.set('a', 'faq/1', page('a1'), cache.begin('a'));
    cache.set('b', 'faq/1', page('b1'), cache.begin('b'));
    expect(cache.get('a', 'faq/1')?.body.toString()).toBe('a1');
    expect(cache.get('b', 'faq/1')?.body.toString()).toBe('b1');
    cache.dropCenter('a');
    expect(cache.get('a', 'faq/1')).toBeUndefined();
    expect(cache.get('b', 'faq/1')?.body.toString()).toBe('b1');
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('does not store a page rendered before an invalidation of its centre', () => {
    const cache = createRenderCache();
    const token = cache.begin('a');
    cache.dropCenter('a'); // an FAQ changed while the page was being rendered
    cache.set('a', 'faq/1', page('stale'), token);
    expect(cache.get('a', 'faq/1')).toBeUndefined();
    const cleared = cache.begin('b');
    cache.clear();
    cache.set('b', 'x', page('stale'), cleared);
    expect(cache.get('b', 'x')).toBeUndefined();
  });

  it('expires entries after the TTL', () => {
    let now = 1_000;
    const cache = createRenderCache({ ttlMs: 100, now: () => now });
    cache.set('a', 'k', page('x'), cache.begin('a'));
    now += 99;
    expect(cache.get('a', 'k')).toBeDefined();
    now += 1;
    expect(cache.get('a', 'k')).toBeUndefined();
  });

  it('evicts the least recently used beyond the entry and byte limits', () => {
    const cache = createRenderCache({ maxEntries: 2 });
    cache.set('a', '1', page('1'), cache.begin('a'));
    cache.set('a', '2', page('2'), cache.begin('a'));
    cache.get('a', '1'); // 1 is now the most recently used
    cache.set('a', '3', page('3'), cache.begin('a'));
    expect(cache.get('a', '2')).toBeUndefined();
    expect(cache.get('a', '1')).toBeDefined();
    expect(cache.get('a', '3')).toBeDefined();
    const small = createRenderCache({ maxBytes: 10 });
    small.set('a', 'big', page('0123456789'), small.begin('a'));
    small.set('a', 'next', page('x'), small.begin('a'));
    expect(small.get('a', 'big')).toBeUndefined();
    expect(small.get('a', 'next')).toBeDefined();
  });
});

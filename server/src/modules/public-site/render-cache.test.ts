import { describe, expect, it } from 'vitest';
import { finishPage } from './layout.ts';
import { type CachedPage, createRenderCache, createShortCache } from './render-cache.ts';

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

  it('finds a page by its URL aliases only while the page is stored and fresh', () => {
    let now = 0;
    const cache = createRenderCache({ ttlMs: 100, fastTtlMs: 50, now: () => now });
    cache.alias('a', 'faq/1', 'p/c/a/faq/1'); // nothing stored yet: no alias
    expect(cache.getByUrl('p/c/a/faq/1')).toBeUndefined();
    cache.set('a', 'faq/1', page('a1'), cache.begin('a'));
    for (const url of ['u1', 'u2', 'u3', 'u4', 'u5']) cache.alias('a', 'faq/1', url);
    expect(cache.getByUrl('u1')?.page.body.toString()).toBe('a1');
    expect(cache.getByUrl('u1')?.centerId).toBe('a');
    expect(cache.getByUrl('u5')).toBeUndefined(); // at most four URLs per page
    now = 50;
    expect(cache.getByUrl('u1')).toBeUndefined(); // the fast path's shorter lifetime…
    expect(cache.get('a', 'faq/1')).toBeUndefined(); // …drops the page, to be built anew
    cache.set('a', 'faq/1', page('a1'), cache.begin('a'));
    cache.alias('a', 'faq/1', 'u1');
    expect(cache.getByUrl('u1')?.page.body.toString()).toBe('a1');
    // Dropping the centre drops its aliases; a new page of the same key needs its own.
    now = 0;
    cache.set('a', 'faq/1', page('a2'), cache.begin('a'));
    cache.alias('a', 'faq/1', 'u1');
    expect(cache.getByUrl('u1')?.page.body.toString()).toBe('a2');
    cache.dropCenter('a');
    expect(cache.getByUrl('u1')).toBeUndefined();
    cache.set('a', 'faq/1', page('a3'), cache.begin('a'));
    expect(cache.getByUrl('u1')).toBeUndefined();
    // Eviction drops aliases too.
    const small = createRenderCache({ maxEntries: 1 });
    small.set('a', '1', page('1'), small.begin('a'));
    small.alias('a', '1', 'x');
    small.set('a', '2', page('2'), small.begin('a'));
    expect(small.getByUrl('x')).toBeUndefined();
  });
});

describe('short cache', () => {
  it('keeps values for their lifetime, per centre, within the entry limit', () => {
    let now = 0;
    const cache = createShortCache<string>({ maxEntries: 2, ttlMs: 10, now: () => now });
    cache.set('a', 'q1', 'A1', cache.begin('a'));
    cache.set('b', 'q1', 'B1', cache.begin('b'));
    expect(cache.get('a', 'q1')).toBe('A1');
    cache.set('a', 'q2', 'A2', cache.begin('a'));
    expect(cache.get('b', 'q1')).toBeUndefined(); // least recently used
    const token = cache.begin('a');
    cache.dropCenter('a');
    cache.set('a', 'q3', 'stale', token);
    expect(cache.get('a', 'q3')).toBeUndefined();
    expect(cache.get('a', 'q1')).toBeUndefined();
    cache.set('a', 'q1', 'A1', cache.begin('a'));
    now = 10;
    expect(cache.get('a', 'q1')).toBeUndefined();
  });
});

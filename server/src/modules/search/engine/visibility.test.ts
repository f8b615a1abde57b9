import { describe, expect, it } from 'vitest';
import { type VisibilityFacts, type VisibilityFilter, VisibilityMasks } from './visibility.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2027, 3, 1);

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The rule the masks must follow, checked document by document.
function passes(f: VisibilityFacts | undefined, filter: VisibilityFilter): boolean {
  if (!f) return false;
  if (filter.categoryId && !f.categories.has(filter.categoryId)) return false;
  if (filter.departmentId && f.departmentId !== filter.departmentId) return false;
  if (filter.publishedAt) {
    const t = filter.publishedAt.getTime();
    if (!f.published || f.start > t || f.end <= t) return false;
  }
  return true;
}

function randomFacts(random: () => number): VisibilityFacts {
  const window = random();
  return {
    categories: new Set(random() < 0.5 ? ['c1'] : ['c2', 'c3']),
    departmentId: random() < 0.2 ? null : random() < 0.5 ? 'd1' : 'd2',
    published: random() < 0.8,
    start: window < 0.3 ? T0 + Math.floor(random() * 48) * HOUR : Number.NEGATIVE_INFINITY,
    end: window > 0.6 ? T0 + Math.floor(random() * 48) * HOUR : Number.POSITIVE_INFINITY,
  };
}

describe('VisibilityMasks', () => {
  it('agrees with the rule at every moment, through upserts, removals and window boundaries', () => {
    const random = rng(3);
    const masks = new VisibilityMasks();
    const facts: (VisibilityFacts | undefined)[] = [];
    const filters: VisibilityFilter[] = [
      {},
      { categoryId: 'c1' },
      { departmentId: 'd2' },
      { categoryId: '', departmentId: '' },
      { categoryId: 'c3', publishedAt: new Date(0) },
      { publishedAt: new Date(0) },
    ];
    let checked = 0;
    for (let step = 0; step < 400; step++) {
      const r = random();
      if (r < 0.6 || facts.length === 0) {
        const f = randomFacts(random);
        masks.set(facts.length, f);
        facts.push(f);
      } else if (r < 0.75) {
        const n = Math.floor(random() * facts.length);
        masks.clear(n);
        facts[n] = undefined;
      }
      // Moments on and around whole hours: exactly at a start (shown) and at an end (hidden) included.
      const at = new Date(T0 + Math.floor(random() * 50) * HOUR + (random() < 0.5 ? 0 : -1));
      for (const filter of filters) {
        const f = filter.publishedAt ? { ...filter, publishedAt: at } : filter;
        const mask = masks.mask(f);
        for (let n = 0; n < facts.length; n++) {
          expect(mask[n] === 1, `step ${step}, document ${n}, ${JSON.stringify(f)}`).toBe(
            passes(facts[n], f),
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000);
  });

  it('shows a document whose publication starts after the mask was made, once its start has come', () => {
    const masks = new VisibilityMasks();
    masks.set(0, {
      categories: new Set(),
      departmentId: null,
      published: true,
      start: -Infinity,
      end: Infinity,
    });
    expect(masks.mask({ publishedAt: new Date(T0) })[0]).toBe(1);
    masks.set(1, {
      categories: new Set(),
      departmentId: null,
      published: true,
      start: T0 + HOUR,
      end: Infinity,
    });
    expect(masks.mask({ publishedAt: new Date(T0) })[1]).toBe(0);
    expect(masks.mask({ publishedAt: new Date(T0 + HOUR) })[1]).toBe(1);
  });

  it('keeps the facts of live documents under new numbers after a reset', () => {
    const masks = new VisibilityMasks();
    const f = (department: string): VisibilityFacts => ({
      categories: new Set(),
      departmentId: department,
      published: true,
      start: -Infinity,
      end: Infinity,
    });
    masks.set(0, f('d1'));
    masks.set(1, f('d2'));
    expect(masks.mask({ departmentId: 'd2' })[1]).toBe(1);
    masks.reset([f('d2')]);
    expect(masks.mask({ departmentId: 'd2' })[0]).toBe(1);
    expect(masks.mask({ departmentId: 'd2' })[1]).not.toBe(1);
    expect(masks.isLive(0)).toBe(true);
    expect(masks.isLive(1)).toBe(false);
  });
});

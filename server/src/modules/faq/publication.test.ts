import { describe, expect, it } from 'vitest';
import { publicationState } from './publication.ts';

const start = new Date('2027-04-01T00:00:00+09:00');
const end = new Date('2027-05-01T00:00:00+09:00');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

describe('publicationState', () => {
  it('is draft whenever the flag is off, whatever the window', () => {
    expect(publicationState({ published: false, publishStart: null, publishEnd: null }, start)).toBe('draft');
    expect(publicationState({ published: false, publishStart: start, publishEnd: end }, ms(start, 1))).toBe(
      'draft',
    );
  });

  it('starts inclusive and ends exclusive', () => {
    const row = { published: true, publishStart: start, publishEnd: end };
    expect(publicationState(row, ms(start, -1))).toBe('scheduled');
    expect(publicationState(row, start)).toBe('published');
    expect(publicationState(row, ms(end, -1))).toBe('published');
    expect(publicationState(row, end)).toBe('expired');
  });

  it('treats a missing start or end as open', () => {
    expect(publicationState({ published: true, publishStart: null, publishEnd: null }, start)).toBe(
      'published',
    );
    expect(publicationState({ published: true, publishStart: null, publishEnd: end }, end)).toBe('expired');
    expect(publicationState({ published: true, publishStart: start, publishEnd: null }, ms(end, 1e12))).toBe(
      'published',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { PublicationRevision } from './open-faq.repository.ts';
import {
  decodeCursor,
  encodeCursor,
  labelsVersionOf,
  SYNC_SAFETY_MARGIN_MS,
  syncFromOf,
  visibleDuring,
} from './open-faq.sync.ts';

const id = '0193a5b2-7c1d-7e0f-8a9b-0c1d2e3f4a5b';
const at = (iso: string) => new Date(iso);

describe('open FAQ cursor', () => {
  it('round-trips the keyset position of one sync', () => {
    const since = at('2027-04-01T00:00:00Z');
    const cursor = encodeCursor({ changedMs: 1_800_000_000_123, id, since: since.getTime() });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, since)).toEqual({ changedMs: 1_800_000_000_123, id });
    expect(decodeCursor(encodeCursor({ changedMs: 5, id, since: null }), null)).toEqual({ changedMs: 5, id });
  });

  it('refuses a cursor of another sync or one that was tampered with, naming the field', () => {
    const cursor = encodeCursor({ changedMs: 5, id, since: null });
    expect(() => decodeCursor(cursor, at('2027-04-01T00:00:00Z'))).toThrow(/同じ updatedSince/);
    for (const bad of [
      'x',
      Buffer.from('[1,"not-a-uuid",null]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ])
      expect(() => decodeCursor(bad, null)).toThrow(
        expect.objectContaining({ code: 'validation_failed', field: 'cursor' }),
      );
  });
});

describe('sync point and labels', () => {
  it('starts the next sync a safety margin before asOf', () => {
    expect(syncFromOf(at('2027-04-01T00:10:00Z')).toISOString()).toBe('2027-04-01T00:00:00.000Z');
    expect(SYNC_SAFETY_MARGIN_MS).toBe(600_000);
  });

  it('changes the labels version with any name', () => {
    const a = labelsVersionOf({ axes: [{ id: '1', name: '行政分野' }] });
    expect(a).toBe(labelsVersionOf({ axes: [{ id: '1', name: '行政分野' }] }));
    expect(a).not.toBe(labelsVersionOf({ axes: [{ id: '1', name: '分野' }] }));
  });
});

describe('visibleDuring (was a hidden FAQ ever visible to a mirror since its last sync?)', () => {
  const rev = (savedAt: string, fields: Partial<PublicationRevision> = {}): PublicationRevision => ({
    savedAt: at(savedAt),
    published: true,
    deleted: false,
    publishStart: null,
    publishEnd: null,
    ...fields,
  });
  const from = at('2027-04-01T00:00:00Z');
  const to = at('2027-04-02T00:00:00Z');

  it('is true for an FAQ published before and unpublished after the last sync', () => {
    expect(
      visibleDuring(
        [rev('2027-03-01T00:00:00Z'), rev('2027-04-01T12:00:00Z', { published: false })],
        from,
        to,
      ),
    ).toBe(true);
  });

  it('is true for an FAQ whose publish end passed after the last sync, with no save at all', () => {
    expect(
      visibleDuring([rev('2027-03-01T00:00:00Z', { publishEnd: '2027-04-01T06:00:00.000Z' })], from, to),
    ).toBe(true);
  });

  it('is false for a draft that citizens never saw, however often it was saved', () => {
    expect(
      visibleDuring(
        [
          rev('2027-03-01T00:00:00Z', { published: false }),
          rev('2027-04-01T08:00:00Z', { published: false }),
        ],
        from,
        to,
      ),
    ).toBe(false);
  });

  it('is false when it was already hidden at the last sync (reported then)', () => {
    expect(
      visibleDuring([rev('2027-03-01T00:00:00Z'), rev('2027-03-15T00:00:00Z', { deleted: true })], from, to),
    ).toBe(false);
    // Expired exactly at the last sync: the end is exclusive.
    expect(
      visibleDuring([rev('2027-03-01T00:00:00Z', { publishEnd: '2027-04-01T00:00:00.000Z' })], from, to),
    ).toBe(false);
  });

  it('is false for a scheduled FAQ whose start never came, and true once it came inside the interval', () => {
    const scheduled = (start: string) => [
      rev('2027-03-01T00:00:00Z', { publishStart: start }),
      rev('2027-04-01T20:00:00Z', { published: false }),
    ];
    expect(visibleDuring(scheduled('2027-04-01T21:00:00.000Z'), from, to)).toBe(false);
    expect(visibleDuring(scheduled('2027-04-01T10:00:00.000Z'), from, to)).toBe(true);
  });

  it('assumes an FAQ without any revision may have been seen', () => {
    expect(visibleDuring([], from, to)).toBe(true);
  });
});

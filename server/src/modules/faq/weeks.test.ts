import { describe, expect, it } from 'vitest';
import { lastCompleteWeek, weekStartOf } from './weeks.ts';

describe('Japan-time weeks', () => {
  it('start on Monday, holidays included', () => {
    expect(weekStartOf('2027-01-11')).toBe('2027-01-11'); // Monday (成人の日)
    expect(weekStartOf('2027-01-10')).toBe('2027-01-04'); // Sunday
    expect(weekStartOf('2027-01-01')).toBe('2026-12-28'); // Friday, across the year
  });

  it('take the last complete week in Japan time, not UTC', () => {
    // Monday 00:30 JST is still Sunday in UTC; the week just ended is the complete one.
    expect(lastCompleteWeek(new Date('2027-01-11T00:30:00+09:00'))).toBe('2027-01-04');
    expect(lastCompleteWeek(new Date('2027-01-10T23:59:59+09:00'))).toBe('2026-12-28');
  });
});

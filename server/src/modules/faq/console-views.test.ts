import { describe, expect, it } from 'vitest';
import { DailyDedupe } from './console-views.ts';

const at = (iso: string) => new Date(iso);

describe('DailyDedupe (one console view per staff member per FAQ per JST day)', () => {
  it('counts the first view of a key on a Japan-time day only', () => {
    const views = new DailyDedupe();
    expect(views.first(['c', 'faq-1', 'user-1'], at('2027-01-10T09:00:00+09:00'))).toBe(true);
    expect(views.first(['c', 'faq-1', 'user-1'], at('2027-01-10T09:05:00+09:00'))).toBe(false);
    expect(views.first(['c', 'faq-1', 'user-1'], at('2027-01-10T23:59:59+09:00'))).toBe(false);
    expect(views.first(['c', 'faq-1', 'user-2'], at('2027-01-10T09:05:00+09:00'))).toBe(true);
    expect(views.first(['c', 'faq-2', 'user-1'], at('2027-01-10T09:05:00+09:00'))).toBe(true);
    expect(views.first(['other-centre', 'faq-1', 'user-1'], at('2027-01-10T09:05:00+09:00'))).toBe(true);
  });

  it('starts a new day at midnight Japan time, not UTC', () => {
    const views = new DailyDedupe();
    // 2027-01-10T15:30Z is 00:30 on the 11th in Japan; 14:59Z is still the 10th.
    expect(views.first(['c', 'f', 'u'], at('2027-01-10T14:59:00Z'))).toBe(true);
    expect(views.first(['c', 'f', 'u'], at('2027-01-10T15:30:00Z'))).toBe(true);
    expect(views.first(['c', 'f', 'u'], at('2027-01-10T16:00:00Z'))).toBe(false);
  });

  it('keeps at most two days and stays within its size bound', () => {
    const views = new DailyDedupe({ maxKeys: 3 });
    const day1 = at('2027-01-10T10:00:00+09:00');
    for (const u of ['a', 'b', 'c']) expect(views.first(['c', 'f', u], day1)).toBe(true);
    expect(views.size).toBe(3);
    // Full: the day's keys are forgotten, so a repeat may count again rather than memory growing.
    expect(views.first(['c', 'f', 'd'], day1)).toBe(true);
    expect(views.size).toBeLessThanOrEqual(3);
    const day2 = at('2027-01-11T10:00:00+09:00');
    const day3 = at('2027-01-12T10:00:00+09:00');
    expect(views.first(['c', 'f', 'd'], day2)).toBe(true);
    expect(views.first(['c', 'f', 'd'], day3)).toBe(true);
    // Day 1 is gone (two days kept): seen again, it counts again.
    expect(views.first(['c', 'f', 'd'], day1)).toBe(true);
    expect(views.first(['c', 'f', 'd'], day3)).toBe(false);
  });
});

import type { ClosureInput, WeeklyHours } from '@madoguchi/contracts';
import {
  calendarDaySchema,
  closureInputSchema,
  openStatusSchema,
  weeklyHoursSchema,
} from '@madoguchi/contracts';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDay,
  calendarRange,
  closureOn,
  dayKeyOf,
  defaultCenterHours,
  defaultClosures,
  defaultDepartmentHours,
  holidayName,
  jstDate,
  jstInstant,
  jstTime,
  MAX_CALENDAR_DAYS,
  nextOpening,
  openStatus,
} from './calendar.ts';

// Instants are written in UTC on purpose: JST = UTC + 9 h, so 08:30 JST is 23:30 UTC the day before.
const utc = (iso: string): Date => new Date(iso);
const center = defaultCenterHours();
const yearEnd = defaultClosures();

describe('JST conversion', () => {
  it('reads the Japan date and time whatever the process TZ is', () => {
    // 2026-12-31 15:00 UTC is already New Year's Day in Japan.
    expect(jstDate(utc('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
    expect(jstTime(utc('2026-12-31T15:00:00Z'))).toBe('00:00');
    expect(jstDate(utc('2026-12-31T14:59:59Z'))).toBe('2026-12-31');
    expect(jstTime(utc('2026-12-31T14:59:59Z'))).toBe('23:59');
    expect(jstDate(utc('2026-06-01T23:30:00Z'))).toBe('2026-06-02');
    expect(jstTime(utc('2026-06-01T23:30:00Z'))).toBe('08:30');
  });

  it('builds instants from Japan wall-clock time', () => {
    expect(jstInstant('2026-06-02', '08:30').toISOString()).toBe('2026-06-01T23:30:00.000Z');
    expect(jstInstant('2026-06-02', '24:00').toISOString()).toBe('2026-06-02T15:00:00.000Z');
  });

  it('adds days across month, leap-day and year boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('rejects invalid instants and dates', () => {
    expect(() => jstDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => dayKeyOf('2026-02-30')).toThrow(RangeError);
    expect(() => holidayName('2026/01/12')).toThrow(RangeError);
  });
});

describe('holidayName and dayKeyOf', () => {
  it('names public holidays, substitute holidays and citizens holidays', () => {
    expect(holidayName('2026-01-12')).toBe('成人の日');
    expect(holidayName('2026-05-06')).toBe('こどもの日 振替休日');
    expect(holidayName('2026-09-21')).toBe('敬老の日');
    expect(holidayName('2026-09-22')).toBe('国民の休日');
    expect(holidayName('2026-09-23')).toBe('秋分の日');
    expect(holidayName('2027-01-01')).toBe('元日');
  });

  it('returns null on ordinary days', () => {
    expect(holidayName('2026-01-13')).toBeNull();
    expect(holidayName('2026-05-07')).toBeNull();
    expect(holidayName('2026-12-29')).toBeNull();
  });

  it('uses the holiday entry on holidays and the weekday otherwise', () => {
    expect(dayKeyOf('2026-01-12')).toBe('holiday'); // Monday
    expect(dayKeyOf('2026-05-06')).toBe('holiday'); // Wednesday, substitute holiday
    expect(dayKeyOf('2026-09-22')).toBe('holiday'); // Tuesday, 国民の休日
    expect(dayKeyOf('2026-01-13')).toBe('tue');
    expect(dayKeyOf('2026-11-22')).toBe('sun');
    expect(dayKeyOf('2026-11-21')).toBe('sat');
    expect(dayKeyOf('2026-11-20')).toBe('fri');
  });
});

describe('closureOn', () => {
  it('covers 12/29 to 1/3 across the year end, inclusive', () => {
    expect(closureOn('2026-12-28', yearEnd)).toBeNull();
    for (const d of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']) {
      expect(closureOn(d, yearEnd), d).toBe('年末年始');
    }
    expect(closureOn('2027-01-04', yearEnd)).toBeNull();
    expect(closureOn('2026-07-01', yearEnd)).toBeNull();
  });

  it('handles annual ranges inside one year and dated ranges', () => {
    const closures: ClosureInput[] = [
      { kind: 'annual', label: '夏季休業', start: '08-13', end: '08-15' },
      { kind: 'dated', label: 'システム移行', start: '2027-03-30', end: '2027-04-01' },
    ];
    expect(closureOn('2026-08-12', closures)).toBeNull();
    expect(closureOn('2026-08-13', closures)).toBe('夏季休業');
    expect(closureOn('2030-08-15', closures)).toBe('夏季休業');
    expect(closureOn('2026-08-16', closures)).toBeNull();
    expect(closureOn('2027-03-29', closures)).toBeNull();
    expect(closureOn('2027-03-30', closures)).toBe('システム移行');
    expect(closureOn('2027-04-01', closures)).toBe('システム移行');
    expect(closureOn('2027-04-02', closures)).toBeNull();
    // A dated closure happens once, not every year.
    expect(closureOn('2028-03-31', closures)).toBeNull();
  });

  it('handles a one-day annual closure', () => {
    const closures: ClosureInput[] = [{ kind: 'annual', label: '創立記念日', start: '10-01', end: '10-01' }];
    expect(closureOn('2026-10-01', closures)).toBe('創立記念日');
    expect(closureOn('2026-09-30', closures)).toBeNull();
    expect(closureOn('2026-10-02', closures)).toBeNull();
  });
});

describe('calendarDay and calendarRange', () => {
  it('gives weekday hours, weekend hours, holiday hours and closures', () => {
    expect(calendarDay('2026-12-28', center, yearEnd)).toEqual({
      date: '2026-12-28',
      dayKey: 'mon',
      holidayName: null,
      closure: null,
      hours: { opens: '08:30', closes: '19:00' },
    });
    expect(calendarDay('2026-11-21', center, yearEnd).hours).toEqual({ opens: '08:30', closes: '17:00' });
    expect(calendarDay('2026-01-12', center, yearEnd)).toMatchObject({
      dayKey: 'holiday',
      holidayName: '成人の日',
      hours: { opens: '08:30', closes: '17:00' },
    });
    expect(calendarDay('2027-01-01', center, yearEnd)).toEqual({
      date: '2027-01-01',
      dayKey: 'holiday',
      holidayName: '元日',
      closure: '年末年始',
      hours: null,
    });
  });

  it('returns days that satisfy the API schema', () => {
    for (const day of calendarRange('2026-12-25', '2027-01-06', center, yearEnd)) {
      expect(calendarDaySchema.parse(day)).toEqual(day);
    }
  });

  it('lists every day inclusive with the year-end closure', () => {
    const days = calendarRange('2026-12-27', '2027-01-05', center, yearEnd);
    expect(days.map((d) => d.date)).toEqual([
      '2026-12-27',
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-01-04',
      '2027-01-05',
    ]);
    expect(days.map((d) => d.hours !== null)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(calendarRange('2026-05-01', '2026-05-01', center, [])).toHaveLength(1);
  });

  it('accepts exactly the maximum span and rejects longer or reversed ranges', () => {
    const last = addDays('2026-01-01', MAX_CALENDAR_DAYS - 1);
    expect(calendarRange('2026-01-01', last, center, yearEnd)).toHaveLength(MAX_CALENDAR_DAYS);
    expect(() => calendarRange('2026-01-01', addDays(last, 1), center, yearEnd)).toThrow(RangeError);
    expect(() => calendarRange('2026-01-01', addDays(last, 1), center, yearEnd)).toThrow(/400日以内/);
    expect(() => calendarRange('2026-05-02', '2026-05-01', center, yearEnd)).toThrow(RangeError);
    expect(() => calendarRange('2026-05-02', '2026-05-01', center, yearEnd)).toThrow(/開始日以降/);
    expect(() => calendarRange('2026-05-01', '2026-13-01', center, yearEnd)).toThrow(RangeError);
  });
});

describe('openStatus', () => {
  it('opens at 08:30 inclusive and closes at 19:00 exclusive on weekdays', () => {
    // Tuesday 2026-06-02 in Japan.
    expect(openStatus(utc('2026-06-01T23:29:59Z'), center, yearEnd)).toMatchObject({
      open: false,
      reason: 'outside_hours',
      hours: { opens: '08:30', closes: '19:00' },
    });
    expect(openStatus(utc('2026-06-01T23:30:00Z'), center, yearEnd)).toMatchObject({
      open: true,
      reason: 'open',
    });
    expect(openStatus(utc('2026-06-02T09:59:00Z'), center, yearEnd).open).toBe(true); // 18:59
    expect(openStatus(utc('2026-06-02T09:59:59.999Z'), center, yearEnd).open).toBe(true);
    expect(openStatus(utc('2026-06-02T10:00:00Z'), center, yearEnd)).toMatchObject({
      open: false,
      reason: 'outside_hours',
    }); // 19:00
  });

  it('closes at 17:00 on weekends and holidays', () => {
    // Saturday 2026-11-21 and Monday 2026-01-12 (成人の日), 16:59 and 17:00 JST.
    expect(openStatus(utc('2026-11-21T07:59:00Z'), center, yearEnd).open).toBe(true);
    expect(openStatus(utc('2026-11-21T08:00:00Z'), center, yearEnd)).toMatchObject({
      open: false,
      reason: 'outside_hours',
      hours: { opens: '08:30', closes: '17:00' },
    });
    expect(openStatus(utc('2026-01-12T07:59:00Z'), center, yearEnd)).toMatchObject({
      open: true,
      holidayName: '成人の日',
    });
    expect(openStatus(utc('2026-01-12T08:00:00Z'), center, yearEnd).open).toBe(false);
    // The same clock time on an ordinary Monday is still open.
    expect(openStatus(utc('2026-01-19T08:00:00Z'), center, yearEnd).open).toBe(true);
  });

  it('reports a closure even during normal hours', () => {
    const status = openStatus(utc('2026-12-30T03:00:00Z'), center, yearEnd); // Wed 12:00 JST
    expect(status).toEqual({
      open: false,
      reason: 'closure',
      closure: '年末年始',
      holidayName: null,
      hours: null,
    });
    expect(openStatusSchema.parse(status)).toEqual(status);
  });

  it('keeps a department closed on weekends and holidays', () => {
    const dept = defaultDepartmentHours();
    // 10:00 JST on a holiday, a Saturday and an ordinary weekday.
    expect(openStatus(utc('2026-05-06T01:00:00Z'), dept, yearEnd)).toMatchObject({
      open: false,
      reason: 'closed_day',
      holidayName: 'こどもの日 振替休日',
      hours: null,
    });
    expect(openStatus(utc('2026-11-21T01:00:00Z'), dept, yearEnd).reason).toBe('closed_day');
    expect(openStatus(utc('2026-05-07T01:00:00Z'), dept, yearEnd).reason).toBe('open');
    // 17:14 open, 17:15 closed.
    expect(openStatus(utc('2026-05-07T08:14:00Z'), dept, yearEnd).open).toBe(true);
    expect(openStatus(utc('2026-05-07T08:15:00Z'), dept, yearEnd).reason).toBe('outside_hours');
  });

  it("treats '24:00' as the end of the day", () => {
    const allDay = { opens: '00:00', closes: '24:00' };
    const always: WeeklyHours = {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
      holiday: allDay,
    };
    expect(openStatus(utc('2026-06-02T14:59:59Z'), always, []).open).toBe(true); // 23:59:59
    expect(openStatus(utc('2026-06-02T15:00:00Z'), always, []).open).toBe(true); // next day 00:00
    expect(nextOpening(utc('2026-06-02T14:59:59Z'), always, [])?.toISOString()).toBe(
      '2026-06-02T14:59:59.000Z',
    );
  });
});

describe('nextOpening', () => {
  it('skips the year-end closure: 2026-12-28 19:00 JST → 2027-01-04 08:30 JST', () => {
    const next = nextOpening(utc('2026-12-28T10:00:00Z'), center, yearEnd);
    expect(next?.toISOString()).toBe('2027-01-03T23:30:00.000Z');
    expect(next && jstDate(next)).toBe('2027-01-04');
    expect(next && jstTime(next)).toBe('08:30');
  });

  it('returns the same morning before opening and the instant itself when open', () => {
    expect(nextOpening(utc('2026-06-01T20:00:00Z'), center, yearEnd)?.toISOString()).toBe(
      '2026-06-01T23:30:00.000Z',
    );
    const now = utc('2026-06-02T03:00:00Z');
    expect(nextOpening(now, center, yearEnd)?.getTime()).toBe(now.getTime());
  });

  it('finds the next office day of a department after a holiday weekend', () => {
    // Friday 2026-01-09 17:15 JST; Monday 1/12 is 成人の日, so the office reopens Tuesday 1/13 08:30.
    const next = nextOpening(utc('2026-01-09T08:15:00Z'), defaultDepartmentHours(), yearEnd);
    expect(next?.toISOString()).toBe('2026-01-12T23:30:00.000Z');
  });

  it('returns null when nothing opens within the search window', () => {
    const closed: WeeklyHours = {
      mon: null,
      tue: null,
      wed: null,
      thu: null,
      fri: null,
      sat: null,
      sun: null,
      holiday: null,
    };
    expect(nextOpening(utc('2026-06-02T03:00:00Z'), closed, [])).toBeNull();
    const longClosure: ClosureInput[] = [
      { kind: 'dated', label: '休止', start: '2026-01-01', end: '2028-12-31' },
    ];
    expect(nextOpening(utc('2026-06-02T03:00:00Z'), center, longClosure)).toBeNull();
  });
});

describe('defaults', () => {
  it('match seed 004 and the contract schemas', () => {
    expect(weeklyHoursSchema.parse(center)).toEqual(center);
    expect(weeklyHoursSchema.parse(defaultDepartmentHours())).toEqual(defaultDepartmentHours());
    for (const c of yearEnd) expect(closureInputSchema.parse(c)).toEqual(c);
    expect(center.wed).toEqual({ opens: '08:30', closes: '19:00' });
    expect(center.sun).toEqual({ opens: '08:30', closes: '17:00' });
    expect(center.holiday).toEqual({ opens: '08:30', closes: '17:00' });
    expect(defaultDepartmentHours().holiday).toBeNull();
  });

  it('returns fresh objects so callers cannot change the defaults', () => {
    const a = defaultCenterHours();
    a.mon = null;
    expect(defaultCenterHours().mon).not.toBeNull();
    const b = defaultCenterHours();
    expect(b.mon).not.toBe(b.tue);
  });
});

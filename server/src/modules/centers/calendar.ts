// Business calendar of a centre or a department: public holidays, closures and weekly hours, all in Japan
// time. Pure functions, no I/O, so the API, the switchboard (transfer only during a department's office
// hours, seed 004 第3-1(2)イ) and the reports share one definition of "open".

import holidayJp from '@holiday-jp/holiday_jp';
import type { CalendarDay, ClosureInput, DayKey, Hours, OpenStatus, WeeklyHours } from '@madoguchi/contracts';

/** Longest span calendarRange and nextOpening look at: a bit more than a year, so a yearly view fits. */
export const MAX_CALENDAR_DAYS = 400;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
// Japan has had no daylight saving time since 1951, so a fixed offset is exact and needs no tz database;
// it also keeps results independent of the server's TZ.
const JST_OFFSET_MS = 9 * 60 * MINUTE_MS;

const weekdayKeys: readonly DayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

// The package's typings list every date as a literal key; a plain lookup table is what we need.
const holidays = holidayJp.holidays as unknown as Readonly<Record<string, { name: string } | undefined>>;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function checkInstant(at: Date): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('日時が正しくありません');
  return ms;
}

/** UTC milliseconds of 00:00 UTC on a 'YYYY-MM-DD' date; throws on malformed or impossible dates. */
function dateToUtcMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    // Date.UTC rolls 02-30 over into March; the round trip catches it.
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return ms;
  }
  throw new RangeError(`日付は YYYY-MM-DD の形式で指定してください: ${date}`);
}

function utcMsToDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** 'YYYY-MM-DD' `days` after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** The instant at which `time` ('HH:MM', '24:00' = next midnight) falls on `date` in Japan. */
export function jstInstant(date: string, time: string): Date {
  return new Date(dateToUtcMs(date) - JST_OFFSET_MS + minutesOf(time) * MINUTE_MS);
}

function minutesOf(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`時刻は HH:MM の形式で指定してください: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The Japan calendar date of an instant, 'YYYY-MM-DD'. */
export function jstDate(at: Date): string {
  return utcMsToDate(checkInstant(at) + JST_OFFSET_MS);
}

/** The Japan wall-clock time of an instant, 'HH:MM'. */
export function jstTime(at: Date): string {
  const d = new Date(checkInstant(at) + JST_OFFSET_MS);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/**
 * Name of the Japanese public holiday on a date, or null. Substitute holidays (振替休日) and citizens'
 * holidays (国民の休日) count: city offices close on them too. The data covers 1970–2050.
 */
export function holidayName(date: string): string | null {
  dateToUtcMs(date);
  const name = holidays[date]?.name;
  if (name === undefined) return null;
  // The data calls a 国民の休日 (a weekday between two holidays, e.g. 2026-09-22) just 「休日」, which
  // reads like "closed" on a calendar; give it its statutory name.
  return name === '休日' ? '国民の休日' : name;
}

/** Label of the first closure covering a date, or null. */
export function closureOn(date: string, closures: readonly ClosureInput[]): string | null {
  dateToUtcMs(date);
  const monthDay = date.slice(5);
  for (const c of closures) {
    if (c.kind === 'annual') {
      // A range whose start is after its end wraps the year end (12-29 … 01-03, seed 004 第2-6(1)).
      const covered =
        c.start <= c.end
          ? monthDay >= c.start && monthDay <= c.end
          : monthDay >= c.start || monthDay <= c.end;
      if (covered) return c.label;
    } else if (date >= c.start && date <= c.end) {
      return c.label;
    }
  }
  return null;
}

/** Which entry of WeeklyHours applies to a date: 'holiday' on a public holiday, else its weekday. */
export function dayKeyOf(date: string): DayKey {
  if (holidayName(date) !== null) return 'holiday';
  const key = weekdayKeys[new Date(dateToUtcMs(date)).getUTCDay()];
  if (key === undefined) throw new RangeError(`日付が正しくありません: ${date}`);
  return key;
}

/** One day of the calendar; `hours` is null when closed all day (closure or no hours that day). */
export function calendarDay(
  date: string,
  hours: WeeklyHours,
  closures: readonly ClosureInput[],
): CalendarDay {
  const dayKey = dayKeyOf(date);
  const closure = closureOn(date, closures);
  const dayHours = hours[dayKey];
  return {
    date,
    dayKey,
    holidayName: holidayName(date),
    closure,
    hours: closure === null && dayHours ? { opens: dayHours.opens, closes: dayHours.closes } : null,
  };
}

/** Every day from `from` to `to` inclusive, at most MAX_CALENDAR_DAYS days. */
export function calendarRange(
  from: string,
  to: string,
  hours: WeeklyHours,
  closures: readonly ClosureInput[],
): CalendarDay[] {
  const days = Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS) + 1;
  if (days < 1) throw new RangeError('終了日は開始日以降の日付を指定してください');
  if (days > MAX_CALENDAR_DAYS) {
    throw new RangeError(`期間は${MAX_CALENDAR_DAYS}日以内で指定してください`);
  }
  return Array.from({ length: days }, (_, i) => calendarDay(addDays(from, i), hours, closures));
}

/** Whether the centre (or a department) is open at an instant; opening time inclusive, closing exclusive. */
export function openStatus(at: Date, hours: WeeklyHours, closures: readonly ClosureInput[]): OpenStatus {
  const ms = checkInstant(at);
  const date = jstDate(at);
  const day = calendarDay(date, hours, closures);
  const base = { closure: day.closure, holidayName: day.holidayName };
  if (day.closure !== null) return { open: false, reason: 'closure', ...base, hours: null };
  if (day.hours === null) return { open: false, reason: 'closed_day', ...base, hours: null };
  // Hours are kept when outside them, so callers can be told 「受付時間は 8:30〜19:00 です」.
  const open = isWithin(ms, date, day.hours);
  return { open, reason: open ? 'open' : 'outside_hours', ...base, hours: day.hours };
}

function isWithin(ms: number, date: string, hours: Hours): boolean {
  return ms >= jstInstant(date, hours.opens).getTime() && ms < jstInstant(date, hours.closes).getTime();
}

/**
 * The earliest instant at or after `at` when the centre is open: `at` itself when open now, otherwise the
 * next opening time, so callers can be told when to call back. Null when closed for MAX_CALENDAR_DAYS.
 */
export function nextOpening(at: Date, hours: WeeklyHours, closures: readonly ClosureInput[]): Date | null {
  const ms = checkInstant(at);
  const today = jstDate(at);
  for (let i = 0; i <= MAX_CALENDAR_DAYS; i++) {
    const day = calendarDay(addDays(today, i), hours, closures);
    if (day.hours === null) continue;
    const opens = jstInstant(day.date, day.hours.opens);
    if (ms < opens.getTime()) return opens;
    if (isWithin(ms, day.date, day.hours)) return new Date(ms);
  }
  return null;
}

/** Iwaki general call centre: weekdays 8:30–19:00, weekends and holidays 8:30–17:00 (seed 004 第2-6(2)). */
export function defaultCenterHours(): WeeklyHours {
  const weekday = (): Hours => ({ opens: '08:30', closes: '19:00' });
  const weekend = (): Hours => ({ opens: '08:30', closes: '17:00' });
  return {
    mon: weekday(),
    tue: weekday(),
    wed: weekday(),
    thu: weekday(),
    fri: weekday(),
    sat: weekend(),
    sun: weekend(),
    holiday: weekend(),
  };
}

/** Open all year except 12/29–1/3 (seed 004 第2-6(1)). */
export function defaultClosures(): ClosureInput[] {
  return [{ kind: 'annual', label: '年末年始', start: '12-29', end: '01-03' }];
}

/**
 * A city office's usual hours (執務時間 8:30–17:15 on weekdays; closed on weekends and public holidays).
 * City offices are also closed 12/29–1/3: pair these hours with defaultClosures().
 */
export function defaultDepartmentHours(): WeeklyHours {
  const weekday = (): Hours => ({ opens: '08:30', closes: '17:15' });
  return {
    mon: weekday(),
    tue: weekday(),
    wed: weekday(),
    thu: weekday(),
    fri: weekday(),
    sat: null,
    sun: null,
    holiday: null,
  };
}

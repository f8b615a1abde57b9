// The weekly access ranking (seed 004 第2-8(1)ア(ｶ)) counts in Japan-time weeks starting on Monday, whatever
// the server's time zone.
import { addDays, jstDate } from '../centers/calendar.ts';

/** The Monday ('YYYY-MM-DD') of the week a date belongs to. */
export function weekStartOf(date: string): string {
  // addDays validates the date; getUTCDay of its midnight is its weekday (0 = Sunday).
  const weekday = new Date(`${addDays(date, 0)}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The Monday of the last complete Japan-time week before `now`. */
export function lastCompleteWeek(now: Date): string {
  return addDays(weekStartOf(jstDate(now)), -7);
}

import { addDays, todayJst } from '../../lib/format.ts';

const localParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** ISO datetime → `YYYY-MM-DDTHH:mm` in Japan time, the value of a datetime-local input. */
export function isoToJstLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p: Record<string, string> = {};
  for (const part of localParts.formatToParts(d)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A datetime-local value (Japan time) → ISO 8601 with `+09:00`; empty → null. */
export function jstLocalToIso(local: string): string | null {
  const value = local.trim();
  if (value === '') return null;
  return /T\d{2}:\d{2}$/.test(value) ? `${value}:00+09:00` : `${value}+09:00`;
}

/** Day of the week of a `YYYY-MM-DD` date, 0 = Sunday. */
function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The Monday starting the (JST) week of a date. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

export function thisMondayJst(): string {
  return mondayOf(todayJst());
}

/** The Monday of the last complete JST week: the ranking's default, as on the server. */
export function lastCompleteMondayJst(): string {
  return addDays(thisMondayJst(), -7);
}

export function isIsoDate(value: string | null): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Whether a FAQ was last checked more than a year ago (or never): the list's 要確認 mark. */
export function reviewOverdue(lastReviewedAt: string | null, now = Date.now()): boolean {
  if (!lastReviewedAt) return true;
  const t = new Date(lastReviewedAt).getTime();
  return Number.isNaN(t) || now - t > 365 * 24 * 60 * 60 * 1000;
}

import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '時刻は HH:MM の形式で入力してください');

/** Opening time span of one day; `null` in a week means closed that day. */
export const hoursSchema = z
  .object({ opens: hhmm, closes: hhmm })
  .refine((h) => h.opens < h.closes, { message: '終了時刻は開始時刻より後にしてください', path: ['closes'] });
export type Hours = z.infer<typeof hoursSchema>;

export const dayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'] as const;
export type DayKey = (typeof dayKeys)[number];
export const dayLabels: Record<DayKey, string> = {
  mon: '月曜日',
  tue: '火曜日',
  wed: '水曜日',
  thu: '木曜日',
  fri: '金曜日',
  sat: '土曜日',
  sun: '日曜日',
  holiday: '祝日',
};

/** Hours per weekday plus one entry for Japanese public holidays. */
export const weeklyHoursSchema = z.object({
  mon: hoursSchema.nullable(),
  tue: hoursSchema.nullable(),
  wed: hoursSchema.nullable(),
  thu: hoursSchema.nullable(),
  fri: hoursSchema.nullable(),
  sat: hoursSchema.nullable(),
  sun: hoursSchema.nullable(),
  holiday: hoursSchema.nullable(),
});
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '月日は MM-DD の形式で入力してください');
const isoDate = z.iso.date({ message: '日付は YYYY-MM-DD の形式で入力してください' });

/**
 * A closure: every year between two month-days (12-29 … 01-03 wraps the year end), or once between two dates.
 */
export const closureInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('annual'),
    label: z.string().trim().min(1).max(100),
    start: monthDay,
    end: monthDay,
  }),
  z
    .object({
      kind: z.literal('dated'),
      label: z.string().trim().min(1).max(100),
      start: isoDate,
      end: isoDate,
    })
    .refine((c) => c.start <= c.end, { message: '終了日は開始日以降にしてください', path: ['end'] }),
]);
export type ClosureInput = z.infer<typeof closureInputSchema>;
export const closureSchema = z.intersection(closureInputSchema, z.object({ id: z.uuid() }));
export type Closure = z.infer<typeof closureSchema>;

/** One day of a centre's calendar as the API returns it. */
export const calendarDaySchema = z.object({
  date: isoDate,
  dayKey: z.enum(dayKeys),
  holidayName: z.string().nullable(),
  closure: z.string().nullable(),
  hours: hoursSchema.nullable(),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

import { type DayKey, dayKeys, type Hours, type WeeklyHours } from '@madoguchi/contracts';

const TZ = 'Asia/Tokyo';

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function partsOf(date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of dateTimeParts.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** `2025/04/01 09:05:03` in Japan time; the input text as is when it is not a date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = partsOf(d);
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Today's date in Japan, `YYYY-MM-DD`. */
export function todayJst(now = new Date()): string {
  const p = partsOf(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `YYYY-MM-DD` plus n days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

/** Start of a Japanese calendar day as an ISO datetime with offset. */
export function startOfDayJst(date: string): string {
  return `${date}T00:00:00+09:00`;
}

const weekdayShort = ['日', '月', '火', '水', '木', '金', '土'];

/** `4月1日（火）` */
export function formatDateJa(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${m}月${d}日（${weekdayShort[w]}）`;
}

/** `MM-DD` → `12月29日` */
export function formatMonthDay(md: string): string {
  const [m, d] = md.split('-').map(Number);
  return `${m}月${d}日`;
}

/** `YYYY-MM-DD` → `2025年12月29日` */
export function formatDateLong(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function formatHours(hours: Pick<Hours, 'opens' | 'closes'> | null | undefined): string {
  return hours ? `${hours.opens}〜${hours.closes}` : '休業';
}

const dayShort: Record<DayKey, string> = {
  mon: '月',
  tue: '火',
  wed: '水',
  thu: '木',
  fri: '金',
  sat: '土',
  sun: '日',
  holiday: '祝日',
};

/** `月〜金 08:30〜17:15／土・日・祝日 休業`: consecutive days with the same hours grouped. */
export function summarizeWeek(week: WeeklyHours): string {
  const groups: { days: DayKey[]; text: string }[] = [];
  for (const key of dayKeys) {
    const text = formatHours(week[key]);
    const last = groups.at(-1);
    if (last && last.text === text) last.days.push(key);
    else groups.push({ days: [key], text });
  }
  return groups
    .map(({ days, text }) => {
      const weekdays = days.filter((d) => d !== 'holiday');
      const parts: string[] = [];
      if (weekdays.length >= 3)
        parts.push(`${dayShort[weekdays[0] as DayKey]}〜${dayShort[weekdays.at(-1) as DayKey]}`);
      else parts.push(...weekdays.map((d) => dayShort[d]));
      if (days.includes('holiday')) parts.push(dayShort.holiday);
      return `${parts.join('・')} ${text}`;
    })
    .join('／');
}

/** 「全120件中 21〜40件」: which rows of a paged list are on screen. */
export function formatShownRange(total: number, offset: number, shown: number): string {
  const from = shown > 0 ? offset + 1 : 0;
  return `全${total.toLocaleString('ja-JP')}件中 ${from}〜${offset + shown}件`;
}

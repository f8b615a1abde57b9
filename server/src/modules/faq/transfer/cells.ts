// How single values are written into and read from cells of an FAQ file. Pure; the rules are documented in
// docs/formats/faq-csv.md and each is tested both ways, since an unchanged export must re-import unchanged.

// A spreadsheet treats a cell starting with one of these as a formula (CSV injection), tab and CR included.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/**
 * Prefixes `'` to a cell that a spreadsheet would run as a formula. A cell that already starts with quotes
 * before such a character gets one more, so that `unneutralise` can always remove exactly one.
 */
export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Removes the one `'` that `neutralise` added; any other leading quote is content and stays. */
export function unneutralise(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/** Line breaks inside a cell as LF, whatever the spreadsheet wrote (CRLF or CR). */
export function normaliseNewlines(cell: string): string {
  return cell.replace(/\r\n?/g, '\n');
}

/** A list cell: one item per line, each trimmed, empty lines ignored. */
export function splitLines(cell: string): string[] {
  return cell
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** FAQ-IDs cannot contain spaces or commas, so a related-FAQ cell may also separate them that way. */
export function splitIds(cell: string): string[] {
  return cell.split(/[\s,、，]+/).filter(Boolean);
}

export const joinLines = (items: readonly string[]) => items.join('\n');

const PUBLISHED = new Map<string, boolean>([
  ['公開', true],
  ['1', true],
  ['true', true],
  ['非公開', false],
  ['0', false],
  ['false', false],
]);

/** 公開/非公開, 1/0, true/false (any case); null for anything else. */
export function parsePublished(cell: string): boolean | null {
  return PUBLISHED.get(cell.trim().toLowerCase()) ?? null;
}

export const formatPublished = (published: boolean) => (published ? '公開' : '非公開');

const DELETE_MARKS = new Map<string, boolean>([
  ['', false],
  ['0', false],
  ['1', true],
  ['削除', true],
]);

/** The 削除 cell: empty or 0 keeps the FAQ, 1 or 削除 deletes it; null for anything else. */
export function parseDeleteMark(cell: string): boolean | null {
  return DELETE_MARKS.get(cell.trim()) ?? null;
}

const JST_MS = 9 * 3_600_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as Japan time `YYYY-MM-DD HH:mm`, with `:ss` only when the seconds are not zero. */
export function formatJstDateTime(iso: string | null): string {
  if (!iso) return '';
  const t = new Date(new Date(iso).getTime() + JST_MS);
  const base = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
  return t.getUTCSeconds() ? `${base}:${pad(t.getUTCSeconds())}` : base;
}

/** An instant as the Japan-time date `YYYY-MM-DD`. */
export function formatJstDate(iso: string | null): string {
  if (!iso) return '';
  return formatJstDateTime(iso).slice(0, 10);
}

// Excel rewrites `2027-04-01 09:00` as `2027/4/1 9:00` when it saves a CSV: both forms are read.
const DATE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Japan time `YYYY-MM-DD HH:mm` (also `/` for `-`, one-digit month, day and hour, optional `:ss`, or a date
 * alone meaning 00:00) → ISO 8601 with +09:00. Empty → null; undefined when the text is not such a time.
 */
export function parseJstDateTime(cell: string): string | null | undefined {
  const text = cell.trim();
  if (!text) return null;
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [
    m[1],
    m[2],
    m[3],
    m[4] ?? '0',
    m[5] ?? '0',
    m[6] ?? '0',
  ].map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(utc);
  // Date.UTC rolls 2月30日 over into March: a date that does not exist is refused, not moved.
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return undefined;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}+09:00`;
}

/** `title|url` per line; the last `|` separates them, since a title may contain one and a URL may not. */
export function parseRelatedUrls(cell: string): { title: string; url: string }[] | { badLine: string } {
  const out: { title: string; url: string }[] = [];
  for (const line of splitLines(cell)) {
    const at = line.lastIndexOf('|');
    if (at < 0) return { badLine: line };
    out.push({ title: line.slice(0, at).trim(), url: line.slice(at + 1).trim() });
  }
  return out;
}

export const formatRelatedUrls = (urls: readonly { title: string; url: string }[]) =>
  joinLines(urls.map((u) => `${u.title}|${u.url}`));

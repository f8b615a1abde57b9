// Console views feed the weekly access ranking (seed 004 第2-8(1)ア(ｶ)): what staff actually look up. An editor
// reloading an FAQ after each save, or an operator going back and forth between search results and one FAQ,
// is one reading, not ten; counted each time, the ranking would show whoever edits most. The rule: one
// console view per staff member per FAQ per Japan-time day.
//
// The de-duplication keeps no personal data beyond the need: a salted hash of (centre, FAQ, staff member)
// per JST day, in this process's memory only, gone when the day is over (at most two days are kept) and
// bounded in size. Nothing is written for it. With several web processes a person may count once per process
// and day: a small upper bound rather than one count per reload, without a table of who read what.
import { createHash, randomBytes } from 'node:crypto';
import { jstDate } from '../centers/calendar.ts';

/** Remembers who has been counted today; `first` says whether a view is the first of its key today. */
export class DailyDedupe {
  readonly #salt = randomBytes(16);
  readonly #days = new Map<string, Set<string>>();
  readonly #maxKeys: number;
  readonly #maxDays: number;

  constructor(options: { maxKeys?: number; maxDays?: number } = {}) {
    this.#maxKeys = options.maxKeys ?? 100_000;
    this.#maxDays = options.maxDays ?? 2;
  }

  /** True the first time `parts` are seen on the Japan-time day of `at`, false after that. */
  first(parts: readonly string[], at: Date): boolean {
    const day = jstDate(at);
    const key = createHash('sha256').update(this.#salt).update(parts.join('\n')).digest('base64url');
    let seen = this.#days.get(day);
    if (!seen) {
      seen = new Set();
      this.#days.set(day, seen);
      // Oldest days first out (Map keeps insertion order); a clock moved back only costs a re-count.
      for (const old of this.#days.keys()) {
        if (this.#days.size <= this.#maxDays) break;
        this.#days.delete(old);
      }
    }
    if (seen.has(key)) return false;
    if (this.size >= this.#maxKeys) {
      // Full (far beyond a centre's staff × FAQs a day): forget other days, then today's, and count again.
      for (const [other, keys] of this.#days) if (other !== day) keys.clear();
      if (this.size >= this.#maxKeys) seen.clear();
    }
    seen.add(key);
    return true;
  }

  /** Keys held, all days together. */
  get size(): number {
    let n = 0;
    for (const keys of this.#days.values()) n += keys.size;
    return n;
  }
}

const consoleViews = new DailyDedupe();

/** Whether this console view of an FAQ counts: the first by this staff member today (Japan time). */
export function countsAsConsoleView(centerId: string, faqId: string, viewer: string, at: Date): boolean {
  return consoleViews.first([centerId, faqId, viewer], at);
}

// Readings of the words the FAQs use, so that an all-kana query can be read back into those words
// (こくほのぜいきん → 国保, 税金) the way an IME would, but limited to the vocabulary of this index.

const MAX_TERMS_PER_READING = 6;
const MAX_READING_LENGTH = 12;

/** Folded katakana reading → content words (folded base forms) that are read so. */
export class ReadingLexicon {
  private readonly map = new Map<string, string[]>();

  add(reading: string, term: string): void {
    if (reading.length < 2 || reading.length > MAX_READING_LENGTH) return;
    const list = this.map.get(reading);
    if (!list) this.map.set(reading, [term]);
    else if (list.length < MAX_TERMS_PER_READING && !list.includes(term)) list.push(term);
  }

  /**
   * Splits a katakana string into known readings, covering as many characters as possible with as few
   * words as possible (particles and unknown stretches are skipped); returns the words of each piece.
   */
  segment(katakana: string): string[][] {
    const n = katakana.length;
    // best[i]: [characters covered, pieces used] for katakana[i:], and the choice made there.
    const covered = new Int32Array(n + 1);
    const pieces = new Int32Array(n + 1);
    const step = new Int32Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      covered[i] = covered[i + 1]!;
      pieces[i] = pieces[i + 1]!;
      step[i] = 0;
      for (let len = 2; len <= Math.min(MAX_READING_LENGTH, n - i); len++) {
        if (!this.map.has(katakana.slice(i, i + len))) continue;
        const c = covered[i + len]! + len;
        const p = pieces[i + len]! + 1;
        if (c > covered[i]! || (c === covered[i]! && p < pieces[i]!)) {
          covered[i] = c;
          pieces[i] = p;
          step[i] = len;
        }
      }
    }
    const out: string[][] = [];
    for (let i = 0; i < n; ) {
      const len = step[i]!;
      if (len === 0) {
        i++;
        continue;
      }
      out.push(this.map.get(katakana.slice(i, i + len))!);
      i += len;
    }
    return out;
  }
}

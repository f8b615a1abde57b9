// Text normalisation shared by indexing, querying, suggestions and highlighting. Two levels:
// `normalize` keeps the script (kuromoji needs to see hiragana as hiragana), `foldKana` is the matching
// key (one script, no small-kana or ヴ/ヂ/ヅ distinction, no trailing long-vowel mark on loanwords).

const HYPHENS = /[-‐‑‒–—―−─━]/g;
const TILDES = /[〜～~]/g;
const SPACES = /\s+/gu;
const ITERATION = /[ゝゞヽヾ]/;

/** NFKC, lower case, one long-vowel mark, one tilde, expanded kana iteration marks, single spaces. */
export function normalize(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  // A hyphen typed inside katakana is a long-vowel mark (サ-ビス); elsewhere it stays a hyphen.
  s = s.replace(HYPHENS, (m, offset: number) =>
    isKana(s.charCodeAt(offset - 1)) ? 'ー' : m === '-' ? m : '-',
  );
  s = s.replace(TILDES, '~');
  if (ITERATION.test(s)) s = expandIterationMarks(s);
  return s.replace(SPACES, ' ').trim();
}

// Characters NFKC leaves alone and `normalize` does not touch (kana, common kanji, lower-case ASCII, 、。「」・).
const PLAIN_RUN = /[\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fffa-z0-9\u3001\u3002\u300c-\u3011\u30fb]+/y;

/** `normalize` that also reports, for each output character, the index of the input character it came from. */
export function normalizeWithOffsets(text: string): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  let i = 0;
  while (i < text.length) {
    PLAIN_RUN.lastIndex = i;
    const run = PLAIN_RUN.exec(text);
    if (run) {
      const piece = run[0];
      // A plain run is copied as it is, except a following combining mark belongs to its last character.
      const end = i + piece.length;
      const keep = end < text.length && isCombining(text.charCodeAt(end)) ? piece.length - 1 : piece.length;
      if (keep > 0) {
        out += piece.slice(0, keep);
        for (let k = 0; k < keep; k++) offsets.push(i + k);
        i += keep;
        continue;
      }
    }
    const cp = text.codePointAt(i)!;
    let end = i + (cp > 0xffff ? 2 : 1);
    // Half-width voiced marks and combining marks belong to the character before them.
    while (end < text.length && isCombining(text.charCodeAt(end))) end++;
    const piece = normalizeChar(text.slice(i, end), out);
    for (let k = 0; k < piece.length; k++) offsets.push(i);
    out += piece;
    i = end;
  }
  // Collapse runs of spaces the way `normalize` does, keeping offsets aligned.
  if (!/(^ | {2}| $)/.test(out)) return { text: out, offsets };
  let collapsed = '';
  const collapsedOffsets: number[] = [];
  for (let k = 0; k < out.length; k++) {
    const ch = out[k]!;
    if (ch === ' ' && (collapsed.length === 0 || collapsed.endsWith(' '))) continue;
    collapsed += ch;
    collapsedOffsets.push(offsets[k]!);
  }
  if (collapsed.endsWith(' ')) {
    collapsed = collapsed.slice(0, -1);
    collapsedOffsets.pop();
  }
  return { text: collapsed, offsets: collapsedOffsets };
}

function normalizeChar(chunk: string, before: string): string {
  // Fast path: kana, common kanji and lower-case ASCII are already in normal form.
  if (chunk.length === 1) {
    const c = chunk.charCodeAt(0);
    if (
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x3041 && c <= 0x3096) ||
      (c >= 0x30a1 && c <= 0x30fa) ||
      c === 0x30fc ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      c === 0x3001 ||
      c === 0x3002
    ) {
      return chunk;
    }
  }
  let s = chunk.normalize('NFKC').toLowerCase();
  if (/\s/u.test(s)) return ' ';
  if (HYPHENS.test(s)) {
    HYPHENS.lastIndex = 0;
    return isKana(before.charCodeAt(before.length - 1)) ? 'ー' : '-';
  }
  if (TILDES.test(s)) {
    TILDES.lastIndex = 0;
    return '~';
  }
  if (ITERATION.test(s)) s = expandIterationMarks(before.slice(-1) + s).slice(1);
  return s;
}

function isCombining(code: number): boolean {
  return code === 0xff9e || code === 0xff9f || code === 0x3099 || code === 0x309a;
}

function expandIterationMarks(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === 'ゝ' || ch === 'ヽ' || ch === 'ゞ' || ch === 'ヾ') {
      const prev = out.at(-1) ?? '';
      const voiced = ch === 'ゞ' || ch === 'ヾ';
      out += voiced ? `${prev}\u3099`.normalize('NFC').slice(-1) : prev.normalize('NFD').charAt(0);
    } else out += ch;
  }
  return out;
}

function isKana(code: number): boolean {
  return (code >= 0x3041 && code <= 0x309f) || (code >= 0x30a1 && code <= 0x30ff);
}

const SMALL_TO_LARGE: Record<string, string> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ッ: 'ツ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'カ',
  ヂ: 'ジ',
  ヅ: 'ズ',
  ヰ: 'イ',
  ヱ: 'エ',
  ヲ: 'オ',
};
const VU: Record<string, string> = { ァ: 'バ', ィ: 'ビ', ェ: 'ベ', ォ: 'ボ', ゥ: 'ブ' };
// Loanwords are written with and without the final ー (コンピューター/コンピュータ, サーバー/サーバ).
const TRAILING_LONG_VOWEL = /([ァ-ヺ][ァ-ヺー]+[ァ-ヺ])ー(?![ァ-ヺー])/g;

const SMALL = /[ァィゥェォッャュョヮヵヶヂヅヰヱヲ]/g;
const VU_PAIR = /ヴ([ァィェォゥ]?)/g;
const HIRAGANA = /[\u3041-\u3096]/g;

/** The matching key of normalised text: katakana only, small kana as large, ヴ as バ行, no trailing ー on long loanwords. */
export function foldKana(normalized: string): string {
  return toKatakana(normalized.replace(TRAILING_LONG_VOWEL, '$1'))
    .replace(VU_PAIR, (_, small: string) => (small ? VU[small]! : 'ブ'))
    .replace(SMALL, (ch) => SMALL_TO_LARGE[ch]!);
}

/** Hiragana → katakana, nothing else (ゔ, ゕ and ゖ included). */
export function toKatakana(s: string): string {
  HIRAGANA.lastIndex = 0;
  if (!HIRAGANA.test(s)) return s;
  // A code-unit loop: a replace() callback per character is several times slower on long answers.
  const codes = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    codes[i] = c >= 0x3041 && c <= 0x3096 ? c + 0x60 : c;
  }
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

/** True when the text, ignoring spaces and punctuation, is hiragana/katakana only (and not empty). */
export function isKanaOnly(normalized: string): boolean {
  let seen = false;
  for (const ch of normalized) {
    const code = ch.charCodeAt(0);
    if (isKana(code)) seen = true;
    else if (isWordChar(ch)) return false;
  }
  return seen;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Letters (any script), digits, kana and the long-vowel mark: what counts as part of a word. */
export function isWordChar(ch: string): boolean {
  return ch === 'ー' || ch === '々' || WORD_CHAR.test(ch);
}

/** True for ASCII letters and digits: such runs are matched as whole words, not bigrams. */
export function isAsciiWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
}

/** Like `foldKana` but one output character per input character (for locating matches in displayed text). */
export function foldChars(normalized: string): string {
  return toKatakana(normalized)
    .replace(/ヴ/g, 'ブ')
    .replace(SMALL, (ch) => SMALL_TO_LARGE[ch]!);
}

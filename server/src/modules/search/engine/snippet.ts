import { foldChars, normalizeWithOffsets } from './normalize.ts';

const MAX_SCANNED = 4000;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The part of `text` (plain text) where the most distinct highlight terms occur, HTML-escaped, with each
 * occurrence wrapped in <mark>. Terms are folded (`foldKana`) strings; matching ignores width, case and kana.
 */
export function makeSnippet(fullText: string, terms: readonly string[], maxLength = 120): string {
  return snippetsFor(terms, maxLength)(fullText);
}

/** `makeSnippet` for many texts and the same terms (one query's hits): the terms are folded once. */
export function snippetsFor(terms: readonly string[], maxLength = 120): (fullText: string) => string {
  const uniqueTerms = [...new Set(terms.map((t) => foldChars(t)).filter((t) => t.length > 0))];
  return (fullText) => snippet(fullText, uniqueTerms, maxLength);
}

function snippet(fullText: string, uniqueTerms: readonly string[], maxLength: number): string {
  // The first few thousand characters are where a snippet is worth taking from; long answers stop there.
  const text = fullText.length > MAX_SCANNED ? fullText.slice(0, MAX_SCANNED) : fullText;
  const { text: normalized, offsets } = normalizeWithOffsets(text);
  const folded = foldChars(normalized);
  const spans: { start: number; end: number; term: number }[] = [];
  uniqueTerms.forEach((term, index) => {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(term, from);
      if (at < 0) break;
      spans.push({ start: at, end: at + term.length, term: index });
      from = at + 1;
    }
  });
  // Longest match first wins where matches overlap (住民票 over 住民).
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const marks: { start: number; end: number; term: number }[] = [];
  for (const s of spans) {
    const last = marks.at(-1);
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
      continue;
    }
    marks.push({ ...s });
  }

  // Window over original characters: the start that covers the most distinct terms. Marks do not
  // overlap, so as the window's start moves right its end can only move right too (two pointers).
  const toOriginal = (i: number) => (i < offsets.length ? offsets[i]! : text.length);
  let bestStart = 0;
  let bestScore = -1;
  const inWindow = new Int32Array(uniqueTerms.length);
  let distinct = 0;
  let j = 0;
  for (let i = 0; i < marks.length; i++) {
    const windowStart = toOriginal(marks[i]!.start);
    while (j < marks.length && toOriginal(marks[j]!.end) - windowStart <= maxLength) {
      if (inWindow[marks[j]!.term]!++ === 0) distinct++;
      j++;
    }
    if (distinct > bestScore) {
      bestScore = distinct;
      bestStart = windowStart;
    }
    if (j > i) {
      if (--inWindow[marks[i]!.term]! === 0) distinct--;
    } else j = i + 1;
  }
  // Start a little before the first match, at a sentence start when one is near.
  let start = Math.max(0, bestStart - 20);
  const sentence = text.lastIndexOf('。', bestStart - 1);
  if (sentence >= start) start = sentence + 1;
  if (bestScore <= 0) start = 0;
  const end = Math.min(text.length, start + maxLength);

  let out = start > 0 ? '…' : '';
  let cursor = start;
  for (const m of marks) {
    const s = toOriginal(m.start);
    const e = toOriginal(m.end);
    if (s < start || e > end) continue;
    out += escapeHtml(text.slice(cursor, s));
    out += `<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    cursor = e;
  }
  out += escapeHtml(text.slice(cursor, end));
  if (end < fullText.length) out += '…';
  return out.replace(/\s+/g, ' ').trim();
}

import { type Analyzer, stripKanaEndings, type Token } from './analyzer.ts';
import { foldKana, isAsciiWordChar, isKanaOnly, isWordChar, normalize, toKatakana } from './normalize.ts';
import type { ReadingLexicon } from './reading-lexicon.ts';
import type { Expansion, SynonymSet } from './synonyms.ts';

/** What one document field contributes to the index. */
export interface FieldAnalysis {
  /** Content words (folded base forms), repeated as often as they occur. */
  words: string[];
  /** Character bigrams of the folded text (ASCII words whole). */
  bigrams: string[];
  /** Bigrams of the katakana reading. */
  readings: string[];
  /** Noun compounds (住民票, 国民健康保険) for "did you mean". */
  compounds: Compound[];
  tokens: Token[];
}

/** A run of nouns as written, with its matching key and reading. */
export interface Compound {
  surface: string;
  key: string;
  reading: string;
  start: number;
}

/** Analyses one field of a document. */
export function analyzeField(analyzer: Analyzer, text: string, withReadings: boolean): FieldAnalysis {
  const normalized = normalize(text);
  const tokens = analyzer.tokenize(normalized);
  const words: string[] = [];
  for (const t of tokens) if (t.content) words.push(t.term);
  const bigrams = bigramsOf(foldKana(normalized));
  const readings = withReadings ? readingBigrams(tokens) : [];
  return { words, bigrams, readings, compounds: compoundsOf(tokens), tokens };
}

/** Bigrams of folded text: runs of word characters, split where the script changes to or from ASCII. */
export function bigramsOf(folded: string, out: string[] = []): string[] {
  let run = '';
  let ascii = false;
  const flush = () => {
    if (ascii) {
      if (run.length > 0) out.push(run);
    } else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    run = '';
  };
  for (const ch of folded) {
    if (!isWordChar(ch)) {
      flush();
      continue;
    }
    const isAscii = isAsciiWordChar(ch.charCodeAt(0));
    if (run.length > 0 && isAscii !== ascii) flush();
    ascii = isAscii;
    run += ch;
  }
  flush();
  return out;
}

function readingBigrams(tokens: Token[]): string[] {
  const out: string[] = [];
  let run = '';
  let end = -1;
  for (const t of tokens) {
    // Symbols and spaces end a run so that readings do not pair across sentences.
    if (t.start !== end || !isWordChar(t.surface[0] ?? ' ')) {
      bigramsOf(run, out);
      run = '';
    }
    if (isWordChar(t.surface[0] ?? ' ')) run += t.reading;
    end = t.start + t.surface.length;
  }
  bigramsOf(run, out);
  return out;
}

function compoundsOf(tokens: Token[]): Compound[] {
  const out: Compound[] = [];
  let run: Token[] = [];
  const flush = () => {
    const surface = run.map((t) => t.surface).join('');
    if (run.length > 0 && run.some((t) => t.content) && [...surface].length >= 2) {
      out.push({
        surface,
        key: foldKana(surface),
        reading: run.map((t) => t.reading).join(''),
        start: run[0]!.start,
      });
    }
    run = [];
  };
  let end = -1;
  for (const t of tokens) {
    if (!t.nominal || t.start !== end) flush();
    if (t.nominal) run.push(t);
    end = t.start + t.surface.length;
  }
  flush();
  return out;
}

/** A weighted query term for one kind of channel. */
export interface QueryTerm {
  kind: 'word' | 'bigram' | 'reading';
  term: string;
  weight: number;
}

/** A query taken apart: its terms (with synonym expansions) and what highlighting and "did you mean" need. */
export interface QueryAnalysis {
  normalized: string;
  kanaOnly: boolean;
  terms: QueryTerm[];
  /** Folded strings to mark in snippets. */
  highlights: string[];
  compounds: Compound[];
}

/** Tunable parts of query analysis. */
export interface QueryAnalysisOptions {
  /** Expand with synonyms at all. */
  synonyms: boolean;
  /** At most this many expansions per matched trigger. */
  maxExpansions: number;
  /** Reads all-kana queries back into the index's words. */
  lexicon?: ReadingLexicon;
  /** Weight of the words so read (they may be homophones of what was meant). */
  kanaWordWeight?: number;
}

const defaultQueryOptions: QueryAnalysisOptions = { synonyms: true, maxExpansions: 6 };

/** Analyses a query (also used for evidence: past inquiries are worded like queries). */
export function analyzeQuery(
  analyzer: Analyzer,
  synonyms: SynonymSet | null,
  query: string,
  options: QueryAnalysisOptions = defaultQueryOptions,
): QueryAnalysis {
  const normalized = normalize(query).slice(0, 400);
  const kanaOnly = isKanaOnly(normalized);
  const tokens = analyzer.tokenize(normalized);
  const acc = new TermAccumulator();
  const highlights = new Set<string>();

  for (const t of tokens) {
    if (!t.content) continue;
    acc.add('word', t.term, 1);
    highlights.add(foldKana(t.surface));
    const stem = stemOf(t);
    if (stem) highlights.add(stem);
  }
  if (kanaOnly) {
    // Kuromoji splits all-hiragana input badly: match the whole kana string as written and as a reading.
    const folded = foldKana(toKatakana(stripKanaEndings(normalized)));
    for (const b of bigramsOf(folded)) {
      acc.add('bigram', b, 1);
      acc.add('reading', b, 1);
    }
    for (const part of folded.split(/[^\p{L}\p{N}ー]+/u)) if (part.length >= 2) highlights.add(part);
    if (options.lexicon) {
      for (const terms of options.lexicon.segment(folded.replace(/[^\p{L}\p{N}ー]+/gu, ''))) {
        for (const term of terms) {
          acc.add('word', term, (options.kanaWordWeight ?? 0.8) / Math.sqrt(terms.length));
          highlights.add(term);
        }
      }
    }
  } else {
    for (const segment of segmentsOf(tokens)) {
      for (const b of bigramsOf(foldKana(segment.map((t) => t.surface).join('')))) acc.add('bigram', b, 1);
      for (const b of bigramsOf(segment.map((t) => t.reading).join(''))) acc.add('reading', b, 1);
      if (segment.length > 1) highlights.add(foldKana(segment.map((t) => t.surface).join('')));
    }
  }

  if (synonyms && options.synonyms) {
    const spoken = kanaOnly ? spokenReadingsOf(analyzer, synonyms, options.kanaWordWeight ?? 0.8) : null;
    for (const match of findTriggers(synonyms, tokens, normalized, kanaOnly, spoken)) {
      let n = 0;
      for (const expansion of match) {
        if (n++ >= options.maxExpansions) break;
        for (const term of expansionTerms(analyzer, expansion.text))
          acc.add(term.kind, term.term, expansion.weight);
        highlights.add(foldKana(expansion.text));
      }
    }
  }

  return {
    normalized,
    kanaOnly,
    terms: acc.list(),
    highlights: [...highlights].filter((h) => h.length >= 2 || /\p{Script=Han}/u.test(h)),
    compounds: [...compoundsOf(tokens), ...kanjiRunsOf(tokens)],
  };
}

// Runs of kanji as written: a typo can make kuromoji read a compound as a verb (戸籍騰本 → 騰る), but the
// run of kanji is still the unit the citizen meant.
function kanjiRunsOf(tokens: Token[]): Compound[] {
  const out: Compound[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length > 1) {
      const surface = run.map((t) => t.surface).join('');
      out.push({
        surface,
        key: foldKana(surface),
        reading: run.map((t) => t.reading).join(''),
        start: run[0]!.start,
      });
    }
    run = [];
  };
  let end = -1;
  for (const t of tokens) {
    const kanji = /^\p{Script=Han}+$/u.test(t.surface);
    if (!kanji || t.start !== end) flush();
    if (kanji) run.push(t);
    end = t.start + t.surface.length;
  }
  flush();
  return out;
}

// Verb and adjective stems for highlighting: 申し込む → 申し込, 届け出る → 届け出.
function stemOf(t: Token): string | null {
  if (!t.pos.startsWith('動詞') && !t.pos.startsWith('形容詞')) return null;
  const stem = foldKana(t.surface).replace(/[ァ-ヺ]+$/u, '');
  return stem.length > 0 && stem !== t.term ? stem : null;
}

// Runs of adjacent tokens that carry meaning; a noun suffix stays with the noun before it (保育+所).
function segmentsOf(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let run: Token[] = [];
  let end = -1;
  for (const t of tokens) {
    const keep = t.content || (t.nominal && run.length > 0 && t.pos === '名詞-接尾');
    if (!keep || t.start !== end) {
      if (run.length > 0) out.push(run);
      run = [];
    }
    if (keep) run.push(t);
    end = t.start + t.surface.length;
  }
  if (run.length > 0) out.push(run);
  return out;
}

const MAX_SPAN_TOKENS = 6;

type Expansions = readonly Expansion[];

/** Readings of the curated terms → what each reading stands for; `longest` bounds the look-up. */
interface SpokenReadings {
  map: Map<string, Expansions>;
  longest: number;
}

// The curated terms (the municipal list, the centre's own groups) are what citizens say, and an all-kana
// query names them by sound: こくほ is 国保, whose group says 国民健康保険. Their readings (three kana or more:
// shorter ones are too often other words) map to the term itself, as if typed, and the term's synonyms.
// Built once per synonym content (a centre's edit makes a new `spoken` list) from kuromoji's readings.
const spokenCache = new WeakMap<readonly string[], SpokenReadings>();
const KATAKANA_READING = /^[ァ-ヺー]{3,}$/u;

function spokenReadingsOf(
  analyzer: Analyzer,
  synonyms: SynonymSet,
  termWeight: number,
): SpokenReadings | null {
  const spoken = synonyms.spoken;
  if (!spoken || spoken.length === 0) return null;
  const cached = spokenCache.get(spoken);
  if (cached) return cached;
  const built = new Map<string, Expansion[]>();
  for (const term of spoken) {
    // Terms written in kana are matched as written already.
    if (isKanaOnly(term)) continue;
    const reading = foldKana(
      analyzer
        .tokenize(term)
        .map((t) => t.reading)
        .join(''),
    );
    if (!KATAKANA_READING.test(reading)) continue;
    const list = built.get(reading) ?? [];
    list.push({ text: term, weight: termWeight });
    built.set(reading, list);
  }
  const map = new Map<string, Expansions>();
  let longest = 0;
  for (const [reading, terms] of built) {
    longest = Math.max(longest, reading.length);
    // Homophones (二つの語が同じ読み) each stand for themselves, ahead of any synonym.
    const expansions = [...terms];
    for (const t of terms) expansions.push(...(synonyms.get(foldKana(t.text)) ?? []));
    map.set(reading, expansions);
  }
  const readings = { map, longest };
  spokenCache.set(spoken, readings);
  return readings;
}

// Triggers are matched on token boundaries (国保 in 国保に入りたい, not 税 inside 住民税), longest first;
// kana-only queries, which kuromoji splits badly, are matched on substrings of three characters or more,
// as written or as the reading of a curated term.
function findTriggers(
  synonyms: SynonymSet,
  tokens: Token[],
  normalized: string,
  kanaOnly: boolean,
  spoken: SpokenReadings | null,
): Expansions[] {
  const found: Expansions[] = [];
  if (kanaOnly) {
    const folded = foldKana(toKatakana(normalized));
    const longest = Math.max(synonyms.maxKeyLength, spoken?.longest ?? 0);
    let i = 0;
    while (i < folded.length) {
      let matched = 0;
      for (let len = Math.min(longest, folded.length - i); len >= 3; len--) {
        const piece = folded.slice(i, i + len);
        const hit = synonyms.get(piece) ?? spoken?.map.get(piece);
        if (hit) {
          found.push(hit);
          matched = len;
          break;
        }
      }
      i += matched || 1;
    }
    return found;
  }
  const folded = tokens.map((t) => foldKana(t.surface));
  const meaningful = tokens.map((t) => t.content || t.nominal);
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    if (meaningful[i] || meaningful[i + 1]) {
      // Spans grow from token i; the longest that is a trigger wins.
      let span = '';
      let best: { hit: Expansions; length: number } | null = null;
      for (let j = i; j < Math.min(tokens.length, i + MAX_SPAN_TOKENS); j++) {
        span += folded[j];
        if (span.length > synonyms.maxKeyLength) break;
        const hit = synonyms.get(span);
        if (hit && (j > i || meaningful[i])) best = { hit, length: j - i + 1 };
      }
      // A single inflected word is looked up by its dictionary form too (引っ越し → 引っ越す).
      if (!best && meaningful[i]) {
        const hit = synonyms.get(tokens[i]!.term);
        if (hit) best = { hit, length: 1 };
      }
      if (best) {
        found.push(best.hit);
        matched = best.length;
      }
    }
    i += matched || 1;
  }
  return found;
}

const expansionCache = new WeakMap<Analyzer, Map<string, QueryTerm[]>>();

function expansionTerms(analyzer: Analyzer, text: string): QueryTerm[] {
  let cache = expansionCache.get(analyzer);
  if (!cache) {
    cache = new Map();
    expansionCache.set(analyzer, cache);
  }
  let terms = cache.get(text);
  if (!terms) {
    const tokens = analyzer.tokenize(text);
    const acc = new TermAccumulator();
    for (const t of tokens) if (t.content) acc.add('word', t.term, 1);
    for (const segment of segmentsOf(tokens)) {
      for (const b of bigramsOf(foldKana(segment.map((t) => t.surface).join('')))) acc.add('bigram', b, 1);
      for (const b of bigramsOf(segment.map((t) => t.reading).join(''))) acc.add('reading', b, 1);
    }
    terms = acc.list();
    if (cache.size > 50_000) cache.clear();
    cache.set(text, terms);
  }
  return terms;
}

class TermAccumulator {
  private readonly map = new Map<string, QueryTerm>();
  add(kind: QueryTerm['kind'], term: string, weight: number): void {
    const key = `${kind}\u0000${term}`;
    const existing = this.map.get(key);
    if (existing) existing.weight = Math.max(existing.weight, weight);
    else this.map.set(key, { kind, term, weight });
  }
  list(): QueryTerm[] {
    return [...this.map.values()];
  }
}

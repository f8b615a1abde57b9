import { analyzeField, analyzeQuery, bigramsOf, type QueryAnalysis } from './analysis.ts';
import { type Analyzer, stripKanaEndings } from './analyzer.ts';
import { EvidenceIndex } from './evidence-index.ts';
import { foldKana, isKanaOnly, normalize, toKatakana } from './normalize.ts';
import { PrefixIndex } from './prefix-index.ts';
import { ReadingLexicon } from './reading-lexicon.ts';
import { snippetsFor } from './snippet.ts';
import type { SynonymSet } from './synonyms.ts';
import {
  BOUND_SLACK,
  type EvidenceInput,
  type Ranked,
  type ScoringUnit,
  TopKScorer,
  topKExhaustive,
} from './top-k.ts';
import { type VisibilityFacts, VisibilityMasks } from './visibility.ts';
import { Vocabulary } from './vocabulary.ts';

/** One FAQ as the search index sees it (the answer as plain text, HTML already removed). */
export interface SearchDocument {
  /** The FAQ's row id (uuid). */
  id: string;
  /** The human FAQ-ID (IWK-0123). */
  faqId: string;
  question: string;
  answer: string;
  altPhrasings: readonly string[];
  keywords: readonly string[];
  categoryIds: readonly string[];
  departmentId: string | null;
  published: boolean;
  publishStart: Date | null;
  publishEnd: Date | null;
  /** Past inquiry wordings an operator linked to this FAQ (learning from use); already free of personal data. */
  evidence?: readonly string[];
}

/** Filters and switches for one search. */
export interface SearchOptions {
  /** Default 20. */
  limit?: number;
  categoryId?: string;
  departmentId?: string;
  /** Only FAQs visible to the public at this moment (published, start ≤ t < end). */
  publishedAt?: Date;
  /** Rank with past inquiry wordings (default true; a centre may switch it off). */
  useEvidence?: boolean;
  /** Expand the query with synonyms (default true). */
  useSynonyms?: boolean;
}

/** One result: the FAQ, its score and an HTML snippet of the answer (escaped, matches in <mark>). */
export interface SearchHit {
  id: string;
  faqId: string;
  question: string;
  score: number;
  snippet: string;
}

/** Results of one search and, for a near miss, a corrected query. */
export interface SearchResponse {
  hits: SearchHit[];
  didYouMean: string | null;
}

/** One suggestion while typing: an FAQ question or a frequent query. */
export interface SuggestionItem {
  kind: 'faq' | 'query';
  text: string;
  faqId: string | null;
}

/** Options for suggestions. */
export interface SuggestOptions {
  /** Default 8. */
  limit?: number;
  publishedAt?: Date;
}

/** An in-memory FAQ index for one centre. */
export interface SearchIndex {
  /** Adds or replaces a document; visible to the next search. */
  upsert(doc: SearchDocument): void;
  /** Removes a document by id; unknown ids are ignored. */
  remove(id: string): void;
  search(query: string, options?: SearchOptions): SearchResponse;
  suggest(prefix: string, options?: SuggestOptions): SuggestionItem[];
  /** Replaces the frequent queries offered as suggestions (e.g. the last 90 days' top queries). */
  setFrequentQueries(queries: readonly { text: string; count: number }[]): void;
  /** Number of documents. */
  readonly size: number;
}

/** BM25 parameters of one channel (a field seen through one kind of term) and its weight in the sum. */
export interface ChannelParams {
  weight: number;
  k1: number;
  b: number;
}

/** How past inquiry wordings (evidence) count: see evidence-index.ts. */
export interface EvidenceParams {
  /** Added score = weight × similarity^power × the best text score of the query. */
  weight: number;
  power: number;
  /** Bigrams count this much next to words in the similarity. */
  bigramWeight: number;
}

/** All ranking parameters; `defaultRankingParams` holds the tuned values. */
export interface RankingParams {
  channels: Record<ChannelName, ChannelParams>;
  evidence: EvidenceParams;
  /** At most this many synonyms per matched term (the strongest first). */
  maxExpansions: number;
  /** Weight of words read back from an all-kana query (see reading-lexicon.ts). */
  kanaWordWeight: number;
  /** Hits scoring below this share of the best hit are dropped. */
  minScoreRatio: number;
  /** Bigram and reading terms in more than this share of documents are skipped (they say little, cost much). */
  maxBigramDocShare: number;
  /** So are words in more than this share, when the query has rarer words to rank by. */
  maxWordDocShare: number;
}

const CHANNELS = ['question', 'altPhrasings', 'keywords', 'answer', 'headBigrams', 'headReadings'] as const;

/**
 * The scored channels: word channels per field, bigram and reading channels over question+phrasings+keywords.
 * (A question+answer channel, which helped on other data, added nothing here once the answer weighed 0.8.)
 */
export type ChannelName = (typeof CHANNELS)[number];

const KIND_OF: Record<ChannelName, 'word' | 'bigram' | 'reading'> = {
  question: 'word',
  altPhrasings: 'word',
  keywords: 'word',
  answer: 'word',
  headBigrams: 'bigram',
  headReadings: 'reading',
};

/**
 * Tuned on the odd-numbered queries of bench/search-eval (bench/search/tune.ts), within limits the product
 * sets: the question weighs most, phrasings count, the answer less. Finer tuning gained < 0.01 nDCG@10.
 */
export const defaultRankingParams: RankingParams = {
  channels: {
    question: { weight: 1.0, k1: 0.3, b: 0.5 },
    altPhrasings: { weight: 0.3, k1: 0.6, b: 0.3 },
    keywords: { weight: 0.3, k1: 2, b: 0 },
    answer: { weight: 0.8, k1: 1.2, b: 0.75 },
    headBigrams: { weight: 0.3, k1: 0.8, b: 0.5 },
    headReadings: { weight: 0.6, k1: 0.8, b: 0.5 },
  },
  evidence: { weight: 1, power: 3, bigramWeight: 0.5 },
  maxExpansions: 3,
  kanaWordWeight: 1,
  minScoreRatio: 0.05,
  maxBigramDocShare: 0.3,
  maxWordDocShare: 0.05,
};

// Field lengths above this count as this (BM25's length norm hardly changes there).
const MAX_FIELD_LENGTH = 65_535;

class Postings {
  docs = new Int32Array(4);
  tfs = new Uint16Array(4);
  /** The document's field length, next to each posting: scoring reads it in order instead of looking it up. */
  lens = new Uint16Array(4);
  length = 0;
  /** The largest tf and the shortest field in the list: with them BM25 bounds what any posting adds. */
  maxTf = 0;
  minLength = Number.POSITIVE_INFINITY;
  /** One more occurrence of the term in `doc` (documents come in ascending order). */
  count(doc: number, fieldLength: number): void {
    const last = this.length - 1;
    if (last >= 0 && this.docs[last] === doc) {
      const tf = Math.min(this.tfs[last]! + 1, 65535);
      this.tfs[last] = tf;
      if (tf > this.maxTf) this.maxTf = tf;
      return;
    }
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Uint16Array(this.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
      const lens = new Uint16Array(this.length * 2);
      lens.set(this.lens);
      this.lens = lens;
    }
    this.docs[this.length] = doc;
    this.tfs[this.length] = 1;
    this.lens[this.length] = Math.min(fieldLength, MAX_FIELD_LENGTH);
    this.length++;
    if (this.maxTf < 1) this.maxTf = 1;
    if (fieldLength < this.minLength) this.minLength = fieldLength;
  }
}

class Channel {
  readonly postings = new Map<string, Postings>();
  lengths = new Float32Array(1024);
  lengthSum = 0;
  /** Live documents with a non-empty field (the BM25 average is over these). */
  present = 0;
  /** The longest field seen (capped), so that a norm table covers every posting. */
  maxLength = 0;
  private norm: { k1: number; b: number; avg: number; table: Float64Array } | null = null;
  readonly name: ChannelName;
  constructor(name: ChannelName) {
    this.name = name;
  }

  add(doc: number, terms: readonly string[]): void {
    if (doc >= this.lengths.length) {
      const grown = new Float32Array(Math.max(doc + 1, this.lengths.length * 2));
      grown.set(this.lengths);
      this.lengths = grown;
    }
    this.lengths[doc] = terms.length;
    if (terms.length === 0) return;
    this.maxLength = Math.max(this.maxLength, Math.min(terms.length, MAX_FIELD_LENGTH));
    this.lengthSum += terms.length;
    this.present++;
    // Documents arrive in ascending numbers, so a repeated term is always the last posting of its list.
    for (const t of terms) {
      let p = this.postings.get(t);
      if (!p) {
        p = new Postings();
        this.postings.set(t, p);
      }
      p.count(doc, terms.length);
    }
  }

  /** BM25's K for every field length, kept while the average length and the parameters stay the same. */
  normTable(k1: number, b: number, avg: number): Float64Array {
    const n = this.norm;
    if (n && n.k1 === k1 && n.b === b && n.avg === avg && n.table.length > this.maxLength) return n.table;
    const table = new Float64Array(this.maxLength + 1);
    for (let length = 0; length <= this.maxLength; length++)
      table[length] = k1 * (1 - b + (b * length) / avg);
    this.norm = { k1, b, avg, table };
    return table;
  }

  forget(doc: number): void {
    const len = this.lengths[doc] ?? 0;
    if (len > 0) {
      this.lengthSum -= len;
      this.present--;
    }
  }

  remap(map: Int32Array, newSize: number): void {
    for (const [term, p] of this.postings) {
      let w = 0;
      p.maxTf = 0;
      p.minLength = Number.POSITIVE_INFINITY;
      for (let r = 0; r < p.length; r++) {
        const from = p.docs[r]!;
        const to = map[from]!;
        if (to < 0) continue;
        p.docs[w] = to;
        p.tfs[w] = p.tfs[r]!;
        p.lens[w] = p.lens[r]!;
        p.maxTf = Math.max(p.maxTf, p.tfs[r]!);
        p.minLength = Math.min(p.minLength, this.lengths[from]!);
        w++;
      }
      p.length = w;
      if (w === 0) this.postings.delete(term);
    }
    const lengths = new Float32Array(Math.max(1024, newSize * 2));
    for (let i = 0; i < map.length; i++) if (map[i]! >= 0) lengths[map[i]!] = this.lengths[i]!;
    this.lengths = lengths;
  }
}

interface Stored {
  doc: SearchDocument;
  visibility: VisibilityFacts;
  compounds: string[];
  /** How often the FAQ was linked to an inquiry: a popularity signal for suggestions. */
  popularity: number;
}

/** Builds an empty index; documents come through `upsert`. */
export function createSearchIndex(deps: {
  analyzer: Analyzer;
  synonyms: SynonymSet | null;
  params?: RankingParams;
  /**
   * 'exhaustive' scores every posting instead of pruning: the reference the pruned path must equal (tests
   * compare the two). Default 'pruned'.
   */
  scoring?: 'pruned' | 'exhaustive';
}): SearchIndex {
  return new Index(
    deps.analyzer,
    deps.synonyms,
    deps.params ?? defaultRankingParams,
    deps.scoring ?? 'pruned',
  );
}

class Index implements SearchIndex {
  private readonly channels = new Map<ChannelName, Channel>();
  private readonly byKind: Record<'word' | 'bigram' | 'reading', Channel[]> = {
    word: [],
    bigram: [],
    reading: [],
  };
  private stored: (Stored | undefined)[] = [];
  private readonly idToDoc = new Map<string, number>();
  private next = 0;
  private dead = 0;
  private readonly masks = new VisibilityMasks();
  private readonly scorer = new TopKScorer();
  private readonly vocabulary = new Vocabulary();
  private readonly evidence = new EvidenceIndex();
  private readonly lexicon = new ReadingLexicon();
  private readonly prefixes = new PrefixIndex();
  private readonly queryPrefixes = new PrefixIndex();
  private frequentQueries: { text: string; count: number }[] = [];

  private readonly analyzer: Analyzer;
  private readonly synonyms: SynonymSet | null;
  private readonly params: RankingParams;
  private readonly exhaustive: boolean;

  constructor(
    analyzer: Analyzer,
    synonyms: SynonymSet | null,
    params: RankingParams,
    scoring: 'pruned' | 'exhaustive',
  ) {
    this.analyzer = analyzer;
    this.synonyms = synonyms;
    this.params = params;
    this.exhaustive = scoring === 'exhaustive';
    for (const name of CHANNELS) {
      const channel = new Channel(name);
      this.channels.set(name, channel);
      this.byKind[KIND_OF[name]].push(channel);
    }
  }

  get size(): number {
    return this.idToDoc.size;
  }

  upsert(doc: SearchDocument): void {
    // Analyse first: a failure leaves the index as it was.
    const a = this.analyzer;
    const question = analyzeField(a, doc.question, true);
    const alt = analyzeField(a, doc.altPhrasings.join('\n'), true);
    const keywords = analyzeField(a, doc.keywords.join('\n'), true);
    const answer = analyzeField(a, doc.answer, false);
    const evidence = (doc.evidence ?? []).map((text) => this.evidenceTerms(analyzeQuery(a, null, text)));
    const suggestionKeys = this.suggestionKeys(question, alt, keywords, doc);

    const previous = this.idToDoc.get(doc.id);
    if (previous !== undefined) this.forget(previous);
    const n = this.next++;
    const ch = (name: ChannelName) => this.channels.get(name)!;
    ch('question').add(n, question.words);
    ch('altPhrasings').add(n, alt.words);
    ch('keywords').add(n, keywords.words);
    ch('answer').add(n, answer.words);
    ch('headBigrams').add(n, [...question.bigrams, ...alt.bigrams, ...keywords.bigrams]);
    ch('headReadings').add(n, [...question.readings, ...alt.readings, ...keywords.readings]);

    const compounds = new Map<string, { surface: string; reading: string }>();
    for (const c of [...question.compounds, ...alt.compounds, ...keywords.compounds]) compounds.set(c.key, c);
    for (const [key, c] of compounds) this.vocabulary.add(key, c.surface, c.reading);
    for (const terms of evidence) this.evidence.add(n, terms);
    for (const field of [question, alt, keywords, answer]) {
      for (const t of field.tokens) if (t.content) this.lexicon.add(t.reading, t.term);
    }

    const popularity = doc.evidence?.length ?? 0;
    const visibility: VisibilityFacts = {
      categories: new Set(doc.categoryIds),
      departmentId: doc.departmentId,
      published: doc.published,
      start: doc.publishStart ? doc.publishStart.getTime() : Number.NEGATIVE_INFINITY,
      end: doc.publishEnd ? doc.publishEnd.getTime() : Number.POSITIVE_INFINITY,
    };
    this.stored[n] = { doc, visibility, compounds: [...compounds.keys()], popularity };
    this.masks.set(n, visibility);
    this.idToDoc.set(doc.id, n);
    for (const { key, start } of suggestionKeys) {
      // Matches at the start of the question first, then by use, then shorter questions.
      this.prefixes.add(key, n, (start ? 1000 : 0) + Math.min(popularity, 999) - doc.question.length / 1000);
    }
  }

  remove(id: string): void {
    const n = this.idToDoc.get(id);
    if (n === undefined) return;
    this.forget(n);
    this.idToDoc.delete(id);
  }

  private forget(n: number): void {
    const s = this.stored[n];
    if (!s) return;
    for (const channel of this.channels.values()) channel.forget(n);
    for (const key of s.compounds) this.vocabulary.delete(key);
    this.stored[n] = undefined;
    this.masks.clear(n);
    this.dead++;
    if (this.dead > 1000 && this.dead > this.idToDoc.size / 4) this.compact();
  }

  // Renumbers live documents and drops removed ones from every posting list; amortised over many updates.
  private compact(): void {
    const map = new Int32Array(this.next).fill(-1);
    const stored: (Stored | undefined)[] = [];
    let w = 0;
    for (let i = 0; i < this.next; i++) {
      const s = this.stored[i];
      if (!s) continue;
      map[i] = w;
      stored[w] = s;
      this.idToDoc.set(s.doc.id, w);
      w++;
    }
    for (const channel of this.channels.values()) channel.remap(map, w);
    this.prefixes.remap((i) => (i < map.length ? map[i]! : -1));
    this.evidence.remap(map);
    this.stored = stored;
    this.next = w;
    this.dead = 0;
    this.masks.reset(stored.map((s) => s?.visibility));
  }

  search(query: string, options: SearchOptions = {}): SearchResponse {
    const limit = Math.max(1, Math.min(options.limit ?? 20, 1000));
    if (normalize(query).length === 0) return { hits: [], didYouMean: null };
    const q = analyzeQuery(this.analyzer, this.synonyms, query, {
      synonyms: options.useSynonyms ?? true,
      maxExpansions: this.params.maxExpansions,
      lexicon: this.lexicon,
      kanaWordWeight: this.params.kanaWordWeight,
    });
    if (q.terms.length === 0) return { hits: [], didYouMean: null };
    const useEvidence = options.useEvidence ?? true;

    const accepted = this.masks.mask(options);
    let evidence: EvidenceInput | null = null;
    if (useEvidence && this.evidence.size > 0) {
      const { weight, power } = this.params.evidence;
      evidence = { ...this.evidenceSimilarities(q), weight, power };
    }
    const units = this.scoringUnits(q);
    const top: Ranked = this.exhaustive
      ? topKExhaustive(units, limit, accepted, this.next, evidence)
      : this.scorer.topK(units, limit, accepted, this.next, evidence);

    const best = top.docs.length > 0 ? top.scores[0]! : 0;
    const hits: SearchHit[] = [];
    const snippetOf = snippetsFor(q.highlights);
    for (let i = 0; i < top.docs.length; i++) {
      const score = top.scores[i]!;
      if (score < best * this.params.minScoreRatio) break;
      const doc = this.stored[top.docs[i]!]!.doc;
      hits.push({
        id: doc.id,
        faqId: doc.faqId,
        question: doc.question,
        score: Math.round(score * 1000) / 1000,
        snippet: snippetOf(doc.answer),
      });
    }
    // Spelling help is for short queries and for queries that found nothing; long chatty ones rarely
    // need it, and place names in them would draw false corrections.
    const didYouMean = hits.length === 0 || q.normalized.length <= 20 ? this.didYouMean(q) : null;
    return { hits, didYouMean };
  }

  private evidenceTerms(q: QueryAnalysis): string[] {
    const out: string[] = [];
    for (const t of q.terms) {
      // Only the wording itself: synonyms were not part of what the citizen said.
      if (t.weight < 1) continue;
      if (t.kind === 'word') out.push(`w${t.term}`);
      else if (t.kind === 'bigram') out.push(`b${t.term}`);
    }
    return out;
  }

  // One posting list seen through one channel's BM25, what it can add to a score at most, in the order
  // their contributions are added (largest possible first).
  private scoringUnits(q: QueryAnalysis): ScoringUnit[] {
    const total = this.next;
    const answerPostings = this.channels.get('answer')!.postings;
    const questionPostings = this.channels.get('question')!.postings;
    const wordShare = (t: string) =>
      Math.max(answerPostings.get(t)?.length ?? 0, questionPostings.get(t)?.length ?? 0) / Math.max(1, total);
    const rareWords = q.terms.filter(
      (t) => t.kind === 'word' && t.weight >= 1 && wordShare(t.term) <= this.params.maxWordDocShare,
    ).length;
    const units: (ScoringUnit & { order: number })[] = [];
    for (const term of q.terms) {
      // Very common words cost the longest posting lists and change little when rarer words are there.
      if (term.kind === 'word' && rareWords >= 2 && wordShare(term.term) > this.params.maxWordDocShare)
        continue;
      for (const channel of this.byKind[term.kind]) {
        const params = this.params.channels[channel.name];
        if (params.weight === 0) continue;
        const postings = channel.postings.get(term.term);
        if (!postings || postings.length === 0) continue;
        // Removed documents stay in the statistics until the next compaction, as in Lucene.
        const df = postings.length;
        if (term.kind !== 'word' && df > this.params.maxBigramDocShare * total) continue;
        const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
        const factor = params.weight * term.weight * idf;
        // A unit that adds nothing cannot change a ranking (and would look like an untouched document).
        if (!(factor > 0)) continue;
        const avg = channel.present > 0 ? channel.lengthSum / channel.present : 1;
        const { k1, b } = params;
        const norm = channel.normTable(k1, b, avg);
        // tf / (tf + K) grows with tf and shrinks with the field's length: the list's largest tf over its
        // shortest field bounds every posting.
        const tf = postings.maxTf;
        const scaled = factor * (k1 + 1);
        const shortest = Math.min(postings.minLength, MAX_FIELD_LENGTH);
        const bound = ((scaled * tf) / (tf + norm[shortest]!)) * BOUND_SLACK;
        units.push({
          docs: postings.docs,
          tfs: postings.tfs,
          lens: postings.lens,
          length: postings.length,
          norm,
          factor: scaled,
          bound,
          // Most bound per posting first: the lists left for last, non-essential once θ is known, are
          // the long ones that can add little (frequent reading bigrams, common words in answers).
          order: bound / postings.length,
        });
      }
    }
    return units.sort((a, b) => b.order - a.order);
  }

  private evidenceSimilarities(q: QueryAnalysis): { docs: Int32Array; sims: Float64Array; count: number } {
    const { bigramWeight } = this.params.evidence;
    const total = Math.max(1, this.next);
    const question = this.channels.get('question')!.postings;
    const answer = this.channels.get('answer')!.postings;
    const bigrams = this.channels.get('headBigrams')!.postings;
    // Term weights come from the FAQs (few FAQs have evidence: inside it every word would look rare).
    const termWeight = (key: string) => {
      const term = key.slice(1);
      const word = key[0] === 'w';
      const df = word
        ? Math.max(question.get(term)?.length ?? 0, answer.get(term)?.length ?? 0)
        : (bigrams.get(term)?.length ?? 0);
      return (word ? 1 : bigramWeight) * Math.log(1 + (total - df + 0.5) / (df + 0.5));
    };
    // Entry weights are recomputed when the collection has changed size by about 10 %.
    const epoch = Math.round(Math.log(total) / Math.log(1.1));
    const m = this.evidence.match(this.evidenceTerms(q), termWeight, (n) => this.masks.isLive(n), epoch);
    return { docs: m.docs, sims: m.sims, count: m.count };
  }

  private didYouMean(q: QueryAnalysis): string | null {
    const head = this.channels.get('headBigrams')!.postings;
    const unknown = (key: string) =>
      !this.vocabulary.has(key) && bigramsOf(key).some((g) => (head.get(g)?.length ?? 0) === 0);
    if (q.kanaOnly) {
      const part = stripKanaEndings(q.normalized);
      const key = foldKana(toKatakana(part));
      if (key.length < 3 || !unknown(key)) return null;
      const fix = this.vocabulary.correct(key, key);
      return fix ? q.normalized.replace(part, fix) : null;
    }
    let corrected = q.normalized;
    let changed = false;
    const seen = new Set<string>();
    for (const c of q.compounds) {
      if (seen.has(c.surface) || [...c.key].length < 2 || !unknown(c.key)) continue;
      seen.add(c.surface);
      // A word the synonym table knows is no misspelling (保育園 where the FAQs say 保育所).
      if (this.synonyms?.get(c.key)) continue;
      const fix = this.vocabulary.correct(c.key, c.reading);
      if (fix && fix !== c.surface) {
        corrected = corrected.replace(c.surface, fix);
        changed = true;
      }
    }
    return changed ? corrected : null;
  }

  private suggestionKeys(
    question: ReturnType<typeof analyzeField>,
    alt: ReturnType<typeof analyzeField>,
    keywords: ReturnType<typeof analyzeField>,
    doc: SearchDocument,
  ): { key: string; start: boolean }[] {
    const keys = new Map<string, boolean>();
    const put = (key: string, start: boolean) => {
      if (key.length > 0 && !keys.get(key)) keys.set(key, start);
    };
    // The question from its start and from every word that carries meaning, as written and as read.
    const qNorm = normalize(doc.question);
    const qFold = foldKana(qNorm);
    const tokens = question.tokens;
    const readingStarts: number[] = [];
    let reading = '';
    for (const t of tokens) {
      readingStarts.push(reading.length);
      reading += t.reading;
    }
    put(qFold, true);
    put(reading, true);
    tokens.forEach((t, i) => {
      if (i === 0 || !(t.content || t.nominal)) return;
      const prev = tokens[i - 1]!;
      if (prev.nominal && t.pos === '名詞-接尾') return;
      put(foldKana(qNorm.slice(t.start)), false);
      put(reading.slice(readingStarts[i]!), false);
    });
    // Phrasings and keywords from their start only.
    for (const [texts, analysis] of [
      [doc.altPhrasings, alt],
      [doc.keywords, keywords],
    ] as const) {
      for (const text of texts) put(foldKana(normalize(text)), false);
      let r = '';
      let prevEnd = -1;
      for (const t of analysis.tokens) {
        if (t.start !== prevEnd && r) {
          put(r, false);
          r = '';
        }
        if (/\n/.test(t.surface)) continue;
        r += t.reading;
        prevEnd = t.start + t.surface.length;
      }
      if (r) put(r, false);
    }
    return [...keys].map(([key, start]) => ({ key, start }));
  }

  suggest(prefix: string, options: SuggestOptions = {}): SuggestionItem[] {
    const limit = Math.max(1, Math.min(options.limit ?? 8, 50));
    // Drop romaji still being typed into the IME (じゅうみんh).
    const n = normalize(prefix).replace(/(?<=[\p{Script=Hiragana}\p{Script=Katakana}ー])[a-z]+$/u, '');
    if (n.length === 0 || !/[\p{L}\p{N}]/u.test(n)) return [];
    const surfaceKey = foldKana(n);
    const readingKey = isKanaOnly(n)
      ? surfaceKey
      : this.analyzer
          .tokenize(n)
          .map((t) => t.reading)
          .join('');
    // A partly typed word keeps its trailing ー (「サー」 must still find サーバ…).
    const keys = [...new Set([surfaceKey, readingKey, foldKana(n.replace(/ー+$/, ''))])].filter(
      (k) => k.length,
    );

    const faqItems = new Map<number, number>();
    const accepted = this.masks.mask({ publishedAt: options.publishedAt });
    for (const key of keys) {
      const found = this.prefixes.find(key, limit, (d) => accepted[d] === 1);
      found.forEach((d, rank) => {
        if (!faqItems.has(d)) faqItems.set(d, rank + (key === surfaceKey ? 0 : 0.5));
      });
    }
    const faqs = [...faqItems.entries()].sort((a, b) => a[1] - b[1]).map(([d]) => this.stored[d]!.doc);

    const queryHits = new Set<number>();
    for (const key of keys) for (const i of this.queryPrefixes.find(key, limit, () => true)) queryHits.add(i);
    const questions = new Set(faqs.map((f) => normalize(f.question)));
    const queries = [...queryHits]
      .map((i) => this.frequentQueries[i]!)
      .filter((fq) => !questions.has(normalize(fq.text)))
      .sort((a, b) => b.count - a.count);

    // FAQs first (they answer directly), but keep room for a few frequent queries.
    const querySlots = Math.min(queries.length, Math.max(limit - faqs.length, Math.floor(limit / 3)));
    const out: SuggestionItem[] = faqs
      .slice(0, limit - querySlots)
      .map((f) => ({ kind: 'faq' as const, text: f.question, faqId: f.faqId }));
    for (const fq of queries.slice(0, limit - out.length))
      out.push({ kind: 'query', text: fq.text, faqId: null });
    return out;
  }

  setFrequentQueries(queries: readonly { text: string; count: number }[]): void {
    this.queryPrefixes.clear();
    this.frequentQueries = queries
      .map((q) => ({ text: normalize(q.text), count: q.count }))
      .filter((q) => q.text.length > 0);
    this.frequentQueries.forEach((fq, i) => {
      const folded = foldKana(fq.text);
      this.queryPrefixes.add(folded, i, fq.count);
      const reading = isKanaOnly(fq.text)
        ? folded
        : this.analyzer
            .tokenize(fq.text)
            .map((t) => t.reading)
            .join('');
      if (reading !== folded) this.queryPrefixes.add(reading, i, fq.count);
    });
    this.queryPrefixes.merge();
  }
}

/** Publication as the public site sees it: the flag set, start ≤ at (inclusive) and at < end (exclusive). */
export function isPublishedAt(
  doc: Pick<SearchDocument, 'published' | 'publishStart' | 'publishEnd'>,
  at: Date,
): boolean {
  if (!doc.published) return false;
  const t = at.getTime();
  if (doc.publishStart && doc.publishStart.getTime() > t) return false;
  if (doc.publishEnd && doc.publishEnd.getTime() <= t) return false;
  return true;
}

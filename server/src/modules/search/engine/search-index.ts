import { analyzeField, analyzeQuery, bigramsOf, type QueryAnalysis } from './analysis.ts';
import { type Analyzer, stripKanaEndings } from './analyzer.ts';
import { EvidenceIndex } from './evidence-index.ts';
import { foldKana, isKanaOnly, normalize, toKatakana } from './normalize.ts';
import { PrefixIndex } from './prefix-index.ts';
import { ReadingLexicon } from './reading-lexicon.ts';
import { makeSnippet } from './snippet.ts';
import type { SynonymSet } from './synonyms.ts';
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

class Postings {
  docs = new Int32Array(4);
  tfs = new Uint16Array(4);
  length = 0;
  push(doc: number, tf: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Uint16Array(this.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.docs[this.length] = doc;
    this.tfs[this.length] = Math.min(tf, 65535);
    this.length++;
  }
}

class Channel {
  readonly postings = new Map<string, Postings>();
  lengths = new Float32Array(1024);
  lengthSum = 0;
  /** Live documents with a non-empty field (the BM25 average is over these). */
  present = 0;
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
    this.lengthSum += terms.length;
    this.present++;
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, count] of tf) {
      let p = this.postings.get(term);
      if (!p) {
        p = new Postings();
        this.postings.set(term, p);
      }
      p.push(doc, count);
    }
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
      for (let r = 0; r < p.length; r++) {
        const to = map[p.docs[r]!]!;
        if (to < 0) continue;
        p.docs[w] = to;
        p.tfs[w] = p.tfs[r]!;
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
  /** Publication window as epoch milliseconds (−∞ / +∞ when open), for the filter on every hit. */
  start: number;
  end: number;
  categories: Set<string>;
  compounds: string[];
  /** How often the FAQ was linked to an inquiry: a popularity signal for suggestions. */
  popularity: number;
}

/** Builds an empty index; documents come through `upsert`. */
export function createSearchIndex(deps: {
  analyzer: Analyzer;
  synonyms: SynonymSet | null;
  params?: RankingParams;
}): SearchIndex {
  return new Index(deps.analyzer, deps.synonyms, deps.params ?? defaultRankingParams);
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
  private scores = new Float64Array(1024);
  private stamps = new Uint32Array(1024);
  /** Marks the documents still in the running once pruning started (same stamp as `stamps`). */
  private chosen = new Uint32Array(1024);
  private stamp = 0;
  private readonly touched: number[] = [];
  private readonly vocabulary = new Vocabulary();
  private readonly evidence = new EvidenceIndex();
  private readonly lexicon = new ReadingLexicon();
  private readonly prefixes = new PrefixIndex();
  private readonly queryPrefixes = new PrefixIndex();
  private frequentQueries: { text: string; count: number }[] = [];

  private readonly analyzer: Analyzer;
  private readonly synonyms: SynonymSet | null;
  private readonly params: RankingParams;

  constructor(analyzer: Analyzer, synonyms: SynonymSet | null, params: RankingParams) {
    this.analyzer = analyzer;
    this.synonyms = synonyms;
    this.params = params;
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
    this.ensureCapacity(n + 1);
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
    this.stored[n] = {
      doc,
      start: doc.publishStart ? doc.publishStart.getTime() : Number.NEGATIVE_INFINITY,
      end: doc.publishEnd ? doc.publishEnd.getTime() : Number.POSITIVE_INFINITY,
      categories: new Set(doc.categoryIds),
      compounds: [...compounds.keys()],
      popularity,
    };
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
  }

  private ensureCapacity(size: number): void {
    if (size <= this.scores.length) return;
    const grown = Math.max(size, this.scores.length * 2);
    this.scores = new Float64Array(grown);
    const stamps = new Uint32Array(grown);
    stamps.set(this.stamps);
    this.stamps = stamps;
    const chosen = new Uint32Array(grown);
    chosen.set(this.chosen);
    this.chosen = chosen;
  }

  // For a filtered search, whether each document passes (1) or not (2), worked out the first time the
  // document is met (0 = not yet), so the scoring loop skips filtered-out documents with one array read.
  // Null when nothing is filtered.
  private visibilityMask(options: SearchOptions): { mask: Uint8Array; check: (d: number) => number } | null {
    if (!options.categoryId && !options.departmentId && !options.publishedAt) return null;
    const mask = new Uint8Array(this.next);
    const check = (d: number) => {
      const v = this.visible(d, options) ? 1 : 2;
      mask[d] = v;
      return v;
    };
    return { mask, check };
  }

  private visible(n: number, options: SearchOptions | SuggestOptions): boolean {
    const s = this.stored[n];
    if (!s) return false;
    const { categoryId, departmentId } = options as SearchOptions;
    if (categoryId && !s.categories.has(categoryId)) return false;
    if (departmentId && s.doc.departmentId !== departmentId) return false;
    if (options.publishedAt) {
      // Same rule as isPublishedAt: start inclusive, end exclusive.
      const t = options.publishedAt.getTime();
      if (!s.doc.published || s.start > t || s.end <= t) return false;
    }
    return true;
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

    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.stamps.fill(0);
      this.chosen.fill(0);
      this.stamp = 1;
    }
    const filter = this.visibilityMask(options);
    const mask = filter?.mask ?? null;
    const accept = filter
      ? (d: number) => (filter.mask[d] || filter.check(d)) === 1
      : (d: number) => this.stored[d] !== undefined;
    // One buffer for all searches: a fresh array of ten thousand numbers per query feeds the GC.
    const touched = this.touched;
    touched.length = 0;
    const sims = useEvidence && this.evidence.size > 0 ? this.evidenceSimilarities(q) : null;
    this.scoreText(this.scoringUnits(q), limit, accept, touched, sims, mask, filter?.check ?? null);
    if (sims) this.addEvidence(sims, touched);

    const top = topK(touched, this.scores, limit, (d) => this.visible(d, options));
    const best = top.length > 0 ? this.scores[top[0]!]! : 0;
    const hits: SearchHit[] = [];
    for (const d of top) {
      const score = this.scores[d]!;
      if (score < best * this.params.minScoreRatio) break;
      const doc = this.stored[d]!.doc;
      hits.push({
        id: doc.id,
        faqId: doc.faqId,
        question: doc.question,
        score: Math.round(score * 1000) / 1000,
        snippet: makeSnippet(doc.answer, q.highlights),
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

  // One posting list seen through one channel's BM25, and the most it can add to a score.
  private scoringUnits(q: QueryAnalysis): Unit[] {
    const total = this.next;
    const answerPostings = this.channels.get('answer')!.postings;
    const questionPostings = this.channels.get('question')!.postings;
    const wordShare = (t: string) =>
      Math.max(answerPostings.get(t)?.length ?? 0, questionPostings.get(t)?.length ?? 0) / Math.max(1, total);
    const rareWords = q.terms.filter(
      (t) => t.kind === 'word' && t.weight >= 1 && wordShare(t.term) <= this.params.maxWordDocShare,
    ).length;
    const units: Unit[] = [];
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
        units.push({
          postings,
          lengths: channel.lengths,
          avg: channel.present > 0 ? channel.lengthSum / channel.present : 1,
          k1: params.k1,
          b: params.b,
          // tf / (tf + K) < 1, so a unit adds less than this to any score.
          bound: params.weight * term.weight * idf * (params.k1 + 1),
        });
      }
    }
    return units.sort((a, b) => b.bound - a.bound);
  }

  /**
   * BM25 term at a time, largest possible contributions first. Once the contributions still to come cannot
   * lift a document that has no score yet into the top `limit`, the rest is added by look-up to the few
   * documents that can still get in (quit-and-continue pruning): exact top results, a fraction of the work.
   */
  private scoreText(
    units: Unit[],
    limit: number,
    accept: (d: number) => boolean,
    touched: number[],
    sims: Map<number, number> | null,
    mask: Uint8Array | null,
    check: ((d: number) => number) | null,
  ): void {
    const scores = this.scores;
    const stamps = this.stamps;
    const chosen = this.chosen;
    const stamp = this.stamp;
    let remaining = 0;
    for (const u of units) remaining += u.bound;
    let max = 0;
    let lastCheck = Number.POSITIVE_INFINITY;
    let checks = 0;
    let candidates: number[] | null = null;
    for (const u of units) {
      remaining -= u.bound;
      const { postings, lengths, avg, k1, b, bound: factor } = u;
      const docs = postings.docs;
      const tfs = postings.tfs;
      const n = postings.length;
      if (!candidates) {
        for (let r = 0; r < n; r++) {
          const d = docs[r]!;
          // Filtered-out documents are not scored at all.
          if (mask !== null && (mask[d] || check!(d)) !== 1) continue;
          const tf = tfs[r]!;
          const add = (factor * tf) / (tf + k1 * (1 - b + (b * lengths[d]!) / avg));
          let score: number;
          if (stamps[d] !== stamp) {
            stamps[d] = stamp;
            score = add;
            touched.push(d);
          } else score = scores[d]! + add;
          scores[d] = score;
          if (score > max) max = score;
        }
        // Worth checking once what is still to come could not make a top score by itself.
        if (remaining < max && checks < 2 && remaining < lastCheck * 0.7 && touched.length > 4 * limit) {
          lastCheck = remaining;
          checks++;
          const threshold = kthScore(touched, scores, limit, accept);
          if (threshold > remaining)
            candidates = this.candidatesFor(touched, threshold, remaining, max, accept, sims);
        }
        continue;
      }
      // Continue: only candidates gain; look each up, or walk the list when that is cheaper.
      if (candidates.length * 16 < n) {
        for (const d of candidates) {
          const at = indexOf(docs, n, d);
          if (at < 0) continue;
          const tf = tfs[at]!;
          scores[d]! += (factor * tf) / (tf + k1 * (1 - b + (b * lengths[d]!) / avg));
        }
      } else {
        for (let r = 0; r < n; r++) {
          const d = docs[r]!;
          if (chosen[d] !== stamp) continue;
          const tf = tfs[r]!;
          scores[d]! += (factor * tf) / (tf + k1 * (1 - b + (b * lengths[d]!) / avg));
        }
      }
      if (candidates.length > 8 * limit) {
        const threshold = kthScore(candidates, scores, limit, accept);
        const kept: number[] = [];
        for (const d of candidates) {
          if (scores[d]! + remaining >= threshold || sims?.has(d)) kept.push(d);
          else chosen[d] = 0;
        }
        candidates = kept;
      }
    }
  }

  // Documents that can still reach the top: a score within `remaining` of the threshold, or evidence that
  // could add enough (at most weight × sim^power × the best score).
  private candidatesFor(
    touched: number[],
    threshold: number,
    remaining: number,
    max: number,
    accept: (d: number) => boolean,
    sims: Map<number, number> | null,
  ): number[] {
    const scores = this.scores;
    const stamp = this.stamp;
    const out: number[] = [];
    for (const d of touched) {
      if (scores[d]! + remaining >= threshold && accept(d)) {
        out.push(d);
        this.chosen[d] = stamp;
      }
    }
    if (sims) {
      const { weight, power } = this.params.evidence;
      const bestBound = max + remaining;
      for (const [d, sim] of sims) {
        if (this.stamps[d] !== stamp || this.chosen[d] === stamp) continue;
        if (scores[d]! + remaining + weight * sim ** power * bestBound >= threshold) {
          out.push(d);
          this.chosen[d] = stamp;
        }
      }
    }
    return out;
  }

  private evidenceSimilarities(q: QueryAnalysis): Map<number, number> {
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
    return this.evidence.match(this.evidenceTerms(q), termWeight, (n) => this.stored[n] !== undefined, epoch);
  }

  // Adds weight × similarity^power × (best text score) to each FAQ with a similar past inquiry, so evidence
  // reorders candidates on the query's own scale and can bring in an FAQ the text did not find.
  private addEvidence(sims: Map<number, number>, touched: number[]): void {
    const { weight, power } = this.params.evidence;
    if (weight === 0) return;
    let best = 0;
    for (const d of touched) if (this.scores[d]! > best) best = this.scores[d]!;
    if (best === 0) best = 1;
    for (const [d, sim] of sims) {
      const add = weight * sim ** power * best;
      if (this.stamps[d] !== this.stamp) {
        this.stamps[d] = this.stamp;
        this.scores[d] = add;
        touched.push(d);
      } else this.scores[d]! += add;
    }
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
    for (const key of keys) {
      const found = this.prefixes.find(key, limit, (d) => this.visible(d, options));
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

interface Unit {
  postings: Postings;
  lengths: Float32Array;
  avg: number;
  k1: number;
  b: number;
  bound: number;
}

// The score of the k-th best accepted document (0 when fewer than k are accepted).
function kthScore(docs: number[], scores: Float64Array, k: number, accept: (d: number) => boolean): number {
  const top = topK(docs, scores, k, accept);
  return top.length === k ? scores[top[k - 1]!]! : 0;
}

// Binary search in a posting list (document numbers ascend: they are given in upsert order).
function indexOf(docs: Int32Array, length: number, d: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = docs[mid]!;
    if (v === d) return mid;
    if (v < d) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
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

// The k best of the touched documents that pass the filter (a small min-heap; ties by document order).
function topK(touched: number[], scores: Float64Array, k: number, accept: (d: number) => boolean): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  for (const d of touched) {
    if (heap.length === k && !less(heap[0]!, d)) continue;
    if (!accept(d)) continue;
    if (heap.length < k) {
      heap.push(d);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else {
      heap[0] = d;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
  }
  return heap.sort((a, b) => (less(a, b) ? 1 : less(b, a) ? -1 : 0));
}

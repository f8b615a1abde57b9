// The search engine: pure and in memory (no database, no I/O but loading the two dictionaries). One
// `SearchIndex` per centre; the integration layer feeds it with `upsert`/`remove` when an FAQ changes
// and asks it `search`/`suggest`.
//
//   const analyzer = await createAnalyzer();                                  // kuromoji, once per process
//   const synonyms = mergeSynonyms(loadSudachiSynonyms(), [...municipalSynonyms, ...centreGroups]);
//   const index = createSearchIndex({ analyzer, synonyms });
//   index.upsert({ id, faqId, question, answer, altPhrasings, keywords, categoryIds, departmentId,
//                  published, publishStart, publishEnd, evidence });
//   index.search('じゅうみんひょうほしい', { publishedAt: new Date() });        // { hits, didYouMean }
//   index.suggest('こくみん', { limit: 8 });
//
// Ranking: BM25 over separate channels (question, phrasings, keywords, answer) on morphological content
// words (kuromoji base forms, generic words dropped), added to character bigrams and reading bigrams of the
// question, phrasings and keywords; query-side synonyms (Sudachi seed + curated list); all-kana queries read
// back into the index's own words; learning from use as nearest past inquiry (evidence-index.ts). Scoring
// is exact top-k by MaxScore over windows of documents (top-k.ts); filters are cached per-document masks
// (visibility.ts). docs/benchmarks.md has the measurements.

/** Kuromoji analyzer (loaded once per process), tokens and readings. */
export { type Analyzer, createAnalyzer, readingOf, type Token } from './analyzer.ts';
/** Removes personal names from an inquiry wording before it is kept as evidence. */
export { removePersonalNames } from './evidence.ts';
/** General municipal synonym groups (転入/引っ越し, 粗大ごみ/大型ごみ, 国民健康保険/国保 …). */
export { municipalSynonyms } from './municipal-synonyms.ts';
/** Text normalisation (NFKC, width, case, long-vowel, iteration marks) and the kana matching key. */
export { foldKana, isKanaOnly, normalize, toKatakana } from './normalize.ts';
/** The index, its document and option shapes, and the tuned ranking parameters. */
export {
  type ChannelName,
  type ChannelParams,
  createSearchIndex,
  defaultRankingParams,
  isPublishedAt,
  type RankingParams,
  type SearchDocument,
  type SearchHit,
  type SearchIndex,
  type SearchOptions,
  type SearchResponse,
  type SuggestionItem,
  type SuggestOptions,
} from './search-index.ts';
/** HTML escaping and highlighted snippets. */
export { escapeHtml, makeSnippet } from './snippet.ts';
/** Synonym sets: the Sudachi seed, curated groups, and their merge. */
export {
  defaultSynonymWeights,
  type Expansion,
  loadSudachiSynonyms,
  mergeSynonyms,
  type SudachiOptions,
  type SynonymSet,
  type SynonymWeights,
  synonymsFromGroups,
} from './synonyms.ts';

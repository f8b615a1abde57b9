import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { foldKana, normalize } from './normalize.ts';

/** A term a query term may be expanded to, with the weight its matches get (1 = as good as the original). */
export interface Expansion {
  text: string;
  weight: number;
}

/** Query-side synonyms keyed by the folded form of the trigger term. */
export interface SynonymSet {
  get(key: string): readonly Expansion[] | undefined;
  /** Longest trigger in characters, to bound the search for triggers inside a query. */
  readonly maxKeyLength: number;
  readonly size: number;
  /**
   * The terms of the curated groups (the municipal list and the centre's own, normalised): words citizens
   * say, so an all-kana query may name them by their reading (こくほ → 国保).
   */
  readonly spoken?: readonly string[];
}

/** How strongly each kind of relation counts; spelling variants of one word are nearly the word itself. */
export interface SynonymWeights {
  /** Same word, other spelling or abbreviation (子供/子ども, 申込/申し込み, 国保/国民健康保険). */
  variant: number;
  /** Another word of the same meaning (転居/引っ越し). */
  synonym: number;
  /** An entry of the curated municipal list. */
  curated: number;
}

/** Default relation weights (tuned on the odd half of bench/search-eval, see docs/benchmarks.md). */
export const defaultSynonymWeights: SynonymWeights = { variant: 0.9, synonym: 0.5, curated: 0.6 };

interface SudachiItem {
  expandControl: 0 | 1 | 2;
  vocabularyNumber: number | undefined;
  gokeiSyubetsu: string;
  bunya: string[];
  midashi: string;
}
interface SudachiGroup {
  id: string;
  items: SudachiItem[];
}

/** Options for reading the Sudachi synonym dictionary. */
export interface SudachiOptions {
  weights?: SynonymWeights;
  /** Drop groups tagged with any of these fields (companies, people, sports … are noise for a city hall). */
  excludeFields?: readonly string[];
  /** Drop these group ids (groups that mix a useful word with noise, e.g. ごみ with 埃 and 塵). */
  excludeGroups?: readonly string[];
}

const DEFAULT_EXCLUDED_FIELDS = [
  '企業名',
  '旧企業名',
  '人名',
  '大学名',
  'スポーツ',
  '音楽',
  'ファッション',
  '娯楽',
  'キャラ',
  '店名',
  '店',
  '商品',
  '地名',
  '国名',
  '組織名',
  '旧組織名',
  '料理',
  '美容',
  '不快',
];
// 008536 puts ごみ with 埃/塵/ダスト; 019207 with がらくた; 000702 makes 料金 a synonym of 価格/額.
const DEFAULT_EXCLUDED_GROUPS = ['008536', '019207', '000702'];

const ASCII_ONLY = /^[\x20-\x7e]+$/;

type MutableSet = Map<string, Expansion[]>;

/**
 * Reads `sudachi-synonyms-dictionary` (by path: the package's ESM entry does not load in Node) into a
 * query-side synonym set. Respects expandControl: 1 = may be expanded to but does not trigger, 2 = unused.
 */
export function loadSudachiSynonyms(options?: SudachiOptions): SynonymSet {
  // The default set is shared: parsing the 14.6 MB dictionary takes a few hundred milliseconds.
  if (!options) {
    defaultSudachi ??= readSudachi({});
    return defaultSudachi;
  }
  return readSudachi(options);
}

let defaultSudachi: SynonymSet | null = null;

function readSudachi(options: SudachiOptions): SynonymSet {
  const weights = options.weights ?? defaultSynonymWeights;
  const excludedFields = new Set(options.excludeFields ?? DEFAULT_EXCLUDED_FIELDS);
  const excludedGroups = new Set(options.excludeGroups ?? DEFAULT_EXCLUDED_GROUPS);
  // The package exports no subpath for its JSON: find it beside the CommonJS entry.
  const entry = createRequire(import.meta.url).resolve('sudachi-synonyms-dictionary');
  const file = path.join(path.dirname(entry), 'sudachi-synonyms-dictionary.json');
  const groups = JSON.parse(fs.readFileSync(file, 'utf8')) as SudachiGroup[];
  const map: MutableSet = new Map();
  for (const group of groups) {
    if (excludedGroups.has(group.id)) continue;
    if (group.items.some((item) => item.bunya.some((b) => excludedFields.has(b)))) continue;
    const items = group.items.filter(
      (item) => item.expandControl !== 2 && item.gokeiSyubetsu !== '間違い' && !ASCII_ONLY.test(item.midashi),
    );
    for (const from of items) {
      if (from.expandControl === 1) continue;
      const key = foldKana(normalize(from.midashi));
      // One-character triggers (税, 車, 道) fire inside too many compounds.
      if ([...key].length < 2) continue;
      for (const to of items) {
        if (to === from) continue;
        const sameWord = to.vocabularyNumber !== undefined && to.vocabularyNumber === from.vocabularyNumber;
        add(map, key, normalize(to.midashi), sameWord ? weights.variant : weights.synonym);
      }
    }
  }
  return freeze(map);
}

/** The seed set plus curated groups (every term of a group expands to every other, both ways). */
export function mergeSynonyms(
  seed: SynonymSet | null,
  curated: readonly (readonly string[])[],
  weights: SynonymWeights = defaultSynonymWeights,
): SynonymSet {
  const map: MutableSet = new Map();
  const spoken = new Set(seed?.spoken);
  if (seed && 'entries' in seed) {
    for (const [key, list] of (seed as FrozenSet).entries()) map.set(key, [...list]);
  }
  for (const group of curated) {
    const terms = [...new Set(group.map((t) => normalize(t)).filter((t) => t.length > 0))];
    for (const from of terms) {
      spoken.add(from);
      const key = foldKana(from);
      for (const to of terms) if (to !== from) add(map, key, to, weights.curated);
    }
  }
  return freeze(map, [...spoken]);
}

/** A synonym set built from curated groups only. */
export function synonymsFromGroups(groups: readonly (readonly string[])[]): SynonymSet {
  return mergeSynonyms(null, groups);
}

function add(map: MutableSet, key: string, text: string, weight: number): void {
  if (foldKana(text) === key) return;
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  const existing = list.find((e) => e.text === text);
  if (existing) existing.weight = Math.max(existing.weight, weight);
  else list.push({ text, weight });
}

interface FrozenSet extends SynonymSet {
  entries(): IterableIterator<[string, readonly Expansion[]]>;
}

function freeze(map: MutableSet, spoken: readonly string[] = []): FrozenSet {
  let maxKeyLength = 0;
  for (const [key, list] of map) {
    maxKeyLength = Math.max(maxKeyLength, key.length);
    list.sort((a, b) => b.weight - a.weight);
  }
  return {
    get: (key) => map.get(key),
    maxKeyLength,
    size: map.size,
    spoken,
    entries: () => map.entries(),
  };
}

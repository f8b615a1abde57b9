import { fileURLToPath } from 'node:url';
import * as kuromoji from '@patdx/kuromoji';
import NodeDictionaryLoader from '@patdx/kuromoji/node';
import { foldKana, isKanaOnly, normalize, toKatakana } from './normalize.ts';

/** One morpheme of normalised text, with its matching key and whether it carries meaning for search. */
export interface Token {
  surface: string;
  /** Folded dictionary form (or surface when the word is unknown). */
  term: string;
  /** Folded katakana reading (the folded surface when the dictionary has none). */
  reading: string;
  /** Part of speech and first subdivision, e.g. 名詞-一般, 名詞-接尾, 動詞-自立. */
  pos: string;
  /** Second subdivision, e.g. 人名 for 名詞-固有名詞-人名. */
  detail: string;
  start: number;
  /** Noun, independent verb or adjective that is not on the generic-word list. */
  content: boolean;
  /** Part of a noun compound (nouns, noun suffixes and prefixes): 住民+票, 転入+届. */
  nominal: boolean;
}

/** Morphological analysis of normalised text; synchronous once the dictionary is loaded. */
export interface Analyzer {
  tokenize(normalized: string): Token[];
}

interface KuromojiTokenizer {
  tokenize(text: string): kuromoji.IpadicFeatures[];
}

let loading: Promise<KuromojiTokenizer> | null = null;

// IPADIC takes about 1.2 s and 370 MB of RSS to load: every index in the process shares one copy.
function loadKuromoji(): Promise<KuromojiTokenizer> {
  loading ??= new kuromoji.TokenizerBuilder({
    loader: new NodeDictionaryLoader({
      dic_path: fileURLToPath(new URL('../dict/', import.meta.resolve('@patdx/kuromoji'))),
    }),
  })
    .build()
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** The kuromoji (IPADIC) analyzer; the dictionary is loaded once per process and shared. */
export async function createAnalyzer(): Promise<Analyzer> {
  const tokenizer = await loadKuromoji();
  return {
    tokenize(normalized) {
      const out: Token[] = [];
      for (const [offset, chunk] of chunksOf(normalized)) {
        let tokens = chunkCache.get(chunk);
        if (!tokens) {
          tokens = tokenizer.tokenize(chunk).map(toToken);
          chunkCache.set(chunk, tokens);
        }
        for (const t of tokens) out.push({ ...t, start: t.start + offset });
      }
      return out;
    },
  };
}

// FAQ answers repeat whole clauses (「詳しくは…へお問い合わせください」, opening hours, what to bring), and an
// index is rebuilt from them at every start, so kuromoji's result per chunk (≈ 0.1 ms each) is kept, one
// cache per process like the dictionary. Two generations approximate "least recently used" at the cost of
// a Map look-up: a chunk not seen during the last two generations is dropped. About 20 MB when full.
const CHUNK_CACHE_GENERATION = 25_000;

class ChunkCache {
  private recent = new Map<string, readonly Token[]>();
  private old = new Map<string, readonly Token[]>();

  get(chunk: string): readonly Token[] | undefined {
    const hit = this.recent.get(chunk);
    if (hit) return hit;
    const older = this.old.get(chunk);
    if (older) this.set(chunk, older);
    return older;
  }

  set(chunk: string, tokens: readonly Token[]): void {
    if (this.recent.size >= CHUNK_CACHE_GENERATION) {
      this.old = this.recent;
      this.recent = new Map();
    }
    this.recent.set(chunk, tokens);
  }
}

const chunkCache = new ChunkCache();

const BREAK = /[\s、。，．,.！？!?（）()「」『』【】［］[\]〈〉《》・：:；;／/…※＊*＃#]/u;
const MAX_CHUNK = 32;

// Kuromoji looks up every suffix of a sentence as UTF-8 (quadratic in its length), so text is cut at
// punctuation and spaces, and long runs at a kana → kanji change (where a particle ends), before it goes in.
function* chunksOf(text: string): Generator<[number, string]> {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !BREAK.test(text[i]!)) continue;
    yield* splitLong(text, start, i);
    start = i + 1;
  }
}

function* splitLong(text: string, from: number, to: number): Generator<[number, string]> {
  let start = from;
  while (to - start > MAX_CHUNK) {
    let cut = -1;
    for (let i = start + MAX_CHUNK; i > start + 8; i--) {
      if (isHiragana(text.charCodeAt(i - 1)) && !isHiragana(text.charCodeAt(i))) {
        cut = i;
        break;
      }
    }
    if (cut < 0) break;
    yield [start, text.slice(start, cut)];
    start = cut;
  }
  if (to > start) yield [start, text.slice(start, to)];
}

function isHiragana(code: number): boolean {
  return code >= 0x3041 && code <= 0x309f;
}

// Verbs and adjectives that occur in almost every question or answer and say nothing about its topic.
const GENERIC_PREDICATES = new Set([
  'する',
  'ある',
  'いる',
  'なる',
  'できる',
  '出来る',
  'いう',
  '言う',
  '思う',
  'おる',
  'もらう',
  'くれる',
  'やる',
  'くださる',
  '下さる',
  'いただく',
  '頂く',
  '致す',
  'いたす',
  '参る',
  '行う',
  'れる',
  'られる',
  'せる',
  'させる',
  'ない',
  'いい',
  'よい',
  '良い',
  'ほしい',
  '欲しい',
  'たい',
  'くる',
  '来る',
  'いく',
  '行く',
  'みる',
  '知る',
  '教える',
  '分かる',
  'わかる',
  '聞く',
  '困る',
  '伺う',
  '尋ねる',
  '答える',
]);

// Nouns that carry no topic in citizens' questions (「方法を教えて」「場合は」「どのような件」).
const GENERIC_NOUNS = new Set([
  '方法',
  'やり方',
  '仕方',
  '場合',
  '件',
  '際',
  '時',
  'とき',
  'ところ',
  'よう',
  'ほう',
  'こと',
  'もの',
  'ため',
  'うち',
  '今',
  '今回',
  '以下',
  '以上',
  'について',
  '自分',
  '私',
  'わたし',
  '何',
  'なに',
  '質問',
  '問い合わせ',
  '問合せ',
  '大丈夫',
  '可能',
  '必要',
  '詳細',
  '内容',
  'お願い',
  '願い',
]);

// Suffixes that follow any noun: 読み方, 住所等, 田中様, 期間中.
const GENERIC_SUFFIXES = new Set(['方', '等', '様', 'さま', '中', '用', '的', '化', '性']);

function toToken(f: kuromoji.IpadicFeatures): Token {
  const surface = f.surface_form;
  const base = f.basic_form && f.basic_form !== '*' ? f.basic_form : surface;
  const reading = f.reading && f.reading !== '*' ? foldKana(f.reading) : foldKana(surface);
  const nominal =
    f.pos === '名詞'
      ? f.pos_detail_1 !== '非自立' && f.pos_detail_1 !== '代名詞' && f.pos_detail_1 !== '数'
      : f.pos === '接頭詞' && f.pos_detail_1 === '名詞接続' && !/^[おご御]$/.test(surface);
  return {
    surface,
    term: foldKana(base),
    reading,
    pos: `${f.pos}-${f.pos_detail_1}`,
    detail: f.pos_detail_2,
    start: f.word_position - 1,
    content: isContent(f, base),
    nominal,
  };
}

function isContent(f: kuromoji.IpadicFeatures, base: string): boolean {
  switch (f.pos) {
    case '名詞':
      switch (f.pos_detail_1) {
        case '非自立':
        case '代名詞':
        case '数':
        case '特殊':
        case '副詞可能':
          return false;
        case '接尾':
          // 票 in 住民票, 届 in 転入届, 料 in 使用料 carry meaning; さん, 月, 中, 的, そう do not.
          return f.pos_detail_2 === '一般' && !GENERIC_SUFFIXES.has(base);
        default:
          return !GENERIC_NOUNS.has(base) && !/^[\p{P}\p{S}]+$/u.test(base);
      }
    case '動詞':
    case '形容詞':
      return f.pos_detail_1 === '自立' && !GENERIC_PREDICATES.has(base);
    default:
      return false;
  }
}

// Endings of chatty questions that kuromoji cannot always take apart when typed in hiragana.
const KANA_ENDINGS =
  /(?:について|を?おしえて(?:ください|ほしい|もらえますか)?|(?:の|ん)?です(?:が|か)?|でしょうか|ですか|ますか|ください|ほしい(?:んですが|のですが)?|したい(?:んですが|のですが)?|したらいい|すればいい|どうすれば|どうしたら|どこ|いつ|なに|なん|だれ|[はがをにでともへやのかね]|[?!。、]|\s)+$/u;

/** Query text with chatty hiragana endings removed (used for kana-only queries before reading matching). */
export function stripKanaEndings(normalized: string): string {
  const stripped = normalized.replace(KANA_ENDINGS, '');
  return stripped.length >= 2 ? stripped : normalized;
}

/** Katakana reading of the whole text: direct conversion for kana, otherwise kuromoji's readings. */
export function readingOf(analyzer: Analyzer, text: string): string {
  const n = normalize(text);
  if (isKanaOnly(n)) return foldKana(toKatakana(n));
  return analyzer
    .tokenize(n)
    .map((t) => t.reading)
    .join('');
}

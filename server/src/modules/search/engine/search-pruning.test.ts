import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeQuery, type QueryAnalysis } from './analysis.ts';
import { type Analyzer, createAnalyzer } from './analyzer.ts';
import type { ReadingLexicon } from './reading-lexicon.ts';
import {
  createSearchIndex,
  type SearchDocument,
  type SearchIndex,
  type SearchOptions,
} from './search-index.ts';
import { type SynonymSet, synonymsFromGroups } from './synonyms.ts';
import { contribution, type ScoringUnit } from './top-k.ts';

// The pruned search against exhaustive scoring of every posting, on a generated corpus large enough for
// several scoring windows (8192 documents each), with filters, evidence, removed documents and ties.

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = [
  '住民票',
  '戸籍謄本',
  '印鑑登録',
  '転入届',
  '転出届',
  '国民健康保険',
  '国民年金',
  '児童手当',
  '保育園',
  '介護保険',
  '粗大ごみ',
  '資源ごみ',
  '市営住宅',
  '道路',
  '公園',
  '水道料金',
  '下水道',
  '固定資産税',
  '住民税',
  '軽自動車税',
  '予防接種',
  '健康診断',
  '図書館',
  '選挙',
  '防災',
  '避難所',
  'マイナンバーカード',
  '婚姻届',
  '出生届',
  '死亡届',
];
const ACTIONS = ['申請', '手続き', '届出', '支払い', '相談', '予約', '変更', '証明', '交付', '減免'];
const PLACES = ['市民課', '支所', '保健センター', '市役所', '出張所', '窓口', 'コンビニ', '郵送'];
const SENTENCES = [
  '{t}の{a}は{p}で受け付けています。',
  '{t}については{p}へお問い合わせください。',
  '本人確認書類をお持ちください。',
  '{a}には手数料がかかります。',
  '平日の8時30分から17時15分まで受け付けます。',
  '{t}の{a}は郵送でもできます。',
];
const CATEGORIES = ['cat-life', 'cat-tax', 'cat-health', 'cat-rare'];
const DEPARTMENTS = ['dept-citizen', 'dept-tax', 'dept-welfare'];
const DAY = 86_400_000;
const NOW = Date.UTC(2027, 3, 1);

function corpus(size: number): SearchDocument[] {
  const random = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const fill = (s: string) =>
    s.replace('{t}', pick(TOPICS)).replace('{a}', pick(ACTIONS)).replace('{p}', pick(PLACES));
  const docs: SearchDocument[] = [];
  for (let i = 0; i < size; i++) {
    const topic = pick(TOPICS);
    const action = pick(ACTIONS);
    const window = random();
    docs.push({
      id: `d${i}`,
      faqId: `G-${i}`,
      // Few distinct questions: many documents tie exactly, across windows.
      question: random() < 0.5 ? `${topic}の${action}` : `${topic}の${action}（${pick(PLACES)}）`,
      answer: Array.from({ length: 1 + Math.floor(random() * 4) }, () => fill(pick(SENTENCES))).join(''),
      altPhrasings: random() < 0.3 ? [`${pick(TOPICS)}を${pick(ACTIONS)}したい`] : [],
      keywords: random() < 0.3 ? [pick(TOPICS), pick(ACTIONS)] : [],
      categoryIds: random() < 0.02 ? ['cat-rare'] : [pick(CATEGORIES.slice(0, 3))],
      departmentId: random() < 0.1 ? null : pick(DEPARTMENTS),
      published: random() < 0.9,
      publishStart: window < 0.1 ? new Date(NOW + DAY) : window < 0.2 ? new Date(NOW - DAY) : null,
      publishEnd: window > 0.9 ? new Date(NOW) : null,
      ...(random() < 0.15 ? { evidence: [`${topic}を${pick(PLACES)}で${action}したい`] } : {}),
    });
  }
  return docs;
}

function queries(count: number): string[] {
  const random = rng(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const shape = i % 5;
    if (shape === 0) out.push(pick(TOPICS));
    else if (shape === 1) out.push(`${pick(TOPICS)}の${pick(ACTIONS)}`);
    else if (shape === 2) out.push(`${pick(TOPICS)} ${pick(ACTIONS)} ${pick(PLACES)}`);
    else if (shape === 3)
      out.push(`${pick(TOPICS)}を${pick(PLACES)}で${pick(ACTIONS)}したいのですが、どうすればいいですか`);
    else out.push(pick(['じゅうみんひょう', 'こせきとうほん', 'そだいごみ', 'ほいくえん', 'しみんか']));
  }
  return out;
}

let analyzer: Analyzer;
let pruned: SearchIndex;
let exhaustive: SearchIndex;
let synonyms: SynonymSet;

beforeAll(async () => {
  analyzer = await createAnalyzer();
  synonyms = synonymsFromGroups([
    ['粗大ごみ', '大型ごみ'],
    ['転入', '引っ越し'],
  ]);
  pruned = createSearchIndex({ analyzer, synonyms });
  exhaustive = createSearchIndex({ analyzer, synonyms, scoring: 'exhaustive' });
  const docs = corpus(17_000);
  for (const index of [pruned, exhaustive]) {
    for (const d of docs) index.upsert(d);
    // Removed and replaced documents stay in the posting lists until compaction.
    for (let i = 0; i < 300; i++) index.remove(`d${(i * 7919) % docs.length}`);
    for (let i = 0; i < 100; i++)
      index.upsert({ ...docs[(i * 104_729) % docs.length]!, question: '臨時窓口の開設' });
  }
}, 120_000);

describe('pruned search equals exhaustive scoring', () => {
  const options: [string, SearchOptions][] = [
    ['no filter', {}],
    ['top 3', { limit: 3 }],
    ['top 100', { limit: 100 }],
    ['published now', { publishedAt: new Date(NOW), limit: 10 }],
    ['category', { categoryId: 'cat-tax', limit: 10 }],
    ['rare category, published', { categoryId: 'cat-rare', publishedAt: new Date(NOW), limit: 10 }],
    ['department', { departmentId: 'dept-welfare', limit: 20 }],
    ['without evidence', { useEvidence: false, limit: 10 }],
    ['without synonyms', { useSynonyms: false, limit: 10 }],
  ];

  for (const [name, o] of options) {
    it(`returns the same hits, order and scores: ${name}`, () => {
      let work = 0;
      let postings = 0;
      for (const q of queries(60)) {
        expect(pruned.search(q, o), q).toEqual(exhaustive.search(q, o));
        const { scorer } = pruned as unknown as { scorer: { work: number; postings: number } };
        work += scorer.work;
        postings += scorer.postings;
      }
      // The comparison means something only if pruning skipped postings.
      expect(work).toBeLessThan(postings);
    });
  }

  it('bounds every posting of every list it scores (the bounds pruning relies on)', () => {
    const internals = pruned as unknown as {
      scoringUnits(q: QueryAnalysis): ScoringUnit[];
      lexicon: ReadingLexicon;
    };
    let units = 0;
    for (const q of queries(60)) {
      const analysis = analyzeQuery(analyzer, synonyms, q, {
        synonyms: true,
        maxExpansions: 3,
        lexicon: internals.lexicon,
        kanaWordWeight: 1,
      });
      for (const u of internals.scoringUnits(analysis)) {
        let most = 0;
        for (let r = 0; r < u.length; r++) most = Math.max(most, contribution(u, r));
        expect(most, q).toBeLessThanOrEqual(u.bound);
        units++;
      }
    }
    expect(units).toBeGreaterThan(500);
  });
});

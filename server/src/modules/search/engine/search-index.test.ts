import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from './analyzer.ts';
import { createSearchIndex, type SearchDocument, type SearchIndex } from './search-index.ts';
import { synonymsFromGroups } from './synonyms.ts';

const CAT_RESIDENCE = '00000000-0000-4000-8000-000000000001';
const CAT_WASTE = '00000000-0000-4000-8000-000000000002';
const DEPT_CITIZEN = '00000000-0000-4000-8000-0000000000a1';
const DEPT_ENV = '00000000-0000-4000-8000-0000000000a2';

function doc(
  id: string,
  question: string,
  answer: string,
  extra: Partial<SearchDocument> = {},
): SearchDocument {
  return {
    id,
    faqId: `T-${id}`,
    question,
    answer,
    altPhrasings: [],
    keywords: [],
    categoryIds: [CAT_RESIDENCE],
    departmentId: DEPT_CITIZEN,
    published: true,
    publishStart: null,
    publishEnd: null,
    ...extra,
  };
}

const corpus = (): SearchDocument[] => [
  doc(
    '1',
    '住民票の写しの交付',
    '住民票の写しは市民課の窓口で請求できます。本人確認書類をお持ちください。手数料は300円です。',
  ),
  doc(
    '2',
    '転入届の手続き',
    '他の市区町村から移ってきたときは、14日以内に転入届を出してください。転出証明書が必要です。',
  ),
  doc('3', '国民健康保険の加入手続き', '職場の健康保険をやめたときは、14日以内に加入の届出をしてください。', {
    departmentId: DEPT_ENV,
  }),
  doc('4', '粗大ごみの出し方', '粗大ごみは電話で予約してから出してください。処理券を貼ってください。', {
    categoryIds: [CAT_WASTE],
    departmentId: DEPT_ENV,
  }),
  doc('5', '戸籍謄本の請求', '本籍地の市区町村で請求してください。郵送でも請求できます。'),
];

let analyzer: Analyzer;
let index: SearchIndex;

beforeAll(async () => {
  analyzer = await createAnalyzer();
});

function fresh(groups: string[][] = []): SearchIndex {
  const i = createSearchIndex({ analyzer, synonyms: synonymsFromGroups(groups) });
  for (const d of corpus()) i.upsert(d);
  return i;
}

const ids = (i: SearchIndex, q: string, options = {}) => i.search(q, options).hits.map((h) => h.id);

describe('search', () => {
  beforeAll(() => {
    index = fresh([['転入', '引っ越し']]);
  });

  it('ranks the FAQ that matches a chatty question first', () => {
    expect(ids(index, '住民票の写しを取りたいのですが、何を持っていけばいいですか')[0]).toBe('1');
  });

  it('finds a kanji FAQ from a kana-only query through its reading', () => {
    expect(ids(index, 'じゅうみんひょう')[0]).toBe('1');
    expect(ids(index, 'こくみんけんこうほけん')[0]).toBe('3');
    expect(ids(index, 'ｺｾｷﾄｳﾎﾝ')[0]).toBe('5');
  });

  it('reads a curated term typed in kana (こくほ → 国保) and expands it as if typed in kanji', () => {
    // No FAQ says 国保: only the curated group knows that 国保 is 国民健康保険.
    const groups = [['国民健康保険', '国保']];
    const withGroup = fresh(groups);
    expect(ids(withGroup, 'こくほにはいりたい')[0]).toBe('3');
    expect(ids(withGroup, 'コクホ')[0]).toBe('3');
    // Without the group only a stray reading bigram (コク of コクミン) links the query to the FAQ.
    const scoreOf3 = (i: SearchIndex, options = {}) =>
      i.search('こくほにはいりたい', options).hits.find((h) => h.id === '3')?.score ?? 0;
    expect(scoreOf3(withGroup)).toBeGreaterThan(3 * scoreOf3(fresh()));
    expect(scoreOf3(withGroup)).toBeGreaterThan(3 * scoreOf3(withGroup, { useSynonyms: false }));
    // A centre's own group is read the same way once added.
    const own = fresh([['粗大ごみ', '大型ごみ']]);
    expect(ids(own, 'おおがたごみ')[0]).toBe('4');
  });

  it('reads curated terms with long readings too (精神障害者保健福祉手帳: 21 kana)', () => {
    // No FAQ says 精神障害者保健福祉手帳: only its group leads to the one that says ぬぺぽ手帳.
    const i = fresh([['精神障害者保健福祉手帳', 'ぬぺぽ手帳']]);
    i.upsert(doc('p', 'ぬぺぽ手帳の交付', '申請書を窓口に出してください。'));
    expect(ids(i, 'せいしんしょうがいしゃほけんふくしてちょう')[0]).toBe('p');
  });

  it('expands synonyms both ways, and not when switched off', () => {
    expect(ids(index, '引っ越し')[0]).toBe('2');
    const reverse = createSearchIndex({ analyzer, synonyms: synonymsFromGroups([['転入', '引っ越し']]) });
    reverse.upsert(doc('m', '引っ越しのときの荷物', '大きな荷物は業者に頼んでください。'));
    reverse.upsert(doc('x', '戸籍謄本の請求', '本籍地で請求してください。'));
    expect(ids(reverse, '転入')).toEqual(['m']);
    expect(ids(index, '引っ越し', { useSynonyms: false })).not.toContain('2');
  });

  it('filters by category and department', () => {
    expect(ids(index, '手続き', { categoryId: CAT_WASTE })).toEqual([]);
    expect(ids(index, '粗大ごみ', { categoryId: CAT_WASTE })).toEqual(['4']);
    expect(ids(index, '届出 手続き', { departmentId: DEPT_ENV })).toEqual(['3']);
    expect(ids(index, '届出 手続き', { departmentId: DEPT_CITIZEN })).not.toContain('3');
  });

  it('shows only FAQs published at the given moment: start inclusive, end exclusive', () => {
    const i = fresh();
    const start = new Date('2027-04-01T00:00:00+09:00');
    const end = new Date('2027-05-01T00:00:00+09:00');
    i.upsert(
      doc('w', '花火大会の交通規制', '花火大会の日は交通規制があります。', {
        publishStart: start,
        publishEnd: end,
      }),
    );
    i.upsert(doc('d', '花火大会の下書き', '花火大会の案内です。', { published: false }));
    const at = (d: Date) => ids(i, '花火大会', { publishedAt: d });
    expect(at(new Date(start.getTime() - 1))).toEqual([]);
    expect(at(start)).toEqual(['w']);
    expect(at(new Date(end.getTime() - 1))).toEqual(['w']);
    expect(at(end)).toEqual([]);
    // Staff search (no publishedAt) sees drafts and scheduled FAQs too.
    expect(ids(i, '花火大会').sort()).toEqual(['d', 'w']);
  });

  it('reflects upsert and remove in the next search', () => {
    const i = fresh();
    expect(i.size).toBe(5);
    i.upsert(doc('4', '大型ごみの申込み', '大型ごみは予約制です。'));
    expect(i.size).toBe(5);
    expect(ids(i, '粗大ごみ')).not.toContain('4');
    expect(ids(i, '大型ごみ')[0]).toBe('4');
    i.remove('4');
    expect(i.size).toBe(4);
    expect(ids(i, '大型ごみ')).toEqual([]);
    i.remove('no-such-id');
    expect(i.size).toBe(4);
  });

  it('keeps results right after many updates (compaction)', () => {
    const i = fresh();
    for (let n = 0; n < 1500; n++) i.upsert(doc('2', `転入届の手続き ${n}`, '転入届を出してください。'));
    expect(i.size).toBe(5);
    expect(ids(i, '転入届')[0]).toBe('2');
    expect(ids(i, '住民票の写し')[0]).toBe('1');
    expect(i.suggest('てんにゅう').map((s) => s.faqId)).toEqual(['T-2']);
  });

  it('returns the same top results whether or not pruning cut the work short', () => {
    const i = fresh();
    const words = ['住民票', '戸籍', '印鑑', '転入', '転出', '保険', '年金', '税金', 'ごみ', '保育'];
    for (let n = 0; n < 150; n++) {
      const [a, b, c] = [words[n % 10], words[(n * 3 + 1) % 10], words[(n * 7 + 2) % 10]];
      i.upsert(
        doc(`g${n}`, `${a}と${b}の手続き${n}`, `${c}について。${a}の窓口は市役所です。`.repeat(1 + (n % 3))),
      );
    }
    for (const q of ['住民票と戸籍の手続き', '年金 税金 保険', 'ごみと保育の窓口', 'いんかん てんにゅう']) {
      expect(ids(i, q, { limit: 3 })).toEqual(ids(i, q, { limit: 500 }).slice(0, 3));
      expect(ids(i, q, { limit: 10 })).toEqual(ids(i, q, { limit: 500 }).slice(0, 10));
    }
  });

  it('escapes HTML in snippets and marks the matched words', () => {
    const i = fresh();
    i.upsert(doc('h', 'お知らせの表示', '住民票 & 印鑑 "証明" は窓口へ。<script>alert(1)</script>'));
    const hit = i.search('住民票 印鑑 表示').hits.find((h) => h.id === 'h')!;
    expect(hit.snippet).toContain('&lt;script&gt;');
    expect(hit.snippet).not.toContain('<script>');
    expect(hit.snippet).toContain('&amp;');
    expect(hit.snippet).toContain('<mark>住民票</mark>');
    expect(hit.snippet).toContain('<mark>印鑑</mark>');
  });

  it('marks matches in the answer across width and kana differences', () => {
    const hit = index.search('ﾃｽｳﾘｮｳ 手数料').hits.find((h) => h.id === '1')!;
    expect(hit.snippet).toContain('<mark>手数料</mark>');
  });

  it('returns nothing, without throwing, for empty, blank or symbol-only queries', () => {
    for (const q of ['', '   ', '　', '？！…', '<>&', '。、']) {
      expect(index.search(q)).toEqual({ hits: [], didYouMean: null });
    }
  });

  it('handles a 200-character query', () => {
    const long = '住民票の写しを取りたいのですが、'.repeat(14).slice(0, 200);
    expect(long).toHaveLength(200);
    const result = index.search(long);
    expect(result.hits[0]?.id).toBe('1');
  });

  it('offers a correction for a near miss, and none for a good query', () => {
    expect(index.search('住民表の写し').didYouMean).toBe('住民票の写し');
    expect(index.search('戸籍騰本').didYouMean).toBe('戸籍謄本');
    expect(index.search('住民票の写し').didYouMean).toBeNull();
  });

  it('ranks an FAQ by a past inquiry linked to it, only when evidence is on', () => {
    const i = fresh();
    const answer = '所有者に適正な管理をお願いしています。';
    i.upsert(doc('e', '空き家の管理', answer, { evidence: ['隣が草ぼうぼうで虫がわいて困っている'] }));
    expect(ids(i, '隣の草がぼうぼうで虫がわく')[0]).toBe('e');
    expect(ids(i, '隣の草がぼうぼうで虫がわく', { useEvidence: false })).not.toContain('e');
  });
});

describe('suggest', () => {
  beforeAll(() => {
    index = fresh();
  });

  it('finds kanji questions from a kana prefix', () => {
    expect(index.suggest('じゅうみ')[0]).toEqual({ kind: 'faq', text: '住民票の写しの交付', faqId: 'T-1' });
    expect(index.suggest('こくみんけ').map((s) => s.faqId)).toEqual(['T-3']);
  });

  it('finds a question from a word inside it, and ignores romaji still in the IME', () => {
    expect(index.suggest('こうふ').map((s) => s.faqId)).toContain('T-1');
    expect(index.suggest('そだいg').map((s) => s.faqId)).toEqual(['T-4']);
  });

  it('puts questions that start with the prefix first', () => {
    const i = fresh();
    i.upsert(doc('t', '住民票の写しの郵送請求', '郵送で請求できます。'));
    i.upsert(doc('u', '転出した人の住民票', '除票を請求してください。'));
    const faqIds = i.suggest('住民票').map((s) => s.faqId);
    expect(faqIds.indexOf('T-u')).toBeGreaterThan(faqIds.indexOf('T-1'));
    expect(faqIds.indexOf('T-u')).toBeGreaterThan(faqIds.indexOf('T-t'));
  });

  it('offers frequent queries as well as questions', () => {
    const i = fresh();
    i.setFrequentQueries([
      { text: '粗大ごみ 料金', count: 40 },
      { text: '粗大ごみ 予約', count: 90 },
      { text: '戸籍謄本 郵送', count: 5 },
    ]);
    const s = i.suggest('そだい', { limit: 5 });
    expect(s[0]).toEqual({ kind: 'faq', text: '粗大ごみの出し方', faqId: 'T-4' });
    expect(s.filter((x) => x.kind === 'query').map((x) => x.text)).toEqual([
      '粗大ごみ 予約',
      '粗大ごみ 料金',
    ]);
  });

  it('respects publication and returns nothing for an empty prefix', () => {
    const i = fresh();
    i.upsert(doc('d', '臨時窓口の下書き', '準備中', { published: false }));
    expect(i.suggest('りんじ').map((s) => s.faqId)).toEqual(['T-d']);
    expect(i.suggest('りんじ', { publishedAt: new Date() })).toEqual([]);
    expect(i.suggest('')).toEqual([]);
    expect(i.suggest('  ？')).toEqual([]);
  });
});

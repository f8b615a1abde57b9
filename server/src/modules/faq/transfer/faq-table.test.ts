import { describe, expect, it } from 'vitest';
import { cp932RoundTrip } from './encoding.ts';
import {
  cellsOf,
  columnsOf,
  type FaqRecord,
  lookupOf,
  mapHeader,
  readRow,
  type Vocabulary,
} from './faq-table.ts';

const vocabulary: Vocabulary = {
  axes: [
    {
      id: 'axis-field',
      key: 'field',
      name: '分野',
      categories: [
        { id: 'c-koseki', name: '戸籍・住民票' },
        { id: 'c-tax', name: '税金' },
      ],
    },
    {
      id: 'axis-life',
      key: 'life_event',
      name: 'ライフイベント',
      categories: [{ id: 'c-move', name: '引越し〜転入' }],
    },
  ],
  departments: [{ id: 'd-shimin', name: '市民課' }],
};
const columns = columnsOf(vocabulary);
const identity = (s: string) => s;
const row = (cells: string[], n = 2) => ({ row: n, cells, cellErrors: [] });

const faq: FaqRecord = {
  faqId: 'IWK-0001',
  question: '-1から始まる質問',
  answer: '<p>=SUM(A1) ではありません</p>',
  altPhrasings: ['住民票 取りたい', '+81 からの電話'],
  keywords: ['住民票'],
  categoryIds: ['c-koseki', 'c-move'],
  departmentId: 'd-shimin',
  relatedFaqIds: ['IWK-0002', 'IWK-0003'],
  relatedUrls: [{ title: '市民課', url: 'https://example.jp/shimin' }],
  internalNotes: '@担当 内線1234',
  published: true,
  publishStart: '2027-03-31T15:00:00.000Z',
  publishEnd: null,
  lastReviewedAt: '2027-01-10T03:00:00.000Z',
};

describe('columns', () => {
  it('puts one column per category axis between キーワード and 所管課', () => {
    expect(columns.map((c) => c.label)).toEqual([
      'FAQ-ID',
      '質問',
      '回答',
      '言い換え',
      'キーワード',
      '分野',
      'ライフイベント',
      '所管課',
      '関連FAQ',
      '関連URL',
      '内部メモ',
      '公開',
      '公開開始',
      '公開終了',
      '最終確認日',
      '削除',
    ]);
  });

  it('writes an FAQ as neutralised cells', () => {
    const cells = cellsOf(faq, columns, vocabulary);
    expect(cells).toEqual([
      'IWK-0001',
      "'-1から始まる質問",
      '<p>=SUM(A1) ではありません</p>',
      '住民票 取りたい\n+81 からの電話',
      '住民票',
      '戸籍・住民票',
      '引越し〜転入',
      '市民課',
      'IWK-0002\nIWK-0003',
      '市民課|https://example.jp/shimin',
      "'@担当 内線1234",
      '公開',
      '2027-04-01 00:00',
      '',
      '2027-01-10',
      '',
    ]);
  });

  it('reads back exactly what it wrote', () => {
    const header = mapHeader(
      columns.map((c) => c.label),
      columns,
    );
    expect(header.errors).toEqual([]);
    const request = readRow(row(cellsOf(faq, columns, vocabulary)), header, lookupOf(vocabulary, identity));
    expect(request.errors).toEqual([]);
    expect(request.faqId).toBe('IWK-0001');
    expect(request.delete).toBe(false);
    expect(request.values).toEqual({
      question: faq.question,
      answer: faq.answer,
      altPhrasings: faq.altPhrasings,
      keywords: faq.keywords,
      departmentId: 'd-shimin',
      relatedFaqIds: faq.relatedFaqIds,
      relatedUrls: faq.relatedUrls,
      internalNotes: faq.internalNotes,
      published: true,
      publishStart: '2027-04-01T00:00:00+09:00',
      publishEnd: null,
      lastReviewedAt: '2027-01-10T00:00:00+09:00',
    });
    expect(Object.fromEntries(request.categories)).toEqual({
      'axis-field': ['c-koseki'],
      'axis-life': ['c-move'],
    });
  });
});

describe('header', () => {
  it('accepts the Japanese labels and the English keys, mixed, in any order and case', () => {
    const header = mapHeader(
      ['Question', 'FAQ-ID', 'answer', 'field', 'ライフイベント', '所管課', 'PUBLISHED'],
      columns,
    );
    expect(header.errors).toEqual([]);
    expect(header.columns.map((c) => c?.key)).toEqual([
      'question',
      'faq_id',
      'answer',
      'field',
      'life_event',
      'department',
      'published',
    ]);
  });

  it('accepts the minimum file faq_id,question,answer', () => {
    const header = mapHeader(['faq_id', 'question', 'answer'], columns);
    expect(header.errors).toEqual([]);
    const request = readRow(row(['', '新しい質問', '新しい回答']), header, lookupOf(vocabulary, identity));
    expect(request).toMatchObject({
      faqId: null,
      delete: false,
      values: { question: '新しい質問', answer: '新しい回答' },
    });
    expect(Object.keys(request.values)).toEqual(['question', 'answer']);
  });

  it('names a missing required column, an unknown one and a repeated one', () => {
    const header = mapHeader(['FAQ-ID', '質問', '備考', 'question'], columns);
    expect(header.errors).toEqual([
      expect.stringContaining('「備考」は知らない列'),
      expect.stringContaining('「question」は「質問」と同じ列'),
      expect.stringContaining('必須の列「回答」（answer）がありません'),
    ]);
  });

  it('reads full-width header text as its half-width form', () => {
    expect(mapHeader(['ＦＡＱ－ＩＤ', '質問', '回答'], columns).errors).toEqual([]);
  });
});

describe('row', () => {
  const header = mapHeader(
    columns.map((c) => c.label),
    columns,
  );
  const cells = (over: Record<string, string>) =>
    columns.map((c) => over[c.label] ?? cellsOf(faq, [c], vocabulary)[0] ?? '');

  it('names the column of each bad cell', () => {
    const request = readRow(
      row(
        cells({
          分野: '戸籍・住民票\n福祉',
          所管課: '存在しない課',
          公開: 'はい',
          公開開始: '2027-13-01',
          関連URL: 'URLだけ',
          削除: 'x',
        }),
        7,
      ),
      header,
      lookupOf(vocabulary, identity),
    );
    expect(request.row).toBe(7);
    expect(request.errors.map((e) => e.column)).toEqual([
      '分野',
      '所管課',
      '関連URL',
      '公開',
      '公開開始',
      '削除',
    ]);
    expect(request.errors[0]?.message).toContain('カテゴリ「福祉」は分類「分野」にありません');
  });

  it('reads a delete mark', () => {
    expect(readRow(row(cells({ 削除: '削除' })), header, lookupOf(vocabulary, identity)).delete).toBe(true);
    expect(readRow(row(cells({ 削除: '1' })), header, lookupOf(vocabulary, identity)).delete).toBe(true);
  });

  it('finds a category named with 〜 in a CP932 file, where it reads as ～', () => {
    const request = readRow(
      row(cells({ ライフイベント: '引越し～転入' })),
      header,
      lookupOf(vocabulary, cp932RoundTrip),
    );
    expect(request.errors).toEqual([]);
    expect(request.categories.get('axis-life')).toEqual(['c-move']);
  });

  it('refuses values in cells beyond the header', () => {
    const request = readRow(row([...cells({}), 'はみ出し']), header, lookupOf(vocabulary, identity));
    expect(request.errors).toEqual([{ column: null, message: expect.stringContaining('見出しより多い') }]);
  });
});

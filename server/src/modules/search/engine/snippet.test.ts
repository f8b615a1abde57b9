import { describe, expect, it } from 'vitest';
import { escapeHtml, makeSnippet, snippetsFor } from './snippet.ts';

describe('makeSnippet', () => {
  it('escapes everything but the marks', () => {
    const s = makeSnippet('<b>住民票</b> & "写し"', ['住民票']);
    expect(s).toBe('&lt;b&gt;<mark>住民票</mark>&lt;/b&gt; &amp; &quot;写し&quot;');
  });

  it('marks the original characters when the term matched after normalisation', () => {
    expect(makeSnippet('ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞの申請', ['マイナンバーカード'])).toBe('<mark>ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞ</mark>の申請');
    expect(makeSnippet('ごみの日', ['ゴミ'])).toBe('<mark>ごみ</mark>の日');
  });

  it('prefers the longer of overlapping matches', () => {
    expect(makeSnippet('住民票の写し', ['住民', '住民票'])).toBe('<mark>住民票</mark>の写し');
  });

  it('shows the part of a long answer where the terms are', () => {
    const text = `${'前置きの文です。'.repeat(30)}粗大ごみは予約制です。${'後の文です。'.repeat(30)}`;
    const s = makeSnippet(text, ['粗大ごみ'], 60);
    expect(s.startsWith('…')).toBe(true);
    expect(s).toContain('<mark>粗大ごみ</mark>は予約制です。');
    expect(s.endsWith('…')).toBe(true);
  });

  it('takes the window with the most distinct terms, and the same for every hit of a query', () => {
    const filler = 'あいうえおかきくけこ'.repeat(15);
    // 住民票 alone at the start; 印鑑, 戸籍 and 住民票 together later; 印鑑 and 戸籍 again at the end.
    const text = `住民票です。${filler}印鑑と戸籍と住民票。${filler}印鑑と戸籍。`;
    const s = makeSnippet(text, ['住民票', '印鑑', '戸籍'], 40);
    expect(s).toContain('<mark>印鑑</mark>と<mark>戸籍</mark>と<mark>住民票</mark>');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    // Terms left behind by an earlier window do not count for a later one.
    const early = makeSnippet(`住民票と印鑑。${filler}戸籍です。${filler}`, ['住民票', '印鑑', '戸籍'], 40);
    expect(early.startsWith('<mark>住民票</mark>と<mark>印鑑</mark>')).toBe(true);
    expect(early).not.toContain('戸籍');
    const many = snippetsFor(['住民票', '印鑑', '戸籍'], 40);
    expect(many(text)).toBe(s);
    expect(many('戸籍と印鑑')).toBe('<mark>戸籍</mark>と<mark>印鑑</mark>');
  });

  it('starts at the beginning when nothing matches', () => {
    expect(makeSnippet('回答の本文です。', ['住民票'])).toBe('回答の本文です。');
  });

  it('escapes quotes and ampersands', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

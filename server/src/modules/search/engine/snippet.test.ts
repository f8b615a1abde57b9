import { describe, expect, it } from 'vitest';
import { escapeHtml, makeSnippet } from './snippet.ts';

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

  it('starts at the beginning when nothing matches', () => {
    expect(makeSnippet('回答の本文です。', ['住民票'])).toBe('回答の本文です。');
  });

  it('escapes quotes and ampersands', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

import { describe, expect, it } from 'vitest';
import { answerHtmlFromText, answerHtmlOf, answerTextOf, sanitizeAnswerHtml } from './answer-html.ts';

describe('sanitizeAnswerHtml', () => {
  it('removes scripts, styles, event handlers and unknown tags, keeping their harmless text', () => {
    expect(
      sanitizeAnswerHtml(
        '<div class="x"><p style="color:red" onmouseover="x()">受付<script>steal()</script></p>' +
          '<img src="x" onerror="alert(1)"><iframe src="https://evil.example/">中</iframe><span>本文</span></div>',
      ),
    ).toBe('<p>受付</p>本文');
  });

  it('keeps web, mail and phone links, and unlinks every other scheme', () => {
    expect(
      sanitizeAnswerHtml(
        '<a href="https://www.city.example.jp/" title="市" target="_blank" rel="x">市</a>' +
          '<a href="mailto:info@city.example.jp">メール</a><a href="tel:0246-00-1000">電話</a>' +
          '<a href="javascript:alert(1)">危険</a><a href=" JaVaScRiPt:alert(1)">危険2</a>' +
          '<a href="data:text/html,x">データ</a><a href="//evil.example/">相対</a>',
      ),
    ).toBe(
      '<a href="https://www.city.example.jp/" title="市">市</a><a href="mailto:info@city.example.jp">メール</a>' +
        '<a href="tel:0246-00-1000">電話</a>危険危険2データ相対',
    );
  });

  it('keeps tables, lists, headings and quotes', () => {
    const html =
      '<h3>持ち物</h3><ul><li>本人確認書類</li></ul><table><thead><tr><th>種類</th></tr></thead>' +
      '<tbody><tr><td>住民票</td></tr></tbody></table><blockquote>注意</blockquote>';
    expect(sanitizeAnswerHtml(html)).toBe(html);
  });
});

describe('plain text answers', () => {
  it('become paragraphs and line breaks, escaped', () => {
    expect(answerHtmlFromText('1行目\r\n2行目\n\n\n<b>太字</b> & "引用"')).toBe(
      '<p>1行目<br>2行目</p><p>&lt;b&gt;太字&lt;/b&gt; &amp; &quot;引用&quot;</p>',
    );
    expect(answerHtmlOf('タグなしの回答')).toBe('<p>タグなしの回答</p>');
    expect(answerHtmlOf('<p>HTMLの回答<script>x</script></p>')).toBe('<p>HTMLの回答</p>');
  });

  it('come back out of the HTML for search and export', () => {
    expect(
      answerTextOf(
        '<p>窓口は<strong>本庁舎</strong>です。<br>8:30から</p><ul><li>印鑑</li><li>本人確認書類</li></ul>' +
          '<table><tr><th>手数料</th><td>300円 &amp; 税</td></tr></table><p>1 &lt; 2</p>',
      ),
    ).toBe('窓口は本庁舎です。\n8:30から\n・印鑑\n・本人確認書類\n手数料\t300円 & 税\n1 < 2');
  });
});

import { describe, expect, it } from 'vitest';
import { escapeText, html, raw, SafeHtml } from './html.ts';

describe('html tagged template', () => {
  it('escapes strings and numbers interpolated as text or attribute values', () => {
    const hostile = `<script>alert("x")</script>&'`;
    const out = html`<p title="${hostile}">${hostile} ${42}</p>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39; 42</p>',
    );
  });

  it('inserts SafeHtml as is, nested templates included', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${raw('<em>ok</em>')}</p>`.value).toBe('<p><b>&lt;i&gt;</b><em>ok</em></p>');
  });

  it('flattens and joins arrays, escaping their string members', () => {
    const items = ['a<', 'b'];
    expect(html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`.value).toBe(
      '<ul><li>a&lt;</li><li>b</li></ul>',
    );
    expect(html`${[['x', ['<y>']], raw('<z>')]}`.value).toBe('x&lt;y&gt;<z>');
  });

  it('renders null, undefined and false as nothing (for conditional parts)', () => {
    const no = false as boolean;
    expect(html`[${null}${undefined}${no && html`<b>shown</b>`}]`.value).toBe('[]');
    expect(html`[${!no && html`<b>shown</b>`}]`.value).toBe('[<b>shown</b>]');
  });

  it('keeps 0 and the empty string', () => {
    expect(html`${0}|${''}|`.value).toBe('0||');
  });

  it('escapeText escapes for hand-built strings', () => {
    expect(escapeText('"<&>')).toBe('&quot;&lt;&amp;&gt;');
  });
});

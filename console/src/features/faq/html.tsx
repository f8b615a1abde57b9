import { answerAllowedTags } from '@madoguchi/contracts';
import { createElement, Fragment, type ReactNode } from 'react';

// FAQ answers are HTML kept by the server on an allow-list. The console never hands HTML to the DOM: it
// parses it inertly (DOMParser runs no scripts and loads nothing) and rebuilds the allowed elements as React
// elements, so the preview shows what the server will keep and nothing else can run.

/** Tags kept: the same allow-list the server sanitises to. */
const allowed = new Set(answerAllowedTags);

/** Tags dropped together with their content (the server's `nonTextTags`); other tags keep their text. */
const dropped = new Set([
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'iframe',
  'object',
  'template',
  'head',
  'title',
]);

const voidTags = new Set(['br']);

/** Containers whose whitespace-only text is layout, not content (React rejects it inside tables). */
const structural = new Set(['table', 'thead', 'tbody', 'tr', 'ul', 'ol']);

function safeHref(href: string | null): string | undefined {
  if (!href) return undefined;
  const value = href.trim();
  return /^(https?:|mailto:|tel:)/i.test(value) ? value : undefined;
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
}

function convert(node: Node, key: string): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) {
    const parent = node.parentNode as Element | null;
    const text = node.textContent ?? '';
    if (parent?.tagName && structural.has(parent.tagName.toLowerCase()) && text.trim() === '') return null;
    return text;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  if (dropped.has(tag)) return null;
  const children = voidTags.has(tag) ? undefined : convertChildren(el);
  if (!allowed.has(tag))
    return children && children.length > 0 ? createElement(Fragment, { key }, children) : null;
  if (tag === 'a') {
    const href = safeHref(el.getAttribute('href'));
    if (!href) return createElement(Fragment, { key }, children);
    const title = el.getAttribute('title') ?? undefined;
    return createElement('a', { key, href, title, target: '_blank', rel: 'noopener noreferrer' }, children);
  }
  return createElement(tag, { key }, children);
}

function convertChildren(parent: Node): ReactNode[] {
  return Array.from(parent.childNodes, (child, i) => convert(child, String(i)));
}

/** An answer without any tag is plain text to the server: blank lines part paragraphs, line breaks stay. */
function looksLikePlainText(answer: string): boolean {
  return !/<\/?[a-zA-Z][^>]*>/.test(answer);
}

function plainTextParagraphs(text: string): ReactNode[] {
  return text
    .replaceAll('\r\n', '\n')
    .split(/\n\s*\n/)
    .map((para) => para.trim())
    .filter(Boolean)
    .map((para, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a text have no other identity
      <p key={i}>{para.split('\n').flatMap((line, j) => (j === 0 ? [line] : [<br key={j} />, line]))}</p>
    ));
}

/**
 * An answer as the server keeps it, as React elements: allowed tags only, links open in a new tab. Plain
 * text (no tag at all) becomes paragraphs, as the server turns it into `<p>` and `<br>`.
 */
export function AnswerHtml({ html, className }: { html: string; className?: string }) {
  const content = looksLikePlainText(html) ? plainTextParagraphs(html) : convertChildren(parse(html).body);
  return <div className={`faq-answer${className ? ` ${className}` : ''}`}>{content}</div>;
}

/**
 * A search snippet: escaped text in which the server wrapped the matched words in `<mark>`. Only the marks
 * are rendered; any other markup shows as its text.
 */
export function Snippet({ text }: { text: string }) {
  const body = parse(text).body;
  const parts: ReactNode[] = [];
  body.childNodes.forEach((child, i) => {
    const tag = child.nodeType === Node.ELEMENT_NODE ? (child as Element).tagName.toLowerCase() : null;
    if (tag && dropped.has(tag)) return;
    if (tag === 'mark') {
      // biome-ignore lint/suspicious/noArrayIndexKey: a snippet's parts never move
      parts.push(<mark key={i}>{child.textContent}</mark>);
    } else {
      parts.push(child.textContent);
    }
  });
  return <>{parts}</>;
}

/** Plain text of an answer (for short previews in lists and revision diffs). */
export function htmlToText(html: string): string {
  return (parse(html).body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text made safe for HTML content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => escapes[c] ?? c);
}

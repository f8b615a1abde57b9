// FAQ answers are HTML written in the console editor, pasted from Word or the city's site, or imported.
// They reach operators' screens and the public site, so only an allow-list survives: no scripts, no event
// handlers, no styles, links only to web, mail and phone addresses.
import { answerAllowedTags } from '@madoguchi/contracts';
import sanitizeHtml from 'sanitize-html';

const allowedTags = [...answerAllowedTags];

const options: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Text inside these is code or markup, never answer text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template'],
};

/** The answer HTML with everything outside the allow-list removed. */
export function sanitizeAnswerHtml(html: string): string {
  // A link whose address was refused (javascript:, data: …) keeps its text and stops being a link.
  return sanitizeHtml(html, options)
    .replace(/<a(?: title="[^"]*")?>([\s\S]*?)<\/a>/g, '$1')
    .trim();
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Plain text as HTML: blank lines separate paragraphs, single line breaks become `<br>`. */
export function answerHtmlFromText(text: string): string {
  return text
    .replaceAll('\r\n', '\n')
    .split(/\n\s*\n/)
    .map((para) => para.trim())
    .filter(Boolean)
    .map((para) => `<p>${escapeHtml(para).replaceAll('\n', '<br>')}</p>`)
    .join('');
}

/** Whether the answer was typed as plain text (no tag at all), as CSV files and API clients often send. */
export function looksLikePlainText(answer: string): boolean {
  return !/<\/?[a-zA-Z][^>]*>/.test(answer);
}

/** Sanitised HTML from an answer given either as HTML or as plain text. */
export function answerHtmlOf(answer: string): string {
  return looksLikePlainText(answer) ? answerHtmlFromText(answer) : sanitizeAnswerHtml(answer);
}

const blockEnd = /<\/(p|li|h3|h4|tr|blockquote)>/gi;

/**
 * The text of sanitised answer HTML, for search and export: paragraphs and list items on lines of their
 * own, table cells separated by tabs, entities decoded.
 */
export function answerTextOf(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '・')
    .replace(/<\/t[dh]>/gi, '\t')
    .replace(blockEnd, '\n');
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/g, '').replace(/^[ \t]+/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// sanitize-html escapes only these when it writes text back out.
function decodeEntities(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

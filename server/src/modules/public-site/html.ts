import escapeHtml from 'escape-html';

/**
 * HTML building for the citizens' pages: every interpolated value is escaped unless it is already SafeHtml,
 * so hostile FAQ text, search words and settings can only ever appear as text.
 *
 *   html`<p>${userText}</p>`             → escaped
 *   html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`   → arrays joined
 *   html`${cond && html`<b>x</b>`}`      → false / null / undefined give ''
 *   raw(sanitisedAnswerHtml)             → inserted as is (only for HTML already sanitised or built here)
 */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/** Marks a string that is trusted HTML (sanitised answer HTML, markup built by this module). */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += render(item);
    return out;
  }
  return escapeHtml(String(value));
}

/** Tagged template producing SafeHtml; see the comment at the top of this file. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) {
    out += render(values[i]);
    out += strings[i + 1] ?? '';
  }
  return new SafeHtml(out);
}

/** Escapes one value for use in text or a quoted attribute (for callers building strings by hand). */
export function escapeText(value: string | number): string {
  return escapeHtml(String(value));
}

// The auto-reply's subject and body are templates with {placeholders} (contracts/src/mail.ts lists them).

/** Replaces every `{name}` whose name is in `values`; unknown names stay as written, so a typo shows. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] as string) : whole,
  );
}

/** A subject is one header line: line breaks (header injection, or a value with newlines) become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

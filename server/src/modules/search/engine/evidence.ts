import type { Analyzer } from './analyzer.ts';
import { normalize } from './normalize.ts';

/**
 * The wording without personal names (kuromoji's 名詞-固有名詞-人名), for evidence: operators type what the
 * caller says, names included. Patterns (phone numbers, e-mail addresses) are the FAQ module's job
 * (`normalizeEvidencePhrase`); names need the dictionary, so they are cut here.
 */
export function removePersonalNames(analyzer: Analyzer, text: string): string {
  const normalized = normalize(text);
  let out = '';
  let cursor = 0;
  for (const t of analyzer.tokenize(normalized)) {
    if (t.pos === '名詞-固有名詞' && t.detail === '人名') {
      out += `${normalized.slice(cursor, t.start)} `;
      cursor = t.start + t.surface.length;
    }
  }
  return (out + normalized.slice(cursor)).replace(/\s+/g, ' ').trim();
}

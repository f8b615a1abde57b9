import fs from 'node:fs';
import path from 'node:path';
import type { SearchDocument } from '../../server/src/modules/search/engine/index.ts';

/** An FAQ of the evaluation set (bench/search-eval/faqs-*.jsonl). */
export interface EvalFaq {
  faqId: string;
  question: string;
  answer: string;
  altPhrasings: string[];
  keywords: string[];
  categories: { field?: string; life_event?: string[]; keyword?: string[] };
  department: string;
}

/** A query with graded judgments (2 = answers it, 1 = partly). */
export interface EvalQuery {
  id: string;
  query: string;
  style: string;
  judgments: Record<string, number>;
}

/** The evaluation set and the lines that could not be read (the writers may still be filling the files). */
export interface EvalSet {
  faqs: EvalFaq[];
  queries: EvalQuery[];
  skippedLines: number;
  files: string[];
}

/** The directory of the evaluation files. */
export const evalDir = path.join(import.meta.dirname, '..', 'search-eval');

/** Reads every faqs-*.jsonl and queries-*.jsonl; queries judging unknown FAQs keep only the known ones. */
export function loadEvalSet(dir = evalDir): EvalSet {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
    : [];
  let skippedLines = 0;
  const read = <T>(prefix: string, valid: (v: unknown) => v is T): T[] => {
    const out: T[] = [];
    for (const f of files.filter((name) => name.startsWith(prefix))) {
      for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const v = JSON.parse(line) as unknown;
          if (valid(v)) out.push(v);
          else skippedLines++;
        } catch {
          skippedLines++;
        }
      }
    }
    return out;
  };
  const faqMap = new Map<string, EvalFaq>();
  for (const f of read('faqs', isFaq)) faqMap.set(f.faqId, f);
  const queries: EvalQuery[] = [];
  const seen = new Set<string>();
  for (const q of read('queries', isQuery)) {
    if (seen.has(q.id)) continue;
    seen.add(q.id);
    const judgments = Object.fromEntries(
      Object.entries(q.judgments).filter(([id, g]) => faqMap.has(id) && g > 0),
    );
    if (Object.keys(judgments).length > 0) queries.push({ ...q, judgments });
    else skippedLines++;
  }
  return { faqs: [...faqMap.values()], queries, skippedLines, files };
}

function isFaq(v: unknown): v is EvalFaq {
  const f = v as EvalFaq;
  if (typeof f?.faqId !== 'string' || typeof f.question !== 'string' || typeof f.answer !== 'string')
    return false;
  f.altPhrasings = Array.isArray(f.altPhrasings) ? f.altPhrasings : [];
  f.keywords = Array.isArray(f.keywords) ? f.keywords : [];
  f.categories ??= {};
  f.department ??= '';
  return true;
}

function isQuery(v: unknown): v is EvalQuery {
  const q = v as EvalQuery;
  return (
    typeof q?.id === 'string' &&
    typeof q.query === 'string' &&
    typeof q.judgments === 'object' &&
    q.judgments !== null
  );
}

/** The FAQ as a search document; categories become ids like `field:戸籍・住民票`. */
export function toSearchDocument(f: EvalFaq, evidence?: string[]): SearchDocument {
  return {
    id: f.faqId,
    faqId: f.faqId,
    question: f.question,
    answer: f.answer,
    altPhrasings: f.altPhrasings,
    keywords: f.keywords,
    categoryIds: [
      ...(f.categories.field ? [`field:${f.categories.field}`] : []),
      ...(f.categories.life_event ?? []).map((c) => `life:${c}`),
      ...(f.categories.keyword ?? []).map((c) => `kw:${c}`),
    ],
    departmentId: f.department || null,
    published: true,
    publishStart: null,
    publishEnd: null,
    ...(evidence && evidence.length > 0 ? { evidence } : {}),
  };
}

/** Tuning half (odd-numbered ids) or held-out half (even); ids are numbered like `Q-0042` or `q42`. */
export function splitOf(q: EvalQuery): 'tune' | 'heldout' {
  const digits = q.id.match(/(\d+)(?!.*\d)/)?.[1];
  const n = digits ? Number(digits) : hash(q.id);
  return n % 2 === 1 ? 'tune' : 'heldout';
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

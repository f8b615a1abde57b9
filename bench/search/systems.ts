import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { createTokenizer } from '@orama/tokenizers/japanese';
import {
  type Analyzer,
  createSearchIndex,
  loadSudachiSynonyms,
  mergeSynonyms,
  municipalSynonyms,
  type RankingParams,
  type SearchIndex,
  type SynonymSet,
} from '../../server/src/modules/search/engine/index.ts';
import { type EvalFaq, type EvalQuery, toSearchDocument } from './eval-data.ts';

/** A system under evaluation: ranks FAQ-IDs for a query. */
export interface RankingSystem {
  name: string;
  rank(query: EvalQuery): Promise<string[]> | string[];
  close?(): Promise<void>;
}

/** Synonym configurations compared in the benchmark. */
export type SynonymMode = 'none' | 'sudachi' | 'sudachi+curated';

/** Builds the synonym set for a mode. */
export function synonymsFor(mode: SynonymMode): SynonymSet | null {
  if (mode === 'none') return null;
  if (mode === 'sudachi') return mergeSynonyms(loadSudachiSynonyms(), []);
  return mergeSynonyms(loadSudachiSynonyms(), municipalSynonyms);
}

/**
 * Our engine. With `evidenceFolds`, learning from use is simulated honestly: queries are split into k folds,
 * and a query of fold i is answered by an index whose evidence comes only from the other folds' queries
 * (each attached to the FAQs it judged 2, as an operator would link the FAQ that answered it).
 */
export function ours(options: {
  name: string;
  analyzer: Analyzer;
  faqs: EvalFaq[];
  queries: EvalQuery[];
  synonyms: SynonymSet | null;
  params?: RankingParams;
  evidenceFolds?: number;
  useSynonyms?: boolean;
}): RankingSystem & { indexes: SearchIndex[]; foldOf: (q: EvalQuery) => number } {
  const k = options.evidenceFolds ?? 0;
  const foldOf = (q: EvalQuery) => (k > 0 ? options.queries.indexOf(q) % k : 0);
  const indexes: SearchIndex[] = [];
  for (let fold = 0; fold < Math.max(1, k); fold++) {
    const evidence = new Map<string, string[]>();
    if (k > 0) {
      options.queries.forEach((q, i) => {
        if (i % k === fold) return;
        for (const [faqId, grade] of Object.entries(q.judgments)) {
          if (grade < 2) continue;
          const list = evidence.get(faqId) ?? [];
          list.push(q.query);
          evidence.set(faqId, list);
        }
      });
    }
    const index = createSearchIndex({
      analyzer: options.analyzer,
      synonyms: options.synonyms,
      ...(options.params ? { params: options.params } : {}),
    });
    for (const f of options.faqs) index.upsert(toSearchDocument(f, evidence.get(f.faqId)));
    indexes.push(index);
  }
  return {
    name: options.name,
    indexes,
    foldOf,
    rank(q) {
      const index = indexes[foldOf(q)]!;
      return index
        .search(q.query, { limit: 10, useEvidence: k > 0, useSynonyms: options.useSynonyms ?? true })
        .hits.map((h) => h.faqId);
    },
  };
}

/** Orama 3 with its Japanese tokenizer (Intl.Segmenter) over question, phrasings, keywords and answer. */
export async function orama(faqs: EvalFaq[], variant: 'default' | 'any-term'): Promise<RankingSystem> {
  const db = create({
    schema: {
      faqId: 'string',
      question: 'string',
      alt: 'string',
      keywords: 'string',
      answer: 'string',
    } as const,
    components: { tokenizer: createTokenizer() },
  });
  await insertMultiple(
    db,
    faqs.map((f) => ({
      faqId: f.faqId,
      question: f.question,
      alt: f.altPhrasings.join('\n'),
      keywords: f.keywords.join(' '),
      answer: f.answer,
    })),
  );
  return {
    name: variant === 'default' ? 'Orama (Japanese tokenizer, defaults)' : 'Orama (any term, question ×2)',
    async rank(q) {
      const result = await oramaSearch(db, {
        term: q.query,
        properties: ['question', 'alt', 'keywords', 'answer'],
        limit: 10,
        ...(variant === 'any-term' ? { threshold: 1, boost: { question: 2, alt: 1.5 } } : {}),
      });
      return result.hits.map((h) => (h.document as { faqId: string }).faqId);
    },
  };
}

/**
 * PostgreSQL pg_trgm in PGlite. PGlite's database has LC_CTYPE C.UTF-8, so trigrams see Japanese characters
 * (with a plain C ctype they would see none). Variants: similarity to the question, and word_similarity
 * of the query within question + phrasings + keywords + answer.
 */
export async function pgTrgm(
  faqs: EvalFaq[],
  variant: 'similarity' | 'word_similarity',
): Promise<RankingSystem> {
  const db = await PGlite.create({ extensions: { pg_trgm } });
  await db.exec(`create extension pg_trgm;
    create table faq (faq_id text primary key, question text, body text);`);
  for (const f of faqs) {
    await db.query('insert into faq values ($1, $2, $3)', [
      f.faqId,
      f.question,
      [f.question, ...f.altPhrasings, ...f.keywords, f.answer].join(' '),
    ]);
  }
  const sql =
    variant === 'similarity'
      ? 'select faq_id from faq order by similarity(question, $1) desc, faq_id limit 10'
      : 'select faq_id from faq order by word_similarity($1, body) desc, faq_id limit 10';
  return {
    name: variant === 'similarity' ? 'pg_trgm similarity(question)' : 'pg_trgm word_similarity(all fields)',
    async rank(q) {
      const r = await db.query<{ faq_id: string }>(sql, [q.query]);
      return r.rows.map((row) => row.faq_id);
    },
    close: () => db.close(),
  };
}

/**
 * Plain substring match, what a LIKE '%…%' search gives: the query (split on spaces) must occur in the FAQ;
 * more parts found rank higher, the question counts double.
 */
export function substring(faqs: EvalFaq[]): RankingSystem {
  const rows = faqs.map((f) => ({
    id: f.faqId,
    question: f.question.normalize('NFKC').toLowerCase(),
    all: [f.question, ...f.altPhrasings, ...f.keywords, f.answer].join('\n').normalize('NFKC').toLowerCase(),
  }));
  return {
    name: 'Substring match (LIKE)',
    rank(q) {
      const parts = q.query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
      return rows
        .map((r) => ({
          id: r.id,
          score: parts.reduce(
            (s, p) => s + (r.question.includes(p) ? 2 : 0) + (r.all.includes(p) ? 1 : 0),
            0,
          ),
        }))
        .filter((r) => r.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, 10)
        .map((r) => r.id);
    },
  };
}

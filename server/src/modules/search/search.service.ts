// The per-process search indexes: one in-memory engine index per centre, built from the database on first use
// (or warmed at start) and kept current by LISTENing on the FAQ change channel. A change committed by any
// process reaches every process's index well within a second (SEARCH.md).
import { createHash } from 'node:crypto';
import { setTimeout as sleep, setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  type SearchResult,
  type Suggestion,
  searchRequestSchema,
  suggestRequestSchema,
} from '@madoguchi/contracts';
import type { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { authorize, requireActor, type ServiceContext } from '../auth/actor.ts';
import { resolveCenter } from '../centers/centers.service.ts';
import { normalizeEvidencePhrase } from '../faq/evidence.ts';
import { canViewFaq, departmentScope } from '../faq/faq.policy.ts';
import { findFaqRow } from '../faq/faq.repository.ts';
import { type FaqChanged, listenFaqChanged } from '../faq/notify.ts';
import { publicationState } from '../faq/publication.ts';
import {
  type Analyzer,
  createAnalyzer,
  createSearchIndex,
  type Expansion,
  loadSudachiSynonyms,
  mergeSynonyms,
  municipalSynonyms,
  removePersonalNames,
  type SearchDocument,
  type SearchHit,
  type SearchIndex,
  type SuggestionItem,
  type SynonymSet,
} from './engine/index.ts';
import { canSearchFaqs } from './search.policy.ts';
import {
  findSearchLearning,
  type IndexRow,
  insertSearchQuery,
  listCenterIds,
  listFrequentQueries,
  listSynonymGroupRows,
  loadIndexRows,
  setSearchClick,
} from './search.repository.ts';
import { searchClickInputSchema, searchIdSchema } from './search.schemas.ts';

/** What search results need besides the engine's hit: who owns the FAQ and its publication window. */
export interface IndexedFaq {
  id: string;
  faqCode: string;
  departmentId: string | null;
  published: boolean;
  publishStart: Date | null;
  publishEnd: Date | null;
}

/** One hit with the FAQ's indexed fields. */
export interface IndexHit extends SearchHit {
  faq: IndexedFaq;
}

/** The centre as a search sees it: its id and its current learning switch. */
export interface SearchCenter {
  id: string;
  searchLearning: boolean;
}

/** Filters of one search. */
export interface IndexSearchOptions {
  limit: number;
  categoryId?: string;
  departmentId?: string;
  /** Only FAQs visible to citizens at this instant. */
  publishedAt?: Date;
}

/** Filters of one suggestion request. */
export interface IndexSuggestOptions {
  limit: number;
  departmentId?: string;
  publishedAt?: Date;
}

/** Logs what goes wrong in the background (warming, applying a change); pino and Fastify's logger fit. */
export interface SearchLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The process's search indexes. */
export interface SearchService {
  /** Searches a centre's index, building it first if this process has none yet. */
  search(
    center: SearchCenter,
    query: string,
    options: IndexSearchOptions,
  ): Promise<{ hits: IndexHit[]; didYouMean: string | null }>;
  /** FAQ questions and frequent queries that start with (or read like) `prefix`. */
  suggest(center: SearchCenter, prefix: string, options: IndexSuggestOptions): Promise<SuggestionItem[]>;
  /** Builds every centre's index (in the background at start: the first search is then fast). */
  warm(): Promise<void>;
  /** Resolves once every change received so far has been applied (tests, benchmarks). */
  settled(): Promise<void>;
  /** Stops listening and waits for work in progress; idempotent. */
  stop(): Promise<void>;
}

/** Options of `createSearchService`. */
export interface SearchServiceOptions {
  database: Database;
  logger?: SearchLogger;
  /** Follow changes through LISTEN (default true); a one-shot command reads the database once. */
  listen?: boolean;
  now?: () => Date;
}

// Frequent queries offered as suggestions: the last 90 days, seen at least 3 times (a wording typed once
// or twice may hold something personal that the log's filters did not catch), re-read every 10 minutes.
const FREQUENT_QUERY_DAYS = 90;
const FREQUENT_QUERY_MIN_COUNT = 3;
const FREQUENT_QUERY_LIMIT = 2000;
const FREQUENT_QUERY_REFRESH_MS = 10 * 60_000;
// A full build yields to the event loop this often, so that a warming process keeps answering requests.
const BUILD_SLICE_MS = 20;

/**
 * A synonym set whose content can be replaced: synonyms only expand queries (documents are analysed
 * without them), so a centre's edited synonyms take effect without re-analysing its FAQs.
 */
class SwappableSynonyms implements SynonymSet {
  current: SynonymSet;
  constructor(initial: SynonymSet) {
    this.current = initial;
  }
  get(key: string): readonly Expansion[] | undefined {
    return this.current.get(key);
  }
  get maxKeyLength(): number {
    return this.current.maxKeyLength;
  }
  get size(): number {
    return this.current.size;
  }
  get spoken(): readonly string[] | undefined {
    return this.current.spoken;
  }
}

class CenterIndex {
  readonly centerId: string;
  readonly analyzer: Analyzer;
  readonly index: SearchIndex;
  readonly synonyms: SwappableSynonyms;
  /** uuid → the FAQ's indexed fields, and a digest of its document (unchanged documents are not re-analysed). */
  readonly faqs = new Map<string, { faq: IndexedFaq; digest: string }>();
  readonly idByCode = new Map<string, string>();
  learning = true;
  ready: Promise<void> = Promise.resolve();
  /** FAQs notified and not yet reloaded; `refreshWanted`: reload everything (synonyms, resync, learning). */
  readonly pending = new Set<string>();
  refreshWanted = false;
  draining: Promise<void> | null = null;
  frequentQueriesAt = 0;
  frequentQueriesLoading: Promise<void> | null = null;

  constructor(centerId: string, analyzer: Analyzer, synonyms: SynonymSet) {
    this.centerId = centerId;
    this.analyzer = analyzer;
    this.synonyms = new SwappableSynonyms(synonyms);
    this.index = createSearchIndex({ analyzer, synonyms: this.synonyms });
  }
}

/** The search indexes of this process, on `database`; each centre's is built when first searched. */
export function createSearchService(options: SearchServiceOptions): SearchService {
  return new Indexes(options);
}

/** A SearchService that starts building every centre's index now, in the background (failures are logged). */
export function startSearchService(options: SearchServiceOptions): SearchService {
  const service = new Indexes(options);
  service
    .warm()
    .catch((error: unknown) => options.logger?.error({ err: error }, 'search indexes not warmed'));
  return service;
}

class Indexes implements SearchService {
  private readonly database: Database;
  private readonly logger: SearchLogger | undefined;
  private readonly follow: boolean;
  private readonly now: () => Date;
  private readonly centers = new Map<string, CenterIndex>();
  private listening: Promise<() => Promise<void>> | null = null;
  private stopped = false;
  private readonly stopping = new AbortController();

  constructor(options: SearchServiceOptions) {
    this.database = options.database;
    this.logger = options.logger;
    this.follow = options.listen ?? true;
    this.now = options.now ?? (() => new Date());
  }

  async search(center: SearchCenter, query: string, options: IndexSearchOptions) {
    const state = await this.indexOf(center);
    const response = state.index.search(query, { ...options, useEvidence: center.searchLearning });
    const hits: IndexHit[] = [];
    for (const hit of response.hits) {
      const entry = state.faqs.get(hit.id);
      if (entry) hits.push({ ...hit, faq: entry.faq });
    }
    return { hits, didYouMean: response.didYouMean };
  }

  async suggest(center: SearchCenter, prefix: string, options: IndexSuggestOptions) {
    const state = await this.indexOf(center);
    void this.refreshFrequentQueries(state, false);
    const { departmentId } = options;
    // The engine's suggestions know no departments: ask for more and keep the department's own.
    const items = state.index.suggest(prefix, {
      limit: departmentId ? Math.min(50, options.limit * 4) : options.limit,
      ...(options.publishedAt ? { publishedAt: options.publishedAt } : {}),
    });
    const visible = departmentId
      ? items.filter((item) => {
          if (item.kind !== 'faq' || item.faqId === null) return true;
          const id = state.idByCode.get(item.faqId);
          return id !== undefined && state.faqs.get(id)?.faq.departmentId === departmentId;
        })
      : items;
    return visible.slice(0, options.limit);
  }

  async warm(): Promise<void> {
    await this.startListening();
    for (const id of await listCenterIds(this.database.db)) {
      if (this.stopped) return;
      const learning = await findSearchLearning(this.database.db, id);
      if (learning !== null) await this.indexOf({ id, searchLearning: learning });
    }
  }

  async settled(): Promise<void> {
    for (;;) {
      const work = [...this.centers.values()].flatMap((c) => [c.ready, ...(c.draining ? [c.draining] : [])]);
      await Promise.allSettled(work);
      if ([...this.centers.values()].every((c) => !c.draining && !c.pending.size && !c.refreshWanted)) return;
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopping.abort();
    const listening = this.listening;
    this.listening = null;
    await Promise.allSettled([...this.centers.values()].flatMap((c) => [c.ready, c.draining]));
    const unlisten = await listening?.catch(() => null);
    await unlisten?.().catch(() => {});
  }

  // ── building and following changes ──────────────────────────────────────────────────────────────────
  private async indexOf(center: SearchCenter): Promise<CenterIndex> {
    if (this.stopped) throw new Error('the search service has stopped');
    let state = this.centers.get(center.id);
    if (!state) {
      // Listen before the first read, so that no change committed meanwhile goes unnoticed.
      await this.startListening();
      state = this.centers.get(center.id);
    }
    if (!state) {
      // The engine loads kuromoji once per process; every centre shares it.
      const analyzer = await createAnalyzer();
      state = this.centers.get(center.id);
      if (!state) {
        state = new CenterIndex(center.id, analyzer, loadSudachiSynonyms());
        this.centers.set(center.id, state);
        const building = state;
        building.ready = this.refresh(building, true).catch((error: unknown) => {
          // The next search tries again from scratch.
          if (this.centers.get(center.id) === building) this.centers.delete(center.id);
          throw error;
        });
      }
    }
    await state.ready;
    // The learning switch is read with every request; an index built the other way catches up in the background.
    if (center.searchLearning !== state.learning) this.schedule(state, { refresh: true });
    return state;
  }

  private startListening(): Promise<unknown> {
    if (!this.follow || this.stopped) return Promise.resolve();
    this.listening ??= listenFaqChanged(
      this.database,
      (change) => this.onChange(change),
      // Notifications may have been lost while the connection was down: reload every index.
      () => {
        for (const state of this.centers.values()) this.schedule(state, { refresh: true });
      },
    ).catch((error: unknown) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  private onChange(change: FaqChanged): void {
    // A centre this process has not indexed yet is read afresh when first searched.
    const state = this.centers.get(change.centerId);
    if (!state) return;
    if (change.faqIds.length === 0) this.schedule(state, { refresh: true });
    else this.schedule(state, { faqIds: change.faqIds.filter((id) => typeof id === 'string') });
  }

  private schedule(state: CenterIndex, work: { refresh?: boolean; faqIds?: readonly string[] }): void {
    if (this.stopped) return;
    if (work.refresh) state.refreshWanted = true;
    for (const id of work.faqIds ?? []) state.pending.add(id);
    state.draining ??= this.drain(state).finally(() => {
      state.draining = null;
      // A change that arrived while the last batch was being written is taken by a new round.
      if (!this.stopped && (state.refreshWanted || state.pending.size)) this.schedule(state, {});
    });
  }

  // Applies notified changes in batches: everything notified while one batch loads goes into the next.
  private async drain(state: CenterIndex): Promise<void> {
    await state.ready.catch(() => {});
    let failures = 0;
    while (!this.stopped && this.centers.get(state.centerId) === state) {
      try {
        if (state.refreshWanted) {
          state.refreshWanted = false;
          state.pending.clear();
          await this.refresh(state, false);
        } else if (state.pending.size) {
          const ids = [...state.pending];
          state.pending.clear();
          const rows = await loadIndexRows(this.database.db, state.centerId, ids, state.learning);
          const found = new Set(rows.map((r) => r.id));
          for (const row of rows) this.put(state, row);
          for (const id of ids) if (!found.has(id)) this.drop(state, id);
        } else return;
      } catch (error) {
        if (this.stopped) return;
        this.logger?.error({ err: error, centerId: state.centerId }, 'search index update failed');
        // Reading failed (the database is away): read everything again shortly, backing off to 30 s.
        failures++;
        await sleep(Math.min(30_000, 500 * 2 ** failures), undefined, {
          signal: this.stopping.signal,
          ref: false,
        }).catch(() => {});
        state.refreshWanted = true;
        continue;
      }
      failures = 0;
    }
  }

  /** Reads the centre's synonyms and FAQs and brings the index in line: changed documents only. */
  private async refresh(state: CenterIndex, initial: boolean): Promise<void> {
    const started = performance.now();
    const db = this.database.db;
    const learning = await findSearchLearning(db, state.centerId);
    if (learning === null) {
      for (const id of [...state.faqs.keys()]) this.drop(state, id);
      return;
    }
    const groups = await listSynonymGroupRows(db, state.centerId, { enabledOnly: true });
    state.synonyms.current = mergeSynonyms(loadSudachiSynonyms(), [
      ...municipalSynonyms,
      ...groups.map((g) => g.terms),
    ]);
    state.learning = learning;
    const rows = await loadIndexRows(db, state.centerId, 'all', learning);
    const live = new Set<string>();
    let slice = performance.now();
    for (const row of rows) {
      live.add(row.id);
      this.put(state, row);
      if (performance.now() - slice > BUILD_SLICE_MS) {
        await yieldToEventLoop();
        slice = performance.now();
      }
    }
    for (const id of [...state.faqs.keys()]) if (!live.has(id)) this.drop(state, id);
    if (initial) {
      await this.refreshFrequentQueries(state, true);
      this.logger?.info(
        { centerId: state.centerId, faqs: state.index.size, ms: Math.round(performance.now() - started) },
        'search index built',
      );
    }
  }

  private put(state: CenterIndex, row: IndexRow): void {
    const doc = documentOf(state.analyzer, row);
    const digest = createHash('sha1').update(JSON.stringify(doc)).digest('base64');
    if (state.faqs.get(row.id)?.digest === digest) return;
    state.index.upsert(doc);
    state.faqs.set(row.id, {
      faq: {
        id: row.id,
        faqCode: row.faqCode,
        departmentId: row.departmentId,
        published: row.published,
        publishStart: row.publishStart,
        publishEnd: row.publishEnd,
      },
      digest,
    });
    state.idByCode.set(row.faqCode, row.id);
  }

  private drop(state: CenterIndex, id: string): void {
    const entry = state.faqs.get(id);
    state.index.remove(id);
    state.faqs.delete(id);
    if (entry) state.idByCode.delete(entry.faq.faqCode);
  }

  private refreshFrequentQueries(state: CenterIndex, force: boolean): Promise<void> {
    const now = this.now();
    if (
      !force &&
      (state.frequentQueriesLoading || now.getTime() - state.frequentQueriesAt < FREQUENT_QUERY_REFRESH_MS)
    )
      return state.frequentQueriesLoading ?? Promise.resolve();
    state.frequentQueriesAt = now.getTime();
    state.frequentQueriesLoading = listFrequentQueries(this.database.db, state.centerId, {
      since: new Date(now.getTime() - FREQUENT_QUERY_DAYS * 86_400_000),
      minCount: FREQUENT_QUERY_MIN_COUNT,
      limit: FREQUENT_QUERY_LIMIT,
    })
      .then((queries) => state.index.setFrequentQueries(queries))
      .catch((error: unknown) => {
        if (!this.stopped)
          this.logger?.error({ err: error, centerId: state.centerId }, 'frequent queries not read');
      })
      .finally(() => {
        state.frequentQueriesLoading = null;
      });
    return state.frequentQueriesLoading;
  }
}

function documentOf(analyzer: Analyzer, row: IndexRow): SearchDocument {
  return {
    id: row.id,
    faqId: row.faqCode,
    question: row.question,
    answer: row.answerText,
    altPhrasings: row.altPhrasings,
    keywords: row.keywords,
    categoryIds: row.categoryIds,
    departmentId: row.departmentId,
    published: row.published,
    publishStart: row.publishStart,
    publishEnd: row.publishEnd,
    // Stored wordings lost their numbers and e-mail addresses when kept; personal names go here as well.
    evidence: row.evidence
      .map((text) => removePersonalNames(analyzer, text))
      .filter((text) => text.length > 0),
  };
}

// ── use cases ────────────────────────────────────────────────────────────────────────────────────────
// Routes call these with the request's context and the process's SearchService.

/**
 * Staff FAQ search: every FAQ of the centre, or with `scope=published` only those citizens can see now.
 * Department staff find their own department's FAQs only (as in the FAQ list). The query is logged for
 * analytics without the searcher and without personal data; its id comes back as `searchId`.
 */
export async function searchFaqs(
  ctx: ServiceContext,
  search: SearchService,
  slug: string,
  input: z.input<typeof searchRequestSchema>,
): Promise<SearchResult> {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  authorize(canSearchFaqs(actor, center.id));
  const q = parseInput(searchRequestSchema, input);
  const now = ctx.now();
  const scopeDepartment = departmentScope(actor, center.id);
  // Asking a department staff member's search for another department's FAQs finds nothing, as the list does.
  const outOfScope =
    scopeDepartment !== null && q.departmentId !== undefined && q.departmentId !== scopeDepartment;
  const departmentId = scopeDepartment ?? q.departmentId;
  const found = outOfScope
    ? { hits: [], didYouMean: null }
    : await search.search(center, q.q, {
        limit: q.limit,
        ...(q.categoryId ? { categoryId: q.categoryId } : {}),
        ...(departmentId ? { departmentId } : {}),
        ...(q.scope === 'published' ? { publishedAt: now } : {}),
      });
  const logged = normalizeEvidencePhrase(q.q);
  const searchId = logged
    ? await insertSearchQuery(ctx.database.db, {
        centerId: center.id,
        scope: 'console',
        queryNormalized: logged,
        results: found.hits.length,
        searchedAt: now,
      })
    : null;
  return {
    query: q.q,
    searchId: searchId === null ? null : String(searchId),
    hits: found.hits.map((hit) => ({
      id: hit.id,
      faqId: hit.faqId,
      question: hit.question,
      snippet: hit.snippet,
      score: hit.score,
      departmentId: hit.faq.departmentId,
      publicationState: publicationState(hit.faq, now),
    })),
    suggestion: found.didYouMean,
  };
}

/** Suggestions while typing: FAQ questions (kana finds kanji) and the centre's frequent queries. */
export async function suggestFaqs(
  ctx: ServiceContext,
  search: SearchService,
  slug: string,
  input: z.input<typeof suggestRequestSchema>,
): Promise<Suggestion[]> {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  authorize(canSearchFaqs(actor, center.id));
  const q = parseInput(suggestRequestSchema, input);
  const departmentId = departmentScope(actor, center.id);
  return search.suggest(center, q.q, {
    limit: q.limit,
    ...(departmentId ? { departmentId } : {}),
    ...(q.scope === 'published' ? { publishedAt: ctx.now() } : {}),
  });
}

/** Records which FAQ a logged search led to (searches nobody opened a result of are counted from this). */
export async function recordSearchClick(
  ctx: ServiceContext,
  slug: string,
  searchId: string,
  input: z.input<typeof searchClickInputSchema>,
): Promise<void> {
  const center = await resolveCenter(ctx, slug);
  const actor = requireActor(ctx);
  authorize(canSearchFaqs(actor, center.id));
  const id = Number(parseInput(searchIdSchema, searchId, 'searchId'));
  const { faqId } = parseInput(searchClickInputSchema, input);
  const faq = await findFaqRow(ctx.database.db, center.id, faqId);
  if (!faq || !canViewFaq(actor, center.id, faq.departmentId)) throw notFound('FAQ');
  if (!(await setSearchClick(ctx.database.db, center.id, id, faq.id))) throw notFound('検索');
}

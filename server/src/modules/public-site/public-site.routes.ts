// The citizens' public site (seed 004 第2-8(1)イ 公表用FAQサイト, 第2-8(3) 総合コールセンターホームページ,
// 第3-1(2)ウ notice banner): server-rendered HTML that works without JavaScript, under /c/:slug/ and, for a
// centre with its own host name, at that host's root. No session is looked up for these paths (the session
// hook resolves sessions for /api only). URLs, caching and what counts as visible: docs/public-site.md.

import { randomUUID } from 'node:crypto';
import { faqIdSchema } from '@madoguchi/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import { servedFromMemory } from '../../platform/http/metrics.ts';
import { sharedRateLimit } from '../../platform/http/rate-limit-store.ts';
import type { Api } from '../../platform/http/types.ts';
import { addDays } from '../centers/calendar.ts';
import { listCenterRows } from '../centers/centers.repository.ts';
import { contentDisposition } from '../faq/attachment-types.ts';
import { normalizeEvidencePhrase } from '../faq/evidence.ts';
import { rankFaqs } from '../faq/faq-stats.service.ts';
import { listenFaqChanged } from '../faq/notify.ts';
import { lastCompleteWeek, weekStartOf } from '../faq/weeks.ts';
import type { SearchService } from '../search/index.ts';
import { ASSETS_PREFIX, findAsset } from './assets.ts';
import { html } from './html.ts';
import {
  CACHE_CONTROL,
  type CachePolicy,
  canonicalUrl,
  finishPage,
  notModified,
  type PageOptions,
  renderBarePage,
  renderPage,
  sendHtml,
} from './layout.ts';
import {
  errorMain,
  faqBreadcrumbs,
  faqJsonLd,
  faqListMain,
  faqMain,
  faqTopMain,
  homeMain,
  notFoundMain,
  PAGE_SIZE,
  rankingMain,
  SEARCH_PAGE_SIZE,
  searchMain,
  type VoteState,
} from './pages.ts';
import {
  countVisibleByCategory,
  countVisibleByDepartment,
  findVisibleAttachment,
  findVisibleFaq,
  findVisibleFaqId,
  listVisibleFaqCodes,
  listVisibleFaqs,
  type PublicFaqFilter,
  popularKeywords,
} from './public-faq.repository.ts';
import { listenPublicSettingsChanged } from './public-settings.repository.ts';
import {
  type CachedPage,
  createRenderCache,
  createShortCache,
  type RenderCache,
  type ShortCache,
} from './render-cache.ts';
import { createPublicSearchLog, type PublicSearchLog, recordPublicSearchClick } from './search-clicks.ts';
import {
  hostOf,
  hostServedSlug,
  invalidatePublicSites,
  onPublicSitesInvalidated,
  type PublicSite,
  refreshPublicHosts,
  resolvePublicSite,
  sitePath,
  slugForHost,
} from './site.ts';
import { createViewCounter, type ViewCounter } from './view-counter.ts';
import { cleanComment, recordFaqVote, voteFormSchema } from './votes.ts';

const html404 = { hide: true } as const;
const publicConfig = { access: 'public' as const };
// @fastify/helmet would build its middleware anew for every request (a tenth of an FAQ page's CPU time);
// public routes skip it and get the same headers, taken once from the app's helmet (see securityHeaders).
const pageRoute = { config: publicConfig, schema: html404, helmet: false as const };

/** Votes per client IP: enough for a family behind one router, too few for a script (seed: spam without CAPTCHA). */
export const VOTE_RATE_LIMIT = { max: 10, timeWindow: '10 minutes' } as const;
const VOTE_BODY_LIMIT = 16 * 1024;
const SEARCH_MAX_RESULTS = 50;
const RANKING_WEEKS_BACK = 52;
const KEYWORDS_SHOWN = 24;
const SUGGEST_CACHE = 'public, max-age=60, stale-while-revalidate=600';

export interface PublicSiteOptions {
  database: Database;
  search: SearchService;
  /** From installPublicPageFastPath (app.ts); created here when absent (no fast path then). */
  runtime?: PublicSiteRuntime;
}

type HeaderList = [string, string | number | string[]][];

/** A search result page as rendered, cut where the logged search's id (?sid=) goes. */
interface SearchPage {
  /** Document text, then separator ('?', '&amp;' …), text, separator … text. */
  pieces: string[];
  total: number;
}

/** The state the public routes share in one process: caches and buffered writes. */
export interface PublicSiteRuntime {
  cache: RenderCache;
  views: ViewCounter;
  /** Public searches, buffered (search-clicks.ts). */
  searches: PublicSearchLog;
  /** Search result pages per site, page and query, for their HTTP lifetime (CACHE_CONTROL.short). */
  searchPages: ShortCache<SearchPage | null>;
  /** The app's helmet headers, captured on the first public request (see the public scope's hook). */
  securityHeaders: HeaderList | null;
}

const SEARCH_PAGE_TTL_MS = 10_000;
const SEARCH_PAGES_MAX = 2000;
/** Stands for the search id while a search page is rendered once for every search of the same words. */
const SID_MARK = `sid${randomUUID().replaceAll('-', '')}`;
const SID_SPLIT = new RegExp(`(\\?|&amp;|&)sid=${SID_MARK}`, 'g');

function createRuntime(app: Api, database: Database): PublicSiteRuntime {
  const runtime: PublicSiteRuntime = {
    cache: createRenderCache(),
    views: createViewCounter(database, {
      onError: (err) => app.log.error({ err }, 'public FAQ views not written'),
    }),
    searches: createPublicSearchLog(database, {
      onError: (err) => app.log.error({ err }, 'public searches not written'),
    }),
    searchPages: createShortCache({ maxEntries: SEARCH_PAGES_MAX, ttlMs: SEARCH_PAGE_TTL_MS }),
    securityHeaders: null,
  };
  app.addHook('onClose', async () => {
    await runtime.views.close();
    await runtime.searches.close();
  });
  return runtime;
}

/**
 * Answers render-cache hits before anything else of the app runs (the benchmark of docs/public-site.md:
 * ≥ 0.5 × raw node:http). Registered first in buildApp: a cached public page found by its URL is written
 * with its prepared headers — the same headers and bytes the route would send — and the reply hijacked,
 * so helmet, cookies, rate limit (not applied to public pages anyway), the session hook, the public scope's
 * hook and the handler are skipped. The route decides which URLs may be answered so (render-cache.ts
 * alias); everything else, and every miss, takes the normal way.
 */
export function installPublicPageFastPath(
  app: Api,
  options: { database: Database; now: () => Date },
): PublicSiteRuntime {
  const runtime = createRuntime(app, options.database);
  app.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    const url = raw.url;
    if (
      (raw.method !== 'GET' && raw.method !== 'HEAD') ||
      url === undefined ||
      !url.startsWith('/c/') ||
      runtime.securityHeaders === null
    )
      return done();
    const entry = runtime.cache.getByUrl(fastKey(hostServedSlug(raw) !== undefined, url));
    if (!entry) return done();
    const page = entry.page;
    page.prepared ??= prepareHeaders(page, runtime.securityHeaders);
    const prepared = page.prepared;
    if (page.faqId && raw.method === 'GET') runtime.views.count(entry.centerId, page.faqId, options.now());
    reply.hijack();
    (raw as unknown as Record<symbol, boolean>)[servedFromMemory] = true;
    const res = reply.raw;
    if (page.status === 200 && ifNoneMatch(raw.headers['if-none-match'], page.etag)) {
      res.writeHead(304, prepared.notModified);
      res.end();
    } else {
      res.writeHead(page.status, prepared.full);
      if (raw.method === 'HEAD') res.end();
      else res.end(page.body);
    }
  });
  return runtime;
}

/** The fast path's key of a request URL (after the own-host rewrite; such pages link without /c/…). */
function fastKey(ownHost: boolean, url: string): string {
  return `${ownHost ? 'h' : 'p'}${url}`;
}

/** What sendHtml and the public scope's hook send with a cached page (tests compare both ways). */
function prepareHeaders(page: CachedPage, security: HeaderList): NonNullable<CachedPage['prepared']> {
  const notModifiedHeaders: Record<string, string | string[]> = {};
  for (const [name, value] of security)
    notModifiedHeaders[name] = typeof value === 'number' ? String(value) : value;
  notModifiedHeaders['content-type'] = 'text/html; charset=utf-8';
  notModifiedHeaders['cache-control'] = CACHE_CONTROL[page.cache];
  if (page.cache !== 'no-store') {
    notModifiedHeaders.etag = page.etag;
    notModifiedHeaders.vary = 'accept-encoding';
  }
  return {
    notModified: notModifiedHeaders,
    full: { ...notModifiedHeaders, 'content-length': page.body.length },
  };
}

/** notModified of layout.ts, on the raw header. */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The public site's render cache and view counter (tests flush the counts). */
    publicSite: PublicSiteRuntime;
  }
}

function parsePage(value: unknown): number | null {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,3}$/.test(value)) return null;
  return Number(value);
}

/** Registers the public site's routes in their own scope (form body parser, HTML error pages). */
export async function publicSiteRoutes(app: Api, options: PublicSiteOptions): Promise<PublicSiteRuntime> {
  const { database, search } = options;
  const runtime = options.runtime ?? createRuntime(app, database);
  const { cache, views, searches, searchPages } = runtime;
  const dropCenter = (centerId: string) => {
    cache.dropCenter(centerId);
    searchPages.dropCenter(centerId);
    // The search index takes the change a moment later (it hears the same notification): a search page
    // built meanwhile holds old results, so drop the centre's search pages again once the index caught up.
    search.settled().then(
      () => searchPages.dropCenter(centerId),
      () => searchPages.dropCenter(centerId),
    );
  };
  const dropAll = () => {
    cache.clear();
    searchPages.clear();
    search.settled().then(
      () => searchPages.clear(),
      () => searchPages.clear(),
    );
  };
  await refreshPublicHosts(database);
  const stopSites = onPublicSitesInvalidated(database, (centerId) =>
    centerId ? dropCenter(centerId) : dropAll(),
  );
  const unlistenFaqs = await listenFaqChanged(database, (change) => dropCenter(change.centerId), dropAll);
  const unlistenSettings = await listenPublicSettingsChanged(
    database,
    (change) => {
      invalidatePublicSites(database, change.centerId);
      refreshPublicHosts(database).catch((err: unknown) =>
        app.log.error({ err }, 'public host names not refreshed'),
      );
    },
    () => {
      invalidatePublicSites(database, null);
      refreshPublicHosts(database).catch(() => {});
    },
  );
  app.addHook('onClose', async () => {
    stopSites();
    await unlistenFaqs().catch(() => {});
    await unlistenSettings().catch(() => {});
  });

  // ── helpers ──────────────────────────────────────────────────────────────────────────────────────────
  function sendSitePage(
    request: FastifyRequest,
    reply: FastifyReply,
    site: PublicSite,
    options: PageOptions & { cache?: CachePolicy },
  ) {
    const status = options.status ?? 200;
    return sendHtml(request, reply, renderPage(site, options), {
      status,
      cache: options.cache ?? (status >= 400 ? 'short' : 'page'),
    });
  }

  function notFound(request: FastifyRequest, reply: FastifyReply, site: PublicSite | null) {
    const main = notFoundMain(site);
    const document = site
      ? renderPage(site, { title: 'ページが見つかりません', main, noindex: true, status: 404 })
      : renderBarePage({ title: 'ページが見つかりません | 窓口', main, noindex: true });
    return sendHtml(request, reply, document, { status: 404, cache: 'short' });
  }

  /**
   * Serves a page from the render cache or builds, stores and serves it; counts FAQ views either way.
   * `byUrl`: the request URL alone leads here with this key and nothing else happens for it on the way
   * (no click to record, no date-dependent check), so later requests for it may be answered by the fast
   * path with this page.
   */
  async function cached(
    request: FastifyRequest,
    reply: FastifyReply,
    site: PublicSite,
    key: string,
    build: () => Promise<{ options: PageOptions; faqId?: string } | null>,
    byUrl = true,
  ) {
    const fullKey = `${site.basePath}|${key}`;
    let page = cache.get(site.center.id, fullKey);
    if (!page) {
      const token = cache.begin(site.center.id);
      const built = await build();
      const status = built?.options.status ?? (built ? 200 : 404);
      const document = built
        ? renderPage(site, built.options)
        : renderPage(site, {
            title: 'ページが見つかりません',
            main: notFoundMain(site),
            noindex: true,
          });
      page = {
        ...finishPage(document, status),
        cache: status >= 400 ? 'short' : 'page',
        ...(built?.faqId ? { faqId: built.faqId } : {}),
      } satisfies CachedPage;
      cache.set(site.center.id, fullKey, page, token);
    }
    if (byUrl && (request.method === 'GET' || request.method === 'HEAD'))
      cache.alias(site.center.id, fullKey, fastKey(site.basePath === '', request.url));
    if (page.faqId && request.method === 'GET') views.count(site.center.id, page.faqId, request.ctx.now());
    return sendHtml(request, reply, page, { cache: page.cache });
  }

  async function withSite(
    request: FastifyRequest,
    reply: FastifyReply,
    fn: (site: PublicSite) => Promise<unknown> | unknown,
  ) {
    const site = await resolvePublicSite(request);
    if (!site) return notFound(request, reply, null);
    return fn(site);
  }

  function listRoute(
    request: FastifyRequest<{ Querystring: { page?: string } }>,
    reply: FastifyReply,
    site: PublicSite,
    spec: {
      key: string;
      path: string;
      heading: string;
      title: string;
      filter: PublicFaqFilter;
      crumb: string;
    },
  ) {
    const page = parsePage(request.query.page);
    if (page === null) return notFound(request, reply, site);
    return cached(request, reply, site, `${spec.key}?page=${page}`, async () => {
      const now = request.ctx.now();
      const { items, total } = await listVisibleFaqs(database.db, site.center.id, now, spec.filter, {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      if (total === 0 || items.length === 0) return null;
      return {
        options: {
          title: page > 1 ? `${spec.title}（${page}ページ目）` : spec.title,
          main: faqListMain(site, { heading: spec.heading, items, total, page, path: spec.path }),
          canonicalPath: page > 1 ? `${spec.path}?page=${page}` : spec.path,
          breadcrumbs: [{ label: 'よくある質問', path: '/faq/' }, { label: spec.crumb }],
          current: 'faq',
          description: `${spec.heading}に関するよくある質問の一覧です。`,
        },
      };
    });
  }

  await app.register(async (scope) => {
    // The security headers of the app's helmet configuration (CSP, frame, referrer, nosniff …), computed by
    // helmet on the first public request and then set from memory.
    // A callback hook, not an async one: no promise per request on the hot path.
    scope.addHook('onRequest', (_request, reply, done) => {
      if (runtime.securityHeaders) {
        for (const [name, value] of runtime.securityHeaders) reply.raw.setHeader(name, value);
        return done();
      }
      const before = new Set(reply.raw.getHeaderNames());
      reply.helmet();
      runtime.securityHeaders = Object.entries(reply.raw.getHeaders()).flatMap(([name, value]) =>
        value === undefined || before.has(name)
          ? []
          : [[name, value] as [string, string | number | string[]]],
      );
      done();
    });

    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_request, body, done) => {
          const params = new URLSearchParams(body as string);
          const out: Record<string, string> = {};
          for (const [k, v] of params) if (!(k in out)) out[k] = v;
          done(null, out);
        },
      );
    }

    // Failures on public pages are pages too (in Japanese, with the way back), never the API's JSON.
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status =
        error.statusCode === 429 ? 429 : error.statusCode === 413 ? 413 : (error.statusCode ?? 500);
      if (status >= 500) request.log.error({ err: error }, 'public page failed');
      const site = await resolvePublicSite(request).catch(() => null);
      const shown = status >= 500 ? 500 : status === 429 || status === 413 ? status : 400;
      const main = errorMain(site, shown);
      const title = shown === 429 ? '送信が多すぎます' : shown >= 500 ? 'ただいま表示できません' : 'エラー';
      const document = site
        ? renderPage(site, { title, main, noindex: true })
        : renderBarePage({ title: `${title} | 窓口`, main, noindex: true });
      return sendHtml(request, reply, document, { status: shown, cache: 'no-store' });
    });

    // ── the installation's root: the centres' public sites (and the way to the staff console) ─────────
    scope.get('/', pageRoute, async (request, reply) => {
      const centers = await listCenterRows(database.db);
      const main = html`<h1>窓口 — 問合せ窓口のご案内</h1>
<p>各コールセンターのホームページとよくある質問をご覧いただけます。</p>
${
  centers.length > 0
    ? html`<ul class="link-list">${centers.map(
        (c) => html`<li><a href="/c/${encodeURIComponent(c.slug)}/">${c.name}</a></li>`,
      )}</ul>`
    : html`<p>公開中のサイトはありません。</p>`
}
<h2>職員の方</h2>
<p><a href="/console/">管理画面（職員用）へ</a></p>`;
      return sendHtml(request, reply, renderBarePage({ title: '窓口 — 問合せ窓口のご案内', main }), {
        cache: 'page',
      });
    });

    scope.get('/robots.txt', pageRoute, async (request, reply) => {
      const ownSlug = slugForHost(database, hostOf(request.raw));
      const origin = requestOrigin(request);
      const slugs = ownSlug ? [ownSlug] : (await listCenterRows(database.db)).map((c) => c.slug);
      const sitemaps = slugs.map((slug) =>
        ownSlug ? `${origin}/sitemap.xml` : `${origin}/c/${encodeURIComponent(slug)}/sitemap.xml`,
      );
      const body = [
        'User-agent: *',
        'Disallow: /api/',
        'Disallow: /console/',
        ownSlug ? 'Disallow: /faq/search' : 'Disallow: /c/*/faq/search',
        ownSlug ? 'Disallow: /faq/suggest' : 'Disallow: /c/*/faq/suggest',
        '',
        ...sitemaps.map((s) => `Sitemap: ${s}`),
        '',
      ].join('\n');
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('cache-control', CACHE_CONTROL.page)
        .send(body);
    });

    scope.get<{ Params: { name: string } }>(`${ASSETS_PREFIX}:name`, pageRoute, async (request, reply) => {
      const asset = findAsset(request.params.name);
      if (!asset) return notFound(request, reply, null);
      const versioned = (request.query as { v?: string }).v === asset.hash;
      const etag = `"${asset.hash}"`;
      reply
        .header('content-type', asset.type)
        .header('etag', etag)
        .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
      if (notModified(request, etag)) return reply.code(304).send();
      return reply.send(asset.body);
    });

    // ── one centre's site ───────────────────────────────────────────────────────────────────────────────
    scope.get('/c/:slug', pageRoute, (request, reply) =>
      withSite(request, reply, (site) => reply.redirect(sitePath(site, '/'), 301)),
    );

    scope.get('/c/:slug/', pageRoute, (request, reply) =>
      withSite(request, reply, (site) =>
        cached(request, reply, site, 'home', async () => {
          const now = request.ctx.now();
          const weekStart = lastCompleteWeek(now);
          const ranking = await rankFaqs(database.db, site.center.id, {
            weekStart,
            channel: 'all',
            limit: 5,
            visibleAt: now,
          });
          return {
            options: {
              title: 'ホーム',
              main: homeMain(site, { ranking, weekStart }),
              canonicalPath: '/',
              current: 'home',
              description:
                site.settings.introduction.trim().slice(0, 120) ||
                site.center.description.trim().slice(0, 120) ||
                `${site.center.name}のホームページです。`,
            },
          };
        }),
      ),
    );

    scope.get('/c/:slug/faq', pageRoute, (request, reply) =>
      withSite(request, reply, (site) => reply.redirect(sitePath(site, '/faq/'), 301)),
    );

    scope.get('/c/:slug/faq/', pageRoute, (request, reply) =>
      withSite(request, reply, (site) =>
        cached(request, reply, site, 'faq-top', async () => {
          const now = request.ctx.now();
          const categoryCounts = await countVisibleByCategory(database.db, site.center.id, now);
          const departmentCounts = await countVisibleByDepartment(database.db, site.center.id, now);
          const keywords = await popularKeywords(database.db, site.center.id, now, KEYWORDS_SHOWN);
          const { total } = await listVisibleFaqs(
            database.db,
            site.center.id,
            now,
            {},
            { limit: 0, offset: 0 },
          );
          return {
            options: {
              title: 'よくある質問',
              main: faqTopMain(site, { categoryCounts, departmentCounts, keywords, total }),
              canonicalPath: '/faq/',
              breadcrumbs: [{ label: 'よくある質問' }],
              current: 'faq',
              description: `${site.center.name}に寄せられるよくある質問と回答です。分野・所管課・キーワードから探せます。`,
            },
          };
        }),
      ),
    );

    scope.get<{ Params: { slug: string; categoryId: string }; Querystring: { page?: string } }>(
      '/c/:slug/faq/category/:categoryId',
      pageRoute,
      (request, reply) =>
        withSite(request, reply, (site) => {
          const { categoryId } = request.params;
          const axis = site.detail.categoryAxes.find((a) => a.categories.some((c) => c.id === categoryId));
          const category = axis?.categories.find((c) => c.id === categoryId);
          if (!axis || !category) return notFound(request, reply, site);
          return listRoute(request, reply, site, {
            key: `category/${category.id}`,
            path: `/faq/category/${category.id}`,
            heading: category.name,
            title: `${category.name}（${axis.name}）`,
            filter: { categoryId: category.id },
            crumb: category.name,
          });
        }),
    );

    scope.get<{ Params: { slug: string; departmentId: string }; Querystring: { page?: string } }>(
      '/c/:slug/faq/department/:departmentId',
      pageRoute,
      (request, reply) =>
        withSite(request, reply, (site) => {
          const department = site.detail.departments.find((d) => d.id === request.params.departmentId);
          if (!department) return notFound(request, reply, site);
          return listRoute(request, reply, site, {
            key: `department/${department.id}`,
            path: `/faq/department/${department.id}`,
            heading: department.name,
            title: `${department.name}（所管課）`,
            filter: { departmentId: department.id },
            crumb: department.name,
          });
        }),
    );

    scope.get<{ Params: { slug: string; keyword: string }; Querystring: { page?: string } }>(
      '/c/:slug/faq/keyword/:keyword',
      pageRoute,
      (request, reply) =>
        withSite(request, reply, (site) => {
          const keyword = request.params.keyword.normalize('NFC').trim();
          if (keyword.length === 0 || keyword.length > 50) return notFound(request, reply, site);
          return listRoute(request, reply, site, {
            key: `keyword/${keyword}`,
            path: `/faq/keyword/${encodeURIComponent(keyword)}`,
            heading: `キーワード「${keyword}」`,
            title: `キーワード「${keyword}」`,
            filter: { keyword },
            crumb: keyword,
          });
        }),
    );

    scope.get<{ Params: { slug: string }; Querystring: { q?: string; page?: string; sid?: string } }>(
      '/c/:slug/faq/search',
      pageRoute,
      (request, reply) =>
        withSite(request, reply, async (site) => {
          const q = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, 200) : '';
          const page = parsePage(request.query.page);
          if (page === null) return notFound(request, reply, site);
          const now = request.ctx.now();
          // The same words on the same page give the same page for SEARCH_PAGE_TTL_MS (its max-age) but
          // for the search id in its links: rendered once with SID_MARK, which each answer replaces.
          const key = `${site.basePath}|${page}|${q}`;
          let found = searchPages.get(site.center.id, key);
          if (found === undefined) {
            const token = searchPages.begin(site.center.id);
            const result = q
              ? await search.search(site.center, q, { limit: SEARCH_MAX_RESULTS, publishedAt: now })
              : { hits: [], didYouMean: null };
            const totalPages = Math.max(1, Math.ceil(result.hits.length / SEARCH_PAGE_SIZE));
            found =
              page > totalPages
                ? null
                : {
                    total: result.hits.length,
                    pieces: renderSearchPage(site, {
                      q,
                      page,
                      totalPages,
                      total: result.hits.length,
                      didYouMean: result.didYouMean,
                      hits: result.hits
                        .slice((page - 1) * SEARCH_PAGE_SIZE, page * SEARCH_PAGE_SIZE)
                        .map((h) => ({ faqCode: h.faqId, question: h.question, snippetHtml: h.snippet })),
                    }).split(SID_SPLIT),
                  };
            searchPages.set(site.center.id, key, found, token);
          }
          if (found === null) return notFound(request, reply, site);
          // Logged once per search (page 1), without who searched: FAQ editors see citizens' no-result queries.
          let searchId: string | null =
            typeof request.query.sid === 'string' && /^\d{1,18}$/.test(request.query.sid)
              ? request.query.sid
              : null;
          const logged = q && page === 1 ? normalizeEvidencePhrase(q) : null;
          if (logged) {
            searchId = String(
              await searches.record({
                centerId: site.center.id,
                queryNormalized: logged,
                results: found.total,
                searchedAt: now,
              }),
            );
          }
          const sid = searchId === null ? '' : `sid=${encodeURIComponent(searchId)}`;
          let document = found.pieces[0] ?? '';
          for (let i = 1; i < found.pieces.length; i += 2)
            document += (sid ? `${found.pieces[i]}${sid}` : '') + (found.pieces[i + 1] ?? '');
          return sendHtml(request, reply, document, { status: 200, cache: 'short' });
        }),
    );

    function renderSearchPage(
      site: PublicSite,
      data: Omit<Parameters<typeof searchMain>[1], 'searchId'>,
    ): string {
      const title = data.q ? `「${data.q}」の検索結果` : 'よくある質問の検索';
      return renderPage(site, {
        title: data.page > 1 ? `${title}（${data.page}ページ目）` : title,
        main: searchMain(site, { ...data, searchId: SID_MARK }),
        breadcrumbs: [{ label: 'よくある質問', path: '/faq/' }, { label: '検索結果' }],
        current: 'faq',
        noindex: true,
      });
    }

    scope.get<{ Params: { slug: string }; Querystring: { q?: string } }>(
      '/c/:slug/faq/suggest',
      pageRoute,
      async (request, reply) => {
        const site = await resolvePublicSite(request);
        if (!site) return reply.code(404).send({ suggestions: [] });
        const q = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, 100) : '';
        const items = q
          ? await search.suggest(site.center, q, { limit: 8, publishedAt: request.ctx.now() })
          : [];
        return reply.header('cache-control', SUGGEST_CACHE).send({
          suggestions: items.map((s) => ({
            kind: s.kind,
            text: s.text,
            url: s.kind === 'faq' && s.faqId ? sitePath(site, `/faq/${encodeURIComponent(s.faqId)}`) : null,
          })),
        });
      },
    );

    scope.get<{ Params: { slug: string; faqId: string }; Querystring: { voted?: string; sid?: string } }>(
      '/c/:slug/faq/:faqId',
      pageRoute,
      (request, reply) =>
        withSite(request, reply, async (site) => {
          const code = faqIdSchema.safeParse(request.params.faqId);
          if (!code.success) return notFound(request, reply, site);
          const faqCode = code.data;
          if (typeof request.query.sid === 'string' && /^\d{1,18}$/.test(request.query.sid)) {
            await recordPublicSearchClick(
              database.db,
              {
                centerId: site.center.id,
                searchId: Number(request.query.sid),
                faqCode,
                now: request.ctx.now(),
              },
              searches,
            ).catch((err: unknown) => request.log.error({ err }, 'search click not recorded'));
          }
          if (request.query.voted === '1') {
            // The answer after a vote (PRG): not cached, not counted as another view.
            return renderFaqPage(request, reply, site, faqCode, { thanks: true }, 200);
          }
          return cached(
            request,
            reply,
            site,
            `faq/${faqCode}`,
            async () => {
              const faq = await findVisibleFaq(database.db, site.center.id, faqCode, request.ctx.now());
              if (!faq) return null;
              return { options: faqPageOptions(site, faq, {}), faqId: faq.id };
            },
            // ?sid= records a click: such URLs always take the normal way.
            request.query.sid === undefined,
          );
        }),
    );

    function faqPageOptions(
      site: PublicSite,
      faq: NonNullable<Awaited<ReturnType<typeof findVisibleFaq>>>,
      vote: VoteState,
    ): PageOptions {
      return {
        title: faq.question,
        main: faqMain(site, faq, vote),
        canonicalPath: `/faq/${encodeURIComponent(faq.faqCode)}`,
        breadcrumbs: faqBreadcrumbs(site, faq),
        current: 'faq',
        description: faq.answerText.replace(/\s+/g, ' ').trim().slice(0, 120),
        head: faqJsonLd(site, faq),
      };
    }

    async function renderFaqPage(
      request: FastifyRequest,
      reply: FastifyReply,
      site: PublicSite,
      faqCode: string,
      vote: VoteState,
      status: number,
    ) {
      const faq = await findVisibleFaq(database.db, site.center.id, faqCode, request.ctx.now());
      if (!faq) return notFound(request, reply, site);
      return sendSitePage(request, reply, site, {
        ...faqPageOptions(site, faq, vote),
        status,
        noindex: true,
        cache: 'no-store',
      });
    }

    scope.post<{ Params: { slug: string; faqId: string }; Body: Record<string, string> }>(
      '/c/:slug/faq/:faqId/vote',
      {
        ...pageRoute,
        config: {
          ...publicConfig,
          rateLimit: sharedRateLimit('faq-vote', { ...VOTE_RATE_LIMIT, allowList: () => false }),
        },
        bodyLimit: VOTE_BODY_LIMIT,
      },
      (request, reply) =>
        withSite(request, reply, async (site) => {
          const code = faqIdSchema.safeParse(request.params.faqId);
          if (!code.success) return notFound(request, reply, site);
          const faqCode = code.data;
          const now = request.ctx.now();
          const faqId = await findVisibleFaqId(database.db, site.center.id, faqCode, now);
          if (!faqId) return notFound(request, reply, site);
          const body = request.body && typeof request.body === 'object' ? request.body : {};
          const thanks = sitePath(site, `/faq/${encodeURIComponent(faqCode)}?voted=1#vote`);
          // Honeypot: people never see the field; a bot that fills it is thanked and nothing is stored.
          if (typeof body.website === 'string' && body.website.trim() !== '') {
            return reply.header('cache-control', 'no-store').redirect(thanks, 303);
          }
          const parsed = voteFormSchema.safeParse(body);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            const field = issue?.path[0] === 'comment' ? 'comment' : 'helpful';
            return renderFaqPage(
              request,
              reply,
              site,
              faqCode,
              {
                error: {
                  field,
                  message: issue?.message ?? '入力内容を確認してください',
                  helpful: typeof body.helpful === 'string' ? body.helpful : '',
                  comment: typeof body.comment === 'string' ? body.comment : '',
                },
              },
              400,
            );
          }
          await recordFaqVote(database.db, {
            centerId: site.center.id,
            faqId,
            helpful: parsed.data.helpful === 'yes',
            comment: cleanComment(parsed.data.comment),
            at: now,
          });
          return reply.header('cache-control', 'no-store').redirect(thanks, 303);
        }),
    );

    scope.get<{ Params: { slug: string; faqId: string; attachmentId: string } }>(
      '/c/:slug/faq/:faqId/attachments/:attachmentId',
      pageRoute,
      (request, reply) =>
        withSite(request, reply, async (site) => {
          const code = faqIdSchema.safeParse(request.params.faqId);
          const id = z.uuid().safeParse(request.params.attachmentId);
          if (!code.success || !id.success) return notFound(request, reply, site);
          const file = await findVisibleAttachment(
            database.db,
            site.center.id,
            code.data,
            id.data,
            request.ctx.now(),
          );
          if (!file) return notFound(request, reply, site);
          const page = finishPage(file.data);
          reply
            .header('content-type', file.contentType)
            .header('content-disposition', contentDisposition(file.filename))
            .header('cache-control', CACHE_CONTROL.page)
            .header('etag', page.etag);
          if (notModified(request, page.etag)) return reply.code(304).send();
          return reply.send(file.data);
        }),
    );

    scope.get<{ Params: { slug: string }; Querystring: { week?: string } }>(
      '/c/:slug/ranking',
      pageRoute,
      (request, reply) =>
        withSite(request, reply, (site) => {
          const now = request.ctx.now();
          const latest = lastCompleteWeek(now);
          const earliest = addDays(latest, -7 * RANKING_WEEKS_BACK);
          let weekStart = latest;
          if (request.query.week !== undefined) {
            const parsed = z.iso.date().safeParse(request.query.week);
            if (!parsed.success) return notFound(request, reply, site);
            weekStart = weekStartOf(parsed.data);
            if (weekStart > latest || weekStart < earliest) return notFound(request, reply, site);
          }
          return cached(
            request,
            reply,
            site,
            `ranking/${weekStart}`,
            async () => {
              const items = await rankFaqs(database.db, site.center.id, {
                weekStart,
                channel: 'all',
                limit: 20,
                visibleAt: now,
              });
              return {
                options: {
                  title: 'よく見られている質問ランキング',
                  main: rankingMain(site, {
                    weekStart,
                    weekEnd: addDays(weekStart, 6),
                    items,
                    previous: weekStart > earliest ? addDays(weekStart, -7) : null,
                    next: weekStart < latest ? addDays(weekStart, 7) : null,
                  }),
                  canonicalPath: weekStart === latest ? '/ranking' : `/ranking?week=${weekStart}`,
                  breadcrumbs: [{ label: 'ランキング' }],
                  current: 'ranking',
                  description: `${site.center.name}のよくある質問の週間アクセスランキングです。`,
                },
              };
            },
            // Which weeks exist (and the shown week without ?week=) depends on the date: not by URL alone.
            false,
          );
        }),
    );

    scope.get('/c/:slug/sitemap.xml', pageRoute, (request, reply) =>
      withSite(request, reply, async (site) => {
        const now = request.ctx.now();
        // Absolute URLs: PUBLIC_URL or the own host name when configured, else the host asked for.
        const absolute = (path: string) =>
          site.publicUrl || site.settings.publicHost
            ? canonicalUrl(site, path)
            : `${requestOrigin(request)}${sitePath(site, path)}`;
        const faqs = await listVisibleFaqCodes(database.db, site.center.id, now);
        const categoryCounts = await countVisibleByCategory(database.db, site.center.id, now);
        const departmentCounts = await countVisibleByDepartment(database.db, site.center.id, now);
        const entries: { loc: string; lastmod?: string }[] = [
          { loc: absolute('/') },
          { loc: absolute('/faq/') },
          { loc: absolute('/ranking') },
          ...site.detail.categoryAxes.flatMap((a) =>
            a.categories
              .filter((c) => (categoryCounts.get(c.id) ?? 0) > 0)
              .map((c) => ({ loc: absolute(`/faq/category/${c.id}`) })),
          ),
          ...site.detail.departments
            .filter((d) => (departmentCounts.get(d.id) ?? 0) > 0)
            .map((d) => ({ loc: absolute(`/faq/department/${d.id}`) })),
          ...faqs.map((f) => ({
            loc: absolute(`/faq/${encodeURIComponent(f.faqCode)}`),
            lastmod: f.updatedAt.toISOString(),
          })),
        ];
        const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries
  .map(
    (e) =>
      `<url><loc>${html`${e.loc}`.value}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`,
  )
  .join('\n')}
</urlset>
`;
        const page = finishPage(xml);
        reply
          .header('content-type', 'application/xml; charset=utf-8')
          .header('cache-control', CACHE_CONTROL.page)
          .header('etag', page.etag);
        if (notModified(request, page.etag)) return reply.code(304).send();
        return reply.send(page.body);
      }),
    );

    // Everything else under a centre's path: the site's own 404 page.
    scope.get('/c/:slug/*', pageRoute, (request, reply) =>
      withSite(request, reply, (site) => notFound(request, reply, site)),
    );
  });

  app.decorate('publicSite', runtime);
  return runtime;
}

/** scheme://host of the request (sitemap and robots.txt when PUBLIC_URL is not configured). */
function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

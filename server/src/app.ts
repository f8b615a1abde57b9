import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config/config.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { centerRoutes } from './modules/centers/centers.routes.ts';
import { faqRoutes } from './modules/faq/faq.routes.ts';
import { faqVoteRoutes } from './modules/faq/faq-votes.routes.ts';
import { faqTransferRoutes } from './modules/faq/transfer/faq-transfer.routes.ts';
import { inquiryRoutes } from './modules/inquiries/inquiries.routes.ts';
import { jobRoutes } from './modules/jobs/jobs.routes.ts';
import { inquiryFormRoutes } from './modules/public-site/inquiry-form.routes.ts';
import { openFaqRoutes } from './modules/public-site/open-faq.routes.ts';
import { publicSettingsRoutes } from './modules/public-site/public-settings.routes.ts';
import { installPublicPageFastPath, publicSiteRoutes } from './modules/public-site/public-site.routes.ts';
import { publicHostRewriter } from './modules/public-site/site.ts';
import { createSearchService, type SearchService, searchRoutes } from './modules/search/index.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import type { Database } from './platform/db/database.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import { installMetrics } from './platform/http/metrics.ts';
import { rateLimitStore } from './platform/http/rate-limit-store.ts';
import { installSessionHook } from './platform/http/session-hook.ts';
import type { JobRunner } from './platform/jobs/index.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  jobs: JobRunner | null;
  logger?: FastifyBaseLogger | boolean;
  now?: () => Date;
  /** Built console (console/dist); null skips serving it (API-only tests). */
  consoleDir?: string | null;
  /** The process's search indexes (serve warms them at start); without it, built on first search. */
  search?: SearchService;
}

export const defaultConsoleDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../console/dist',
);

/** Builds the HTTP application: used by `madoguchi serve` and, in-process with `inject`, by the tests. */
export async function buildApp(deps: AppDeps) {
  const { config, database } = deps;
  const now = deps.now ?? (() => new Date());
  const app = Fastify({
    ...(typeof deps.logger === 'object' ? { loggerInstance: deps.logger } : { logger: deps.logger ?? false }),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // Request lines would put search words and names from URLs into the log; metrics count requests instead.
    logController: new LogController({ disableRequestLogging: true }),
    // A centre's own host name (public settings) serves its public site at that host's root.
    rewriteUrl: publicHostRewriter(database),
  }).withTypeProvider<ZodTypeProvider>();
  // Every route as registered, so that the route × role test can insist on an entry for each.
  const routes: { method: string; url: string; access: 'public' | 'session' }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, access: route.config?.access ?? 'session' });
    }
  });
  app.decorate('routeList', routes);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Cached public pages are answered by the first onRequest hook, before every other (docs/public-site.md).
  const publicSite = installPublicPageFastPath(app, { database, now });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only makes sense behind TLS, which a reverse proxy terminates.
    hsts: Boolean(config.PUBLIC_URL?.startsWith('https:')),
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    store: rateLimitStore(database),
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    allowList: (request) => !request.url.startsWith('/api/'),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Madoguchi API',
        version: '1',
        description:
          '窓口 (Madoguchi) のAPI。エラーは常に `{ "error": { "code", "message", "field"? } }` の形で返します。' +
          '状態を変更するリクエストには、セッションの `csrfToken` を `x-csrf-token` ヘッダーに付けてください。',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'madoguchi_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  installErrorHandler(app);
  installMetrics(app);
  installSessionHook(app, { database, config, now });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.query('select 1');
      return { status: 'ready', database: database.kind };
    } catch {
      return reply
        .code(503)
        .send({ error: { code: 'unavailable', message: 'データベースに接続できません。' } });
    }
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  authRoutes(app);
  centerRoutes(app);
  staffRoutes(app);
  faqRoutes(app);
  faqTransferRoutes(app);
  faqVoteRoutes(app);
  publicSettingsRoutes(app);
  openFaqRoutes(app);
  const search = deps.search ?? createSearchService({ database, logger: app.log });
  searchRoutes(app, search);
  auditRoutes(app);
  jobRoutes(app, deps.jobs);
  inquiryRoutes(app, deps.jobs);
  inquiryFormRoutes(app, { jobs: deps.jobs });

  const consoleDir = deps.consoleDir === undefined ? defaultConsoleDir : deps.consoleDir;
  if (consoleDir && fs.existsSync(path.join(consoleDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: consoleDir,
      prefix: '/console/',
      wildcard: false,
      index: ['index.html'],
    });
    // Client-side routes (/console/c/iwaki/…) all load the single page.
    app.get('/console/*', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
    app.get('/console', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
  }
  // The citizens' public site: /c/:slug/…, the root page listing the sites, robots.txt, public assets.
  await publicSiteRoutes(app, { database, search, runtime: publicSite });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

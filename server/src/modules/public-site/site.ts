// Which centre's public site a request is for (seed 004 第2-8(1)イ, 第2-8(3)): `/c/:slug/…`, or the same
// pages at the root of the centre's own host name (settings.publicHost). Centres and their public settings
// are read for every public page, so they are kept in memory per database: an entry lives SITE_TTL_MS and
// is dropped at once when the centre's public settings change (see invalidatePublicSites).
import type { IncomingMessage } from 'node:http';
import type { Center, PublicSettings } from '@madoguchi/contracts';
import { eq, isNotNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import { centerPublicSettings, centers } from '../../platform/db/schema.ts';
import { type CenterRow, findCenterBySlug, loadCenter } from '../centers/centers.repository.ts';
import { findPublicSettings } from './public-settings.repository.ts';

export interface PublicSite {
  center: CenterRow;
  settings: PublicSettings;
  /** '/c/iwaki', or '' when the request came in on the centre's own host name. */
  basePath: string;
  /** The centre document: lines (numbers), closures, departments, category axes. */
  detail: Center;
  /** The installation's PUBLIC_URL (absolute canonical URLs), when configured. */
  publicUrl?: string | undefined;
}

/** How long a centre's data may be served from memory (centre edits do not notify; settings edits do). */
export const SITE_TTL_MS = 30_000;

/**
 * A link inside the site: `sitePath(site, '/faq/')` → '/c/iwaki/faq/' (or '/faq/' on the centre's own host).
 * `path` starts with '/'; query strings may follow.
 */
export function sitePath(site: Pick<PublicSite, 'basePath'>, path = '/'): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return `${site.basePath}${p}`;
}

/** The site path prefix for a slug (slugs are [a-z0-9-], but encode anyway). */
export function slugBasePath(slug: string): string {
  return `/c/${encodeURIComponent(slug)}`;
}

// ── own host names ───────────────────────────────────────────────────────────────────────────────────
const HOST_SLUG = Symbol('madoguchi.publicHostSlug');
type MarkedRequest = IncomingMessage & { [HOST_SLUG]?: string };

/** The centre slug when this request came in on a centre's own host name (set by the URL rewriter). */
export function hostServedSlug(raw: IncomingMessage): string | undefined {
  return (raw as MarkedRequest)[HOST_SLUG];
}

/** Paths that stay the installation's own on every host name: staff console, API, probes, shared assets. */
const NOT_REWRITTEN = /^\/(api|console|healthz|readyz|metrics|public-assets)(\/|\?|$)/;

export function hostOf(raw: IncomingMessage): string | null {
  const header = raw.headers.host;
  if (!header) return null;
  // Strip a port (and IPv6 brackets never match a stored host name anyway).
  return header.replace(/:\d+$/, '').toLowerCase();
}

// ── the per-database directory ───────────────────────────────────────────────────────────────────────
interface SiteEntry {
  center: CenterRow;
  settings: PublicSettings;
  detail: Center;
  loadedAt: number;
}

interface Directory {
  entries: Map<string, SiteEntry | Promise<SiteEntry | null>>;
  /** Host name → slug, for the synchronous URL rewriter. */
  hosts: Map<string, string>;
  /** Bumped on every invalidation; render caches compare it. */
  generation: number;
  listeners: Set<(centerId: string | null) => void>;
}

const directories = new WeakMap<Database, Directory>();

function directoryFor(database: Database): Directory {
  let dir = directories.get(database);
  if (!dir) {
    dir = { entries: new Map(), hosts: new Map(), generation: 0, listeners: new Set() };
    directories.set(database, dir);
  }
  return dir;
}

async function loadEntry(database: Database, slug: string): Promise<SiteEntry | null> {
  const center = await findCenterBySlug(database.db, slug);
  if (!center) return null;
  const settings = await findPublicSettings(database.db, center.id);
  const detail = await loadCenter(database.db, center);
  return { center, settings, detail, loadedAt: Date.now() };
}

/** The centre and its public settings for a slug (from memory while fresh), or null for no such centre. */
export async function loadPublicSiteData(
  database: Database,
  slug: string,
): Promise<Omit<SiteEntry, 'loadedAt'> | null> {
  const dir = directoryFor(database);
  const cached = dir.entries.get(slug);
  if (cached && !(cached instanceof Promise) && Date.now() - cached.loadedAt < SITE_TTL_MS) return cached;
  if (cached instanceof Promise) return cached;
  // One load per slug at a time, however many requests arrive together.
  const generation = dir.generation;
  const pending = loadEntry(database, slug).then(
    (entry) => {
      if (dir.entries.get(slug) === pending) {
        if (entry && dir.generation === generation) dir.entries.set(slug, entry);
        else dir.entries.delete(slug);
      }
      return entry;
    },
    (error: unknown) => {
      if (dir.entries.get(slug) === pending) dir.entries.delete(slug);
      throw error;
    },
  );
  dir.entries.set(slug, pending);
  return pending;
}

/**
 * The public site a request is for: the `:slug` route parameter, or the centre whose own host name the
 * request came in on. Null when there is no such centre (answer with the 404 page).
 */
export async function resolvePublicSite(request: FastifyRequest): Promise<PublicSite | null> {
  const hostSlug = hostServedSlug(request.raw);
  const slug = hostSlug ?? (request.params as { slug?: string } | undefined)?.slug;
  if (!slug) return null;
  const data = await loadPublicSiteData(request.ctx.database, slug);
  if (!data) return null;
  return {
    center: data.center,
    settings: data.settings,
    detail: data.detail,
    basePath: hostSlug ? '' : slugBasePath(slug),
    publicUrl: request.ctx.config.PUBLIC_URL,
  };
}

/**
 * Forgets cached centre data (one centre, or all with null) and tells the render caches; called when public
 * settings change (the settings LISTEN) and by tests.
 */
export function invalidatePublicSites(database: Database, centerId: string | null): void {
  const dir = directoryFor(database);
  dir.generation += 1;
  for (const [slug, entry] of dir.entries) {
    if (centerId === null || entry instanceof Promise || entry.center.id === centerId)
      dir.entries.delete(slug);
  }
  for (const listener of dir.listeners) listener(centerId);
}

/** Subscribes to invalidations (the render cache drops a centre's pages); returns unsubscribe. */
export function onPublicSitesInvalidated(
  database: Database,
  listener: (centerId: string | null) => void,
): () => void {
  const dir = directoryFor(database);
  dir.listeners.add(listener);
  return () => dir.listeners.delete(listener);
}

/** Reloads the host name → slug map from the database (at start and after every settings change). */
export async function refreshPublicHosts(database: Database): Promise<void> {
  const rows = await database.db
    .select({ host: centerPublicSettings.publicHost, slug: centers.slug })
    .from(centerPublicSettings)
    .innerJoin(centers, eq(centers.id, centerPublicSettings.centerId))
    .where(isNotNull(centerPublicSettings.publicHost));
  const dir = directoryFor(database);
  dir.hosts = new Map(rows.flatMap((r) => (r.host ? [[r.host.toLowerCase(), r.slug] as const] : [])));
}

/** The slug whose own host name this is, if any (robots.txt lists that site's sitemap). */
export function slugForHost(database: Database, host: string | null): string | undefined {
  return host ? directories.get(database)?.hosts.get(host) : undefined;
}

/**
 * Fastify's `rewriteUrl`: a request whose Host is a centre's own host name is routed as `/c/<slug><url>`
 * and marked, so that its links are built without the prefix. Must stay synchronous (Fastify calls it
 * before routing), hence the in-memory map.
 */
export function publicHostRewriter(database: Database): (raw: IncomingMessage) => string {
  return (raw) => {
    const url = raw.url ?? '/';
    const dir = directories.get(database);
    if (!dir || dir.hosts.size === 0) return url;
    const host = hostOf(raw);
    const slug = host ? dir.hosts.get(host) : undefined;
    if (!slug || NOT_REWRITTEN.test(url) || url === '/robots.txt') return url;
    (raw as MarkedRequest)[HOST_SLUG] = slug;
    return `${slugBasePath(slug)}${url.startsWith('/') ? url : `/${url}`}`;
  };
}

/*
 * The public site's page frame (seed 004 第2-8(1)イ, 第2-8(3), 第3-1(2)ウ). Stable API for every public page:
 *
 *   renderPage(site, {
 *     title,            // the page's own title; <title> becomes "title | centre name"
 *     main,             // SafeHtml of the page body (starts with its <h1>)
 *     description?,     // <meta name="description">
 *     canonicalPath?,   // site path such as '/faq/F-000123' → <link rel="canonical"> (absolute when known)
 *     breadcrumbs?,     // [{ label, path? }]; ホーム is added first; the last item is the current page
 *     current?,         // 'home' | 'faq' | 'inquiry' | 'ranking': marks the nav item aria-current="page"
 *     status?,          // used by sendPage (default 200)
 *     noindex?,         // <meta name="robots" content="noindex"> (search results, forms, errors)
 *     head?,            // extra SafeHtml inside <head> (JSON-LD)
 *   }): string          // the whole document
 *
 *   sendPage(request, reply, site, options & { cache? })  renders and sends with the headers below
 *   sendHtml(request, reply, bodyOrPage, { status?, cache? })   sends a finished document
 *
 * The frame: lang="ja", skip link to #main, header with the centre name and the site search (one search
 * landmark per page, the suggestion combobox), the notice banner while settings.notice.text is set (urgent:
 * role="alert"), navigation (ホーム, よくある質問, お問い合わせ when the form is enabled, ランキング),
 * <main id="main">, footer with hours and numbers.
 *
 * Cache policies (`cache`): 'page' (default) public, max-age=60, stale-while-revalidate=600; 'short' (search
 * results, 404s) public, max-age=10, stale-while-revalidate=60; 'no-store' (forms, POST answers). Public
 * cached answers carry a strong ETag (hash of the bytes) and answer If-None-Match with 304.
 */
import { createHash } from 'node:crypto';
import { type DayKey, dayKeys, type Hours, noticeLevelLabels, type WeeklyHours } from '@madoguchi/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jstDate, jstTime } from '../centers/calendar.ts';
import { assetUrl } from './assets.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { type PublicSite, sitePath } from './site.ts';

export type { PublicSite } from './site.ts';
export { sitePath } from './site.ts';

export type NavSection = 'home' | 'faq' | 'inquiry' | 'ranking';

export interface Breadcrumb {
  label: string;
  path?: string;
}

export interface PageOptions {
  title: string;
  main: SafeHtml;
  description?: string;
  canonicalPath?: string;
  breadcrumbs?: Breadcrumb[];
  current?: NavSection;
  status?: number;
  noindex?: boolean;
  head?: SafeHtml;
}

export type CachePolicy = 'page' | 'short' | 'no-store';

export const CACHE_CONTROL: Record<CachePolicy, string> = {
  page: 'public, max-age=60, stale-while-revalidate=600',
  short: 'public, max-age=10, stale-while-revalidate=60',
  'no-store': 'no-store',
};

/** Absolute URL of a site path: on the centre's own host when it has one, else under PUBLIC_URL. */
export function canonicalUrl(site: PublicSite, path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  const base = site.publicUrl?.replace(/\/+$/, '');
  if (site.settings.publicHost) {
    const scheme = base?.startsWith('http:') ? 'http' : 'https';
    return `${scheme}://${site.settings.publicHost}${p}`;
  }
  return `${base ?? ''}/c/${encodeURIComponent(site.center.slug)}${p}`;
}

/** 2026年11月22日 (Japan time). */
export function jaDate(at: Date | string): string {
  const day = typeof at === 'string' ? at : jstDate(at);
  const [y, m, d] = day.split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}

// ── hours ────────────────────────────────────────────────────────────────────────────────────────────
const shortDay: Record<DayKey, string> = {
  mon: '月',
  tue: '火',
  wed: '水',
  thu: '木',
  fri: '金',
  sat: '土',
  sun: '日',
  holiday: '祝日',
};

function hoursText(h: Hours | null): string {
  if (!h) return '休み';
  const t = (s: string) => s.replace(/^0(\d)/, '$1');
  return `${t(h.opens)}〜${t(h.closes)}`;
}

/** Weekly hours as rows of days with the same hours: 「月〜金 8:30〜17:15」「土・日・祝日 休み」. */
export function weeklyHoursRows(hours: WeeklyHours): { days: string; hours: string }[] {
  const groups: { keys: DayKey[]; text: string }[] = [];
  for (const key of dayKeys) {
    const text = hoursText(hours[key]);
    const group = groups.find((g) => g.text === text);
    if (group) group.keys.push(key);
    else groups.push({ keys: [key], text });
  }
  return groups.map((g) => {
    const weekdays = g.keys.filter((k) => k !== 'holiday');
    const parts: string[] = [];
    // Consecutive weekdays as a range (月〜金), others listed.
    let i = 0;
    while (i < weekdays.length) {
      let j = i;
      while (
        j + 1 < weekdays.length &&
        dayKeys.indexOf(weekdays[j + 1] as DayKey) === dayKeys.indexOf(weekdays[j] as DayKey) + 1
      )
        j += 1;
      const a = weekdays[i] as DayKey;
      const b = weekdays[j] as DayKey;
      if (j - i >= 2) parts.push(`${shortDay[a]}〜${shortDay[b]}`);
      else for (let k = i; k <= j; k += 1) parts.push(shortDay[weekdays[k] as DayKey]);
      i = j + 1;
    }
    if (g.keys.includes('holiday')) parts.push(shortDay.holiday);
    return { days: parts.join('・'), hours: g.text };
  });
}

/** A phone number as a tel: link (digits and + only in the href). */
export function phoneLink(number: string): SafeHtml {
  const digits = number.replace(/[^\d+]/g, '');
  return digits ? html`<a href="tel:${digits}">${number}</a>` : html`${number}`;
}

/** Plain text with line breaks kept, paragraphs at blank lines. */
export function paragraphs(text: string): SafeHtml {
  const blocks = text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return html`${blocks.map(
    (b) => html`<p>${b.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}</p>`,
  )}`;
}

// ── the frame ─────────────────────────────────────────────────────────────────────────────────────────
function noticeBanner(site: PublicSite): SafeHtml {
  const notice = site.settings.notice;
  if (!notice.text.trim()) return html``;
  const label = noticeLevelLabels[notice.level];
  // When it was set matters during an incident: an old notice reads differently from a fresh one.
  const updated = notice.updatedAt ? new Date(notice.updatedAt) : null;
  return html`<section class="notice notice--${notice.level}" aria-labelledby="notice-title"${
    notice.level === 'urgent' ? raw(' role="alert"') : ''
  }><div class="container"><h2 id="notice-title" class="notice__title">${label}</h2>${paragraphs(
    notice.text,
  )}${
    updated
      ? html`<p class="notice__time"><time datetime="${updated.toISOString()}">${jaDate(updated)} ${jstTime(
          updated,
        )}</time> 更新</p>`
      : ''
  }</div></section>`;
}

/** The site search with the suggestion combobox (site.js enhances it; it works as a plain form without). */
export function searchForm(site: PublicSite, q = ''): SafeHtml {
  return html`<form class="site-search" role="search" action="${sitePath(site, '/faq/search')}" method="get" aria-label="よくある質問の検索">
<label for="site-search-q" class="site-search__label">よくある質問を検索</label>
<div class="site-search__row"><div class="combobox" data-suggest="${sitePath(site, '/faq/suggest')}">
<input id="site-search-q" name="q" type="search" value="${q}" maxlength="200" autocomplete="off" enterkeyhint="search" placeholder="例：住民票 コンビニ" aria-describedby="site-search-hint">
</div><button type="submit" class="button button--primary">検索</button></div>
<p id="site-search-hint" class="site-search__hint">言葉を入力すると候補が表示されます。上下の矢印キーで選べます。</p>
</form>`;
}

function navItem(site: PublicSite, section: NavSection, current: NavSection | undefined) {
  const items: Record<NavSection, { label: string; path: string }> = {
    home: { label: 'ホーム', path: '/' },
    faq: { label: 'よくある質問', path: '/faq/' },
    inquiry: { label: 'お問い合わせ', path: '/inquiry' },
    ranking: { label: 'ランキング', path: '/ranking' },
  };
  const item = items[section];
  return html`<li><a href="${sitePath(site, item.path)}"${
    current === section ? raw(' aria-current="page"') : ''
  }>${item.label}</a></li>`;
}

function breadcrumbTrail(site: PublicSite, crumbs: Breadcrumb[] | undefined): SafeHtml {
  if (!crumbs || crumbs.length === 0) return html``;
  const all: Breadcrumb[] = [{ label: 'ホーム', path: '/' }, ...crumbs];
  return html`<nav class="breadcrumbs" aria-label="現在位置"><ol>${all.map((c, i) =>
    i === all.length - 1
      ? html`<li><span aria-current="page">${c.label}</span></li>`
      : c.path !== undefined
        ? html`<li><a href="${sitePath(site, c.path)}">${c.label}</a></li>`
        : html`<li>${c.label}</li>`,
  )}</ol></nav>`;
}

function footer(site: PublicSite): SafeHtml {
  const rows = weeklyHoursRows(site.center.businessHours);
  const annual = site.detail.closures.filter((c) => c.kind === 'annual');
  return html`<footer class="site-footer"><div class="container">
<h2 class="site-footer__title">${site.center.name}</h2>
${
  site.detail.lines.length > 0
    ? html`<h3>電話番号</h3><ul class="plain-list">${site.detail.lines.map(
        // A fax number is no link: a phone cannot call it.
        (l) =>
          html`<li>${l.label ? html`${l.label}：` : ''}${/fax/i.test(l.label) ? l.number : phoneLink(l.number)}</li>`,
      )}</ul>`
    : ''
}
<h3>受付時間</h3>
<dl class="hours">${rows.map((r) => html`<div><dt>${r.days}</dt><dd>${r.hours}</dd></div>`)}</dl>
${annual.length > 0 ? html`<p>休業日：${annual.map((c) => c.label).join('、')}</p>` : ''}
<p class="site-footer__links"><a href="${sitePath(site, '/')}">ホーム</a> <a href="${sitePath(
    site,
    '/faq/',
  )}">よくある質問</a></p>
</div></footer>`;
}

/** The whole HTML document of one public page. */
export function renderPage(site: PublicSite, options: PageOptions): string {
  const fullTitle = `${options.title} | ${site.center.name}`;
  const canonical = options.canonicalPath !== undefined ? canonicalUrl(site, options.canonicalPath) : null;
  const doc = html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ''}
${canonical ? html`<link rel="canonical" href="${canonical}">` : ''}
${options.noindex ? html`<meta name="robots" content="noindex">` : ''}
<meta property="og:title" content="${fullTitle}">
<meta property="og:site_name" content="${site.center.name}">
<meta name="theme-color" content="#0017c1">
<link rel="icon" href="${assetUrl('favicon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl('site.css')}">
<script src="${assetUrl('site.js')}" defer></script>
${options.head ?? ''}
</head>
<body>
<a class="skip-link" href="#main">本文へ移動</a>
<header class="site-header"><div class="container">
<p class="site-header__name"><a href="${sitePath(site, '/')}">${site.center.name}</a></p>
<nav class="site-nav" aria-label="サイト内メニュー"><ul>
${navItem(site, 'home', options.current)}${navItem(site, 'faq', options.current)}${
  site.settings.inquiryEnabled ? navItem(site, 'inquiry', options.current) : ''
}${navItem(site, 'ranking', options.current)}
</ul></nav>
${searchForm(site, '')}
</div></header>
${noticeBanner(site)}
<main id="main" tabindex="-1"><div class="container">
${breadcrumbTrail(site, options.breadcrumbs)}
${options.main}
</div></main>
${footer(site)}
</body>
</html>
`;
  return doc.value;
}

/**
 * A page outside any centre's site (the installation's root listing the sites, the 404 of an unknown centre):
 * the same look without the centre's header, notice and footer.
 */
export function renderBarePage(options: { title: string; main: SafeHtml; noindex?: boolean }): string {
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
${options.noindex ? html`<meta name="robots" content="noindex">` : ''}
<link rel="icon" href="${assetUrl('favicon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl('site.css')}">
</head>
<body>
<a class="skip-link" href="#main">本文へ移動</a>
<header class="site-header"><div class="container"><p class="site-header__name"><a href="/">窓口</a></p></div></header>
<main id="main" tabindex="-1"><div class="container">
${options.main}
</div></main>
</body>
</html>
`.value;
}

// ── sending ───────────────────────────────────────────────────────────────────────────────────────────
/** A finished document with its strong ETag, as the render cache keeps it. */
export interface FinishedPage {
  body: Buffer;
  etag: string;
  status: number;
}

export function finishPage(document: string | Buffer, status = 200): FinishedPage {
  const body = typeof document === 'string' ? Buffer.from(document, 'utf8') : document;
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, status };
}

/** True when If-None-Match names this ETag (or *): the client's copy is current. */
export function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

/** Sends a finished HTML document with the cache policy's headers (ETag and 304 for public policies). */
export function sendHtml(
  request: FastifyRequest,
  reply: FastifyReply,
  document: string | Buffer | FinishedPage,
  options: { status?: number; cache?: CachePolicy } = {},
): FastifyReply {
  const page =
    typeof document === 'string' || Buffer.isBuffer(document)
      ? finishPage(document, options.status ?? 200)
      : document;
  const status = options.status ?? page.status;
  const cache = options.cache ?? 'page';
  reply.header('content-type', 'text/html; charset=utf-8');
  reply.header('cache-control', CACHE_CONTROL[cache]);
  if (cache !== 'no-store') {
    reply.header('etag', page.etag);
    reply.header('vary', 'accept-encoding');
    if (
      status === 200 &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      notModified(request, page.etag)
    )
      return reply.code(304).send();
  }
  return reply.code(status).send(page.body);
}

/** renderPage + sendHtml. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  site: PublicSite,
  options: PageOptions & { cache?: CachePolicy },
): FastifyReply {
  const document = renderPage(site, options);
  return sendHtml(request, reply, document, {
    status: options.status ?? 200,
    cache: options.cache ?? (options.status && options.status >= 400 ? 'short' : 'page'),
  });
}

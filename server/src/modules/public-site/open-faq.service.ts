// The open FAQ API and feed (seed 004 第4-4): the city's chatbot and other services reuse a centre's
// published FAQs. Public, without a session: only what the public site shows (no internal notes, drafts,
// comments or staff names), judged by the same faqVisibleAt. JSON pages for a mirror that syncs
// incrementally (docs/formats/open-faq.md), and the whole set as one CSV for people with a spreadsheet.
import { createHash } from 'node:crypto';
import {
  type OpenFaqItem,
  type OpenFaqPage,
  type OpenFaqQuery,
  openFaqQuerySchema,
} from '@madoguchi/contracts';
import { stringify } from 'csv-stringify/sync';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import type { ServiceContext } from '../auth/actor.ts';
import { formatJstDateTime, formatRelatedUrls, joinLines, neutralise } from '../faq/transfer/cells.ts';
import { canonicalUrl } from './layout.ts';
import {
  countVisible,
  departmentNames,
  labelRows,
  listHiddenSince,
  listVisibleChanged,
  type OpenFaqRow,
  publicationHistory,
} from './open-faq.repository.ts';
import { decodeCursor, encodeCursor, labelsVersionOf, syncFromOf, visibleDuring } from './open-faq.sync.ts';
import { loadVisibleFaqParts } from './public-faq.repository.ts';
import { loadPublicSiteData, type PublicSite, slugBasePath } from './site.ts';

/** What a response needs besides its body: a validator and the caching rule. */
export interface Cacheable<T> {
  body: T;
  etag: string;
}

/** The centre and how its public URLs are built (its own host name, PUBLIC_URL, or a site-relative path). */
async function openSite(ctx: ServiceContext, slug: string): Promise<PublicSite> {
  // The public site's own directory of centres (kept current by the public settings notification).
  const data = await loadPublicSiteData(ctx.database, slug);
  if (!data) throw notFound('センター');
  return { ...data, basePath: slugBasePath(data.center.slug), publicUrl: ctx.config.PUBLIC_URL };
}

const faqPath = (faqCode: string) => `/faq/${encodeURIComponent(faqCode)}`;

async function buildItems(
  executor: Executor,
  site: PublicSite,
  rows: OpenFaqRow[],
  now: Date,
): Promise<OpenFaqItem[]> {
  const centerId = site.center.id;
  const parts = await loadVisibleFaqParts(
    executor,
    centerId,
    rows.map((r) => r.id),
    now,
  );
  const departments = await departmentNames(executor, centerId);
  return rows.map((row) => {
    const path = faqPath(row.faqCode);
    return {
      faqId: row.faqCode,
      question: row.question,
      answer: row.answerHtml,
      answerText: row.answerText,
      categories: (parts.categories.get(row.id) ?? []).map(({ axisKey, axis, name }) => ({
        axisKey,
        axis,
        name,
      })),
      department: row.departmentId ? (departments.get(row.departmentId) ?? null) : null,
      keywords: row.keywords,
      relatedFaqIds: (parts.related.get(row.id) ?? []).map((r) => r.faqCode),
      relatedUrls: row.relatedUrls,
      // The public site serves a visible FAQ's files at /faq/<FAQ-ID>/attachments/<id> (public-site/pages.ts).
      attachments: (parts.attachments.get(row.id) ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
        url: canonicalUrl(site, `${path}/attachments/${a.id}`),
      })),
      updatedAt: new Date(row.changedMs).toISOString(),
      url: canonicalUrl(site, path),
    };
  });
}

/** Removed since `since`: hidden now, and visible at some instant since then (so a mirror may hold it). */
async function removedSince(executor: Executor, centerId: string, now: Date, since: Date): Promise<string[]> {
  const candidates = await listHiddenSince(executor, centerId, now, since);
  if (!candidates.length) return [];
  const history = await publicationHistory(
    executor,
    centerId,
    candidates.map((c) => c.id),
  );
  return candidates.filter((c) => visibleDuring(history.get(c.id) ?? [], since, now)).map((c) => c.faqCode);
}

const weakEtag = (value: unknown) =>
  `W/"${createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 27)}"`;

/**
 * One page of a centre's visible FAQs in (updatedAt, id) order. With `updatedSince`: only those changed
 * since, and on the first page the FAQ-IDs that stopped being visible since. The ETag leaves out asOf and
 * syncFrom (they move with the clock): equal ETags mean the same FAQs, which is what a cache revalidates.
 */
export async function getOpenFaqPage(
  ctx: ServiceContext,
  slug: string,
  query: OpenFaqQuery,
): Promise<Cacheable<OpenFaqPage>> {
  const input = parseInput(openFaqQuerySchema, query);
  const site = await openSite(ctx, slug);
  const centerId = site.center.id;
  const now = ctx.now();
  const since = input.updatedSince ? new Date(input.updatedSince) : null;
  const after = input.cursor ? decodeCursor(input.cursor, since) : null;
  const executor = ctx.database.db;
  const rows = await listVisibleChanged(executor, centerId, now, { since, after, limit: input.limit + 1 });
  const more = rows.length > input.limit;
  const pageRows = more ? rows.slice(0, input.limit) : rows;
  const last = pageRows.at(-1);
  const items = await buildItems(executor, site, pageRows, now);
  const removed = since && !after ? await removedSince(executor, centerId, now, since) : [];
  const content = {
    labelsVersion: labelsVersionOf(await labelRows(executor, centerId)),
    total: await countVisible(executor, centerId, now),
    items,
    removed,
    nextCursor:
      more && last
        ? encodeCursor({ changedMs: last.changedMs, id: last.id, since: since?.getTime() ?? null })
        : null,
  };
  return {
    body: { asOf: now.toISOString(), syncFrom: syncFromOf(now).toISOString(), ...content },
    etag: weakEtag(content),
  };
}

/** The CSV's columns, in order; each category axis of the centre gets its own column after 回答（テキスト）. */
const csvHead = ['FAQ-ID', '質問', '回答（HTML）', '回答（テキスト）'];
const csvTail = ['所管課', 'キーワード', '関連FAQ', '関連URL', '添付ファイル', '更新日時', 'URL'];

/**
 * Every visible FAQ of the centre as CSV (UTF-8 with BOM, CRLF, FAQ-ID order): the JSON's fields in Japanese
 * headers, lists one item per line in a cell, categories one column per axis, times in Japan time. Every
 * cell is neutralised as in the FAQ file (a leading = + - @ gets a `'`).
 */
export async function exportOpenFaqCsv(ctx: ServiceContext, slug: string): Promise<Cacheable<Buffer>> {
  const site = await openSite(ctx, slug);
  const centerId = site.center.id;
  const now = ctx.now();
  const executor = ctx.database.db;
  const rows = await listVisibleChanged(executor, centerId, now, {
    since: null,
    after: null,
    limit: null,
  });
  rows.sort((a, b) => (a.faqCode < b.faqCode ? -1 : a.faqCode > b.faqCode ? 1 : 0));
  const items = await buildItems(executor, site, rows, now);
  const labels = await labelRows(executor, centerId);
  const axes = [...labels.axes].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'ja'));
  const header = [...csvHead, ...axes.map((a) => a.name), ...csvTail];
  const records = items.map((item) => [
    item.faqId,
    item.question,
    item.answer,
    item.answerText,
    ...axes.map((axis) =>
      joinLines(item.categories.filter((c) => c.axisKey === axis.key).map((c) => c.name)),
    ),
    item.department ?? '',
    joinLines(item.keywords),
    joinLines(item.relatedFaqIds),
    formatRelatedUrls(item.relatedUrls),
    joinLines(item.attachments.map((a) => `${a.filename}|${a.url}`)),
    formatJstDateTime(item.updatedAt),
    item.url,
  ]);
  const text = stringify(
    [header, ...records].map((r) => r.map(neutralise)),
    { record_delimiter: '\r\n' },
  );
  const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

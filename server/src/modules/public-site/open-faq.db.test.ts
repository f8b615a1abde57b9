// The open FAQ API and feed (seed 004 第4-4) on the demo data: only visible FAQs, complete and stable
// keyset paging over 500+ FAQs, incremental sync with `removed` under a controlled clock (publish windows
// that end or begin without any row changing), the CSV round trip, caching headers, rate limit, tenants.
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faqs } from '../../platform/db/schema.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import type { ServiceContext } from '../auth/actor.ts';
import { findCenterBySlug } from '../centers/centers.repository.ts';
import { createFaq, deleteFaq, getFaq, insertFaqs, updateFaq } from '../faq/faq.service.ts';
import { addFaqAttachment, deleteFaqAttachment } from '../faq/faq-attachments.service.ts';
import { pngBytes } from '../faq/faq-test-helpers.ts';
import { faqVisibleAt } from '../faq/publication.ts';
import type { FaqContent } from '../faq/revisions.ts';
import { getOpenFaqPage } from './open-faq.service.ts';
import { updatePublicSettings } from './public-settings.service.ts';
import { invalidatePublicSites } from './site.ts';

let t: TestApp;
let iwakiId: string;
let alkooId: string;
let ctx: ServiceContext;
const base = '/api/v1/public/centers/iwaki/faqs';

interface Item {
  faqId: string;
  question: string;
  answer: string;
  answerText: string;
  categories: { axisKey: string; axis: string; name: string }[];
  department: string | null;
  keywords: string[];
  relatedFaqIds: string[];
  relatedUrls: { title: string; url: string }[];
  attachments: { filename: string; contentType: string; size: number; url: string }[];
  updatedAt: string;
  url: string;
}
interface Page {
  asOf: string;
  syncFrom: string;
  labelsVersion: string;
  total: number;
  items: Item[];
  removed: string[];
  nextCursor: string | null;
}

beforeAll(async () => {
  t = await createTestApp();
  iwakiId = (await findCenterBySlug(t.database.db, 'iwaki'))!.id;
  alkooId = (await findCenterBySlug(t.database.db, 'alkoo'))!.id;
  ctx = {
    database: t.database,
    config: t.config,
    actor: {
      userId: null,
      loginId: 'open-faq-test',
      displayName: '公開API試験',
      systemAdmin: false,
      memberships: [
        { centerId: iwakiId, roles: ['faq_editor', 'manager'], departmentId: null },
        { centerId: alkooId, roles: ['faq_editor'], departmentId: null },
      ],
    },
    meta: { ip: null, userAgent: null },
    now: () => new Date(t.clock.now.getTime()),
  };
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

async function page(query = ''): Promise<Page> {
  const response = await get(`${base}${query ? `?${query}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Follows nextCursor to the end; the pages, and every item in order. */
async function all(params: Record<string, string> = {}): Promise<{ pages: Page[]; items: Item[] }> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ ...params, ...(cursor ? { cursor } : {}) });
    const p = await page(query.toString());
    pages.push(p);
    cursor = p.nextCursor;
  } while (cursor);
  return { pages, items: pages.flatMap((p) => p.items) };
}

async function visibleCodes(centerId: string): Promise<string[]> {
  const rows = await t.database.db
    .select({ code: faqs.faqCode })
    .from(faqs)
    .where(and(eq(faqs.centerId, centerId), faqVisibleAt(t.clock.now)));
  return rows.map((r) => r.code).sort();
}

const codes = (items: readonly { faqId: string }[]) => items.map((i) => i.faqId).sort();

async function update(code: string, patch: Record<string, unknown>, slug = 'iwaki') {
  const { version } = await getFaq(ctx, slug, code, { countView: false });
  return updateFaq(ctx, slug, code, { version, ...patch });
}

describe('open FAQ API: what it shows', () => {
  it('pages completely and in (updatedAt, id) order through 500+ FAQs, ties included', async () => {
    // 300 more FAQs saved in one instant: a keyset on the time alone would lose or repeat them.
    const content = (n: number): FaqContent => ({
      question: `一括登録の質問その${n}`,
      answer: `<p>一括登録の回答その${n}</p>`,
      altPhrasings: [],
      keywords: [],
      categoryIds: [],
      departmentId: null,
      relatedFaqIds: [],
      relatedUrls: [],
      internalNotes: '',
      published: n % 10 !== 0,
      publishStart: null,
      publishEnd: null,
    });
    const instant = new Date(t.clock.now.getTime() - 60_000);
    await t.database.transaction((tx) =>
      insertFaqs(
        tx,
        ctx,
        iwakiId,
        Array.from({ length: 300 }, (_, i) => ({
          faqId: `BULK-${String(i).padStart(4, '0')}`,
          content: content(i),
          createdAt: instant,
        })),
        { action: 'import' },
      ),
    );
    const expected = await visibleCodes(iwakiId);
    expect(expected.length).toBeGreaterThan(500);
    const { pages, items } = await all({ limit: '97' });
    expect(pages.length).toBe(Math.ceil(expected.length / 97));
    expect(pages.every((p) => p.total === expected.length)).toBe(true);
    expect(new Set(items.map((i) => i.faqId)).size).toBe(items.length);
    expect(codes(items)).toEqual(expected);
    const times = items.map((i) => Date.parse(i.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(
      items.filter((i) => i.faqId.startsWith('BULK-')).every((i) => i.updatedAt === instant.toISOString()),
    ).toBe(true);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    // The default page size, and the limit's bounds named in Japanese.
    expect((await page()).items).toHaveLength(100);
    const tooMany = await get(`${base}?limit=501`);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toMatchObject({ code: 'validation_failed', field: 'querystring.limit' });
    expect(tooMany.json().error.message).toContain('500以下');
  });

  it('misses nothing when FAQs change while a consumer pages through', async () => {
    const first = await page('limit=200');
    const seen = new Set(first.items.map((i) => i.faqId));
    const notYet = (await visibleCodes(iwakiId)).filter((c) => !seen.has(c));
    const alreadySeen = first.items[0]!.faqId;
    t.clock.now = new Date(t.clock.now.getTime() + 1000);
    await update(notYet[0]!, { question: 'ページング中に変わった質問' });
    await update(alreadySeen, { question: 'ページング中に変わった既読の質問' });
    const rest = await all({ limit: '200', cursor: first.nextCursor! });
    const items = [...first.items, ...rest.items];
    expect(new Set(items.map((i) => i.faqId))).toEqual(new Set(await visibleCodes(iwakiId)));
    // The changed ones come (again) after the cursor, as they are now.
    const questions = rest.items.map((i) => i.question);
    expect(questions).toContain('ページング中に変わった質問');
    expect(questions).toContain('ページング中に変わった既読の質問');
  });

  it('shows only published FAQs inside their window: no drafts, notes, comments or staff names', async () => {
    const now = t.clock.now.getTime();
    const make = (faqId: string, extra: Record<string, unknown>) =>
      createFaq(ctx, 'iwaki', {
        faqId,
        question: `${faqId}の質問`,
        answer: `<p>${faqId}の回答</p>`,
        internalNotes: '職員向けの秘密メモ：折り返しは中村が担当',
        ...extra,
      });
    await make('VIS-DRAFT', { published: false });
    await make('VIS-SCHEDULED', { published: true, publishStart: new Date(now + 3_600_000).toISOString() });
    await make('VIS-EXPIRED', {
      published: true,
      publishStart: new Date(now - 7_200_000).toISOString(),
      publishEnd: new Date(now - 3_600_000).toISOString(),
    });
    await make('VIS-DELETED', { published: true });
    await deleteFaq(ctx, 'iwaki', 'VIS-DELETED');
    await make('VIS-OK', {
      published: true,
      keywords: ['=SUM(A1)', '住民票'],
      relatedFaqIds: ['VIS-DRAFT', 'VIS-EXPIRED', 'BULK-0001'],
      relatedUrls: [{ title: '市のページ', url: 'https://example.lg.jp/juminhyo' }],
    });
    const response = await get(
      `${base}?limit=500&updatedSince=${encodeURIComponent(new Date(now - 1).toISOString())}`,
    );
    const body = response.body;
    const items = (response.json() as Page).items;
    expect(codes(items).filter((c) => c.startsWith('VIS-'))).toEqual(['VIS-OK']);
    const ok = items.find((i) => i.faqId === 'VIS-OK')!;
    expect(ok).toMatchObject({
      question: 'VIS-OKの質問',
      answer: '<p>VIS-OKの回答</p>',
      answerText: 'VIS-OKの回答',
      keywords: ['=SUM(A1)', '住民票'],
      relatedFaqIds: ['BULK-0001'],
      relatedUrls: [{ title: '市のページ', url: 'https://example.lg.jp/juminhyo' }],
      url: '/c/iwaki/faq/VIS-OK',
      attachments: [],
    });
    for (const secret of [
      '秘密メモ',
      'internalNotes',
      'open-faq-test',
      '公開API試験',
      'VIS-DRAFT',
      'VIS-SCHEDULED',
    ])
      expect(body).not.toContain(secret);
    // A demo FAQ with its categories (axis and name) and department.
    const demo = (await all({ limit: '500' })).items.find((i) => i.categories.length > 0 && i.department)!;
    expect(demo.categories[0]).toEqual({
      axisKey: expect.any(String),
      axis: expect.any(String),
      name: expect.any(String),
    });
  });

  it('never shows another centre’s FAQs, and answers 404 for an unknown centre', async () => {
    await createFaq(ctx, 'alkoo', {
      faqId: 'ALK-SECRET',
      question: 'アルコーだけの質問',
      answer: '<p>アルコーだけの回答</p>',
      published: true,
    });
    const iwaki = await all({ limit: '500' });
    expect(iwaki.items.some((i) => i.faqId === 'ALK-SECRET' || i.question.includes('アルコーだけ'))).toBe(
      false,
    );
    const csv = await get(`${base}.csv`);
    expect(csv.body).not.toContain('アルコーだけ');
    const alkoo = await get('/api/v1/public/centers/alkoo/faqs?limit=500');
    expect(codes(alkoo.json().items)).toEqual(await visibleCodes(alkooId));
    expect(codes(alkoo.json().items)).toContain('ALK-SECRET');
    expect(alkoo.json().items.some((i: Item) => i.faqId.startsWith('BULK-'))).toBe(false);
    const unknown = await get('/api/v1/public/centers/nowhere/faqs');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('センターが見つかりません。');
  });

  it('links attachments where the public site serves them, and reports their removal as a change', async () => {
    const added = await addFaqAttachment(ctx, 'iwaki', 'VIS-OK', {
      filename: '窓口の地図.png',
      declaredType: 'image/png',
      data: pngBytes,
    });
    const since = new Date(t.clock.now.getTime() - 1).toISOString();
    const withFile = (await page(`updatedSince=${encodeURIComponent(since)}&limit=500`)).items.find(
      (i) => i.faqId === 'VIS-OK',
    )!;
    expect(withFile.attachments).toEqual([
      {
        filename: '窓口の地図.png',
        contentType: 'image/png',
        size: pngBytes.length,
        url: `/c/iwaki/faq/VIS-OK/attachments/${added.id}`,
      },
    ]);
    const file = await get(withFile.attachments[0]!.url);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pngBytes)).toBe(true);
    // Removal leaves no attachment row: the FAQ itself is stamped as changed.
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const beforeRemoval = new Date(t.clock.now.getTime() - 1).toISOString();
    expect((await page(`updatedSince=${encodeURIComponent(beforeRemoval)}&limit=500`)).items).toEqual([]);
    await deleteFaqAttachment(ctx, 'iwaki', 'VIS-OK', added.id);
    const after = await page(`updatedSince=${encodeURIComponent(beforeRemoval)}&limit=500`);
    expect(after.items.map((i) => i.faqId)).toEqual(['VIS-OK']);
    expect(after.items[0]!.attachments).toEqual([]);
  });

  it('uses PUBLIC_URL, or the centre’s own host name, for absolute URLs', async () => {
    const configured = { ...ctx, config: { ...t.config, PUBLIC_URL: 'https://madoguchi.example.jp' } };
    let first = (await getOpenFaqPage(configured, 'iwaki', { limit: 1 })).body.items[0]!;
    expect(first.url).toBe(`https://madoguchi.example.jp/c/iwaki/faq/${first.faqId}`);
    const admin = { ...ctx, actor: { ...ctx.actor!, systemAdmin: true } };
    await updatePublicSettings(admin, 'iwaki', { publicHost: 'faq.iwaki.example.jp' });
    try {
      invalidatePublicSites(t.database, iwakiId);
      first = (await getOpenFaqPage(configured, 'iwaki', { limit: 1 })).body.items[0]!;
      expect(first.url).toBe(`https://faq.iwaki.example.jp/faq/${first.faqId}`);
    } finally {
      await updatePublicSettings(admin, 'iwaki', { publicHost: null });
      invalidatePublicSites(t.database, iwakiId);
    }
  });
});

describe('open FAQ API: incremental sync under a controlled clock', () => {
  const T1 = new Date('2031-01-06T00:00:00Z').getTime();
  const at = (hours: number) => new Date(T1 + hours * 3_600_000);
  const since = (hours: number) => `updatedSince=${encodeURIComponent(at(hours).toISOString())}&limit=500`;
  const setClock = (hours: number) => {
    t.clock.now = at(hours);
  };
  const mine = (items: readonly { faqId: string }[]) => codes(items).filter((c) => c.startsWith('SY-'));

  it('reports new FAQs, and only those changed since', async () => {
    setClock(0);
    const make = (faqId: string, extra: Record<string, unknown> = {}) =>
      createFaq(ctx, 'iwaki', {
        faqId,
        question: `${faqId}`,
        answer: `<p>${faqId}</p>`,
        published: true,
        ...extra,
      });
    await make('SY-EXPIRES', { publishEnd: at(2).toISOString() });
    await make('SY-UNPUB');
    await make('SY-DEL');
    await make('SY-DRAFT', { published: false });
    await make('SY-LATER', { publishStart: at(3).toISOString() });
    await make('SY-HUB', { relatedFaqIds: ['SY-UNPUB'] });
    setClock(0.1);
    const p = await page(since(-0.01));
    expect(mine(p.items)).toEqual(['SY-DEL', 'SY-EXPIRES', 'SY-HUB', 'SY-UNPUB']);
    expect(p.removed).toEqual([]);
    expect(p.items.find((i) => i.faqId === 'SY-HUB')?.relatedFaqIds).toEqual(['SY-UNPUB']);
    expect(p.asOf).toBe(at(0.1).toISOString());
    expect(p.syncFrom).toBe(new Date(at(0.1).getTime() - 600_000).toISOString());
    // Nothing changed since: nothing to send.
    expect(mine((await page(since(0.05))).items)).toEqual([]);
  });

  it('reports unpublished, deleted and expired FAQs as removed, never a draft citizens never saw', async () => {
    setClock(1);
    await update('SY-UNPUB', { published: false });
    await deleteFaq(ctx, 'iwaki', 'SY-DEL');
    await update('SY-DRAFT', { question: '下書きのまま直した' });
    // 2.5 h: SY-EXPIRES's publish end (2 h) has passed without any row changing.
    setClock(2.5);
    const p = await page(since(0.5));
    expect(p.removed).toEqual(['SY-DEL', 'SY-EXPIRES', 'SY-UNPUB']);
    // SY-HUB did not change, but its related list did (SY-UNPUB went): it is sent again, without it.
    expect(mine(p.items)).toEqual(['SY-HUB']);
    expect(p.items[0]?.relatedFaqIds).toEqual([]);
    expect(p.items[0]?.updatedAt).toBe(at(1).toISOString());
    // Already reported: a sync from after the removals has nothing to remove; later pages carry none.
    expect((await page(since(2.2))).removed).toEqual([]);
    const from = encodeURIComponent('2000-01-01T00:00:00Z');
    const paged = await page(`updatedSince=${from}&limit=1`);
    expect(mine(paged.removed.map((faqId) => ({ faqId })))).toEqual(['SY-DEL', 'SY-EXPIRES', 'SY-UNPUB']);
    // Created with a window already over, or deleted in the instant it was created: never seen by anyone.
    expect(paged.removed).not.toContain('VIS-EXPIRED');
    expect(paged.removed).not.toContain('VIS-DELETED');
    expect(paged.nextCursor).not.toBeNull();
    expect((await page(`updatedSince=${from}&limit=1&cursor=${paged.nextCursor}`)).removed).toEqual([]);
  });

  it('sends an FAQ whose publish start passed, without any row changing', async () => {
    setClock(3.5);
    const p = await page(since(2.5));
    expect(mine(p.items)).toEqual(['SY-LATER']);
    expect(p.items[0]?.updatedAt).toBe(at(3).toISOString());
    expect(p.removed).toEqual([]);
  });

  it('sends an FAQ back when it is published again, with the FAQs that relate to it', async () => {
    setClock(4);
    await update('SY-UNPUB', { published: true });
    setClock(4.1);
    const p = await page(since(3.9));
    expect(mine(p.items)).toEqual(['SY-HUB', 'SY-UNPUB']);
    expect(p.items.find((i) => i.faqId === 'SY-HUB')?.relatedFaqIds).toEqual(['SY-UNPUB']);
  });

  it('keeps an exact mirror by following the documented procedure', async () => {
    // A mirror as docs/formats/open-faq.md describes: a full sync, then syncs from syncFrom.
    setClock(5);
    const mirror = new Map<string, Item>();
    let full = await all({ limit: '250' });
    for (const item of full.items) mirror.set(item.faqId, item);
    let syncFrom = full.pages[0]!.syncFrom;
    let labels = full.pages[0]!.labelsVersion;
    const sync = async () => {
      const { pages, items } = await all({ updatedSince: syncFrom, limit: '250' });
      if (pages[0]!.labelsVersion !== labels) {
        mirror.clear();
        full = await all({ limit: '250' });
        for (const item of full.items) mirror.set(item.faqId, item);
        syncFrom = full.pages[0]!.syncFrom;
        labels = full.pages[0]!.labelsVersion;
        return;
      }
      for (const code of pages[0]!.removed) mirror.delete(code);
      for (const item of items) mirror.set(item.faqId, item);
      syncFrom = pages[0]!.syncFrom;
      expect(mirror.size).toBe(pages[0]!.total);
    };
    const exact = async () => {
      const truth = await all({ limit: '500' });
      expect([...mirror.keys()].sort()).toEqual(codes(truth.items));
      for (const item of truth.items) expect(mirror.get(item.faqId)).toEqual(item);
    };

    setClock(6);
    await update('SY-HUB', { question: '変更後の質問' });
    await createFaq(ctx, 'iwaki', {
      faqId: 'SY-BRIEF',
      question: '短い公開',
      answer: '<p>x</p>',
      published: true,
      publishEnd: at(6.5).toISOString(),
    });
    await sync();
    await exact();

    setClock(7);
    await sync();
    expect(mirror.has('SY-BRIEF')).toBe(false);
    await exact();

    // A category renamed: no FAQ row changes; labelsVersion tells the mirror to start again.
    const [category] = await t.database.query<{ id: string; name: string }>(
      `select c.id, c.name from categories c join faq_categories fc on fc.category_id = c.id
        where c.center_id = $1 limit 1`,
      [iwakiId],
    );
    await t.database.query('update categories set name = $1 where id = $2', [
      `${category!.name}（改）`,
      category!.id,
    ]);
    setClock(8);
    await sync();
    await exact();
    expect(
      [...mirror.values()].some((i) => i.categories.some((c) => c.name === `${category!.name}（改）`)),
    ).toBe(true);
  });
});

describe('open FAQ feed: CSV and HTTP behaviour', () => {
  it('round-trips the CSV through csv-parse: BOM, Japanese headers, the JSON’s fields, neutralised cells', async () => {
    const response = await get(`${base}.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('faq-iwaki.csv');
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(response.rawPayload, {
      bom: true,
      columns: true,
      relax_column_count: false,
    }) as Record<string, string>[];
    const json = (await all({ limit: '500' })).items;
    expect(rows.map((r) => r['FAQ-ID']).sort()).toEqual(codes(json));
    const header = Object.keys(rows[0]!);
    expect(header.slice(0, 4)).toEqual(['FAQ-ID', '質問', '回答（HTML）', '回答（テキスト）']);
    expect(header.slice(-7)).toEqual([
      '所管課',
      'キーワード',
      '関連FAQ',
      '関連URL',
      '添付ファイル',
      '更新日時',
      'URL',
    ]);
    const ok = rows.find((r) => r['FAQ-ID'] === 'VIS-OK')!;
    expect(ok).toMatchObject({
      質問: 'VIS-OKの質問',
      '回答（HTML）': '<p>VIS-OKの回答</p>',
      キーワード: "'=SUM(A1)\n住民票",
      関連FAQ: 'BULK-0001',
      関連URL: '市のページ|https://example.lg.jp/juminhyo',
      URL: '/c/iwaki/faq/VIS-OK',
    });
    const withCategories = json.find((i) => i.categories.length > 0 && i.department)!;
    const row = rows.find((r) => r['FAQ-ID'] === withCategories.faqId)!;
    expect(row.所管課).toBe(withCategories.department);
    const category = withCategories.categories[0]!;
    expect(row[category.axis]?.split('\n')).toContain(category.name);
    expect(row['回答（テキスト）']).toBe(withCategories.answerText);
    expect(rows.some((r) => Object.values(r).some((v) => /^[=+\-@]/.test(v)))).toBe(false);
    expect(response.body).not.toContain('秘密メモ');
  });

  it('sends ETag and a short public Cache-Control, answers 304 until something changes', async () => {
    for (const url of [`${base}?limit=500&updatedSince=2031-01-01T00:00:00Z`, `${base}.csv`]) {
      const first = await get(url);
      expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=60');
      expect(first.headers['access-control-allow-origin']).toBe('*');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^(W\/)?"[A-Za-z0-9_-]+"$/);
      // asOf moves with the clock; the ETag does not.
      t.clock.now = new Date(t.clock.now.getTime() + 1000);
      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      await update('SY-HUB', { question: `ETag試験 ${url}` });
      const changed = await get(url, { 'if-none-match': etag });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
    }
  });

  it('refuses a cursor from another sync and a bad updatedSince, naming the field', async () => {
    const first = await page('limit=1');
    const mixed = await get(`${base}?limit=1&cursor=${first.nextCursor}&updatedSince=2030-01-01T00:00:00Z`);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error).toMatchObject({ field: 'cursor' });
    const badTime = await get(`${base}?updatedSince=yesterday`);
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().error).toMatchObject({ field: 'querystring.updatedSince' });
    expect(badTime.json().error.message).toContain('ISO 8601');
  });

  it('is rate limited per client', async () => {
    const limited = await createTestApp({ seed: false, env: { RATE_LIMIT_PER_MINUTE: '10' } });
    try {
      const codesSeen: number[] = [];
      for (let i = 0; i < 11; i++)
        codesSeen.push(
          (await limited.app.inject({ url: '/api/v1/public/centers/iwaki/faqs.csv' })).statusCode,
        );
      expect(codesSeen).toEqual([...Array(10).fill(404), 429]);
    } finally {
      await limited.close();
    }
  });

  it('is in the OpenAPI document as public, with its query parameters', async () => {
    const doc = (await get('/api/openapi.json')).json();
    const list = doc.paths['/api/v1/public/centers/{center}/faqs'].get;
    expect(list.security).toEqual([]);
    expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      ['center', 'cursor', 'limit', 'updatedSince'].sort(),
    );
    expect(list.responses['200'].content['application/json'].schema.properties).toHaveProperty('removed');
    expect(doc.paths['/api/v1/public/centers/{center}/faqs.csv'].get.produces ?? ['text/csv']).toContain(
      'text/csv',
    );
  });
});

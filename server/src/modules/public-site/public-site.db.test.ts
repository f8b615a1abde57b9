// The citizens' public site through HTTP (app.inject) on the demo data: what is reachable, caching, sitemap,
// JSON-LD, escaping, votes, views, search logging, own host names.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { faqs, faqViewCounts, faqVotes, searchQueries } from '../../platform/db/schema.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import { multipartFile, pngBytes } from '../faq/faq-test-helpers.ts';
import { faqVisibleAt } from '../faq/publication.ts';

let t: TestApp;
let editor: Client;
let admin: Client;
let iwakiId: string;

const hour = 3_600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

async function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers });
}

async function createFaq(client: Client, slug: string, body: Record<string, unknown>) {
  const response = await client.post(`/api/v1/centers/${slug}/faqs`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; faqId: string; version: number };
}

/** FAQ changes reach the render cache by LISTEN/NOTIFY; wait until a page shows what it should. */
async function eventually(fn: () => Promise<void>, ms = 3000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await fn();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A value of /metrics: the first sample of `name` whose labels contain `labels`. */
async function metric(name: string, labels: string): Promise<number> {
  const text = (await get('/metrics')).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}
const FAQ_ROUTE = 'route="/c/:slug/faq/:faqId"';
/** Requests of the FAQ page route timed by the metrics hook (the fast path counts, not times). */
const timedFaqPages = () => metric('madoguchi_http_request_duration_seconds_count', FAQ_ROUTE);

/** The response headers but the date. */
function headersOf(response: { headers: Record<string, unknown> }) {
  const { date: _date, ...rest } = response.headers;
  return rest;
}

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'faq01');
  admin = await loginAs(t.app, 'admin');
  iwakiId = (await admin.get('/api/v1/centers/iwaki')).json().id;
});
afterAll(async () => {
  await t?.close();
});

describe('pages', () => {
  it('serves the homepage, FAQ top, a category page and the ranking as Japanese HTML', async () => {
    const home = await get('/c/iwaki/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toContain('<html lang="ja">');
    expect(home.body).toContain('いわき市総合コールセンター（デモ）');
    expect(home.body).toContain('href="tel:0246001000"');
    // The demo's introduction and the city's specific call centres (center_public_settings).
    expect(home.body).toContain('お電話とメールでお答えする窓口です');
    expect(home.body).toContain('市税コールセンター（市民税・固定資産税・納付）');
    expect(home.body).toContain('href="tel:0246001210"');

    const top = await get('/c/iwaki/faq/');
    expect(top.statusCode).toBe(200);
    for (const heading of ['行政分野から探す', 'ライフイベントから探す', '所管課から探す'])
      expect(top.body).toContain(heading);
    const categoryLink = top.body.match(/href="(\/c\/iwaki\/faq\/category\/[0-9a-f-]+)"/);
    expect(categoryLink).not.toBeNull();
    const category = await get(categoryLink![1]!);
    expect(category.statusCode).toBe(200);
    expect(category.body).toMatch(/href="\/c\/iwaki\/faq\/IWK-\d{4}"/);

    const ranking = await get('/c/iwaki/ranking');
    expect(ranking.statusCode).toBe(200);
    expect(ranking.body).toContain('よく見られている質問ランキング');

    expect((await get('/c/iwaki')).headers.location).toBe('/c/iwaki/');
    expect((await get('/c/iwaki/faq')).headers.location).toBe('/c/iwaki/faq/');
  });

  it('pages category, department and keyword lists, and refuses pages past the end', async () => {
    const top = (await get('/c/iwaki/faq/')).body;
    const department = top.match(/href="(\/c\/iwaki\/faq\/department\/[0-9a-f-]+)"/)![1]!;
    expect((await get(department)).statusCode).toBe(200);
    const keyword = top.match(/href="(\/c\/iwaki\/faq\/keyword\/[^"]+)"/)![1]!;
    const kw = await get(keyword);
    expect(kw.statusCode).toBe(200);
    expect(kw.body).toContain('キーワード「');
    // 行政分野 戸籍・住民票 has more than one page of FAQs in the demo.
    const all = await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(faqs);
    expect(all[0]!.n).toBeGreaterThan(20);
    const field = top.match(/href="(\/c\/iwaki\/faq\/category\/[0-9a-f-]+)">戸籍・住民票/)![1]!;
    const page1 = await get(field);
    expect(page1.body).toContain('aria-label="ページ送り"');
    expect((await get(`${field}?page=2`)).statusCode).toBe(200);
    expect((await get(`${field}?page=999`)).statusCode).toBe(404);
    expect((await get(`${field}?page=abc`)).statusCode).toBe(404);
  });

  it('answers unknown centres and unknown paths with the 404 page', async () => {
    const unknown = await get('/c/nowhere/');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('ページが見つかりません');
    const path = await get('/c/iwaki/no/such/page');
    expect(path.statusCode).toBe(404);
    expect(path.body).toContain('いわき市総合コールセンター（デモ）');
  });

  it('lists the centres at the root, and robots.txt names their sitemaps', async () => {
    const root = await get('/');
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('href="/c/iwaki/"');
    expect(root.body).toContain('href="/c/alkoo/"');
    expect(root.body).toContain('href="/console/"');
    const robots = await get('/robots.txt');
    expect(robots.body).toContain('Sitemap: http://localhost:80/c/iwaki/sitemap.xml');
    expect(robots.body).toContain('Disallow: /api/');
  });

  it('serves the stylesheet and script with long caching when versioned', async () => {
    const home = (await get('/c/iwaki/')).body;
    const css = home.match(/href="(\/public-assets\/site\.css\?v=[0-9a-f]+)"/)![1]!;
    const js = home.match(/src="(\/public-assets\/site\.js\?v=[0-9a-f]+)"/)![1]!;
    const a = await get(css);
    expect(a.statusCode).toBe(200);
    expect(a.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(a.headers['cache-control']).toContain('immutable');
    expect((await get(js)).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/public-assets/nothing.js')).statusCode).toBe(404);
  });
});

describe('visibility', () => {
  let codes: { published: string; draft: string; scheduled: string; expired: string };

  beforeAll(async () => {
    const base = { answer: '<p>公開状態の試験です。</p>' };
    codes = {
      published: (await createFaq(editor, 'iwaki', { ...base, question: '公開中の試験', published: true }))
        .faqId,
      draft: (await createFaq(editor, 'iwaki', { ...base, question: '下書きの試験', published: false }))
        .faqId,
      scheduled: (
        await createFaq(editor, 'iwaki', {
          ...base,
          question: '公開予定の試験',
          published: true,
          publishStart: iso(24 * hour),
        })
      ).faqId,
      expired: (
        await createFaq(editor, 'iwaki', {
          ...base,
          question: '公開終了の試験',
          published: true,
          publishStart: iso(-48 * hour),
          publishEnd: iso(-24 * hour),
        })
      ).faqId,
    };
  });

  it('reaches only FAQs published and inside their window; the rest get the same 404 page', async () => {
    const ok = await get(`/c/iwaki/faq/${codes.published}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('公開中の試験');
    const never = await get('/c/iwaki/faq/NO-SUCH-1');
    expect(never.statusCode).toBe(404);
    for (const code of [codes.draft, codes.scheduled, codes.expired]) {
      const response = await get(`/c/iwaki/faq/${code}`);
      expect(response.statusCode, code).toBe(404);
      expect(response.body).toBe(never.body);
    }
  });

  it('keeps invisible FAQs out of lists, search and suggestions', async () => {
    let body = '';
    await eventually(async () => {
      body = (await get(`/c/iwaki/faq/search?q=${encodeURIComponent('試験')}`)).body;
      expect(body).toContain(codes.published);
    });
    for (const code of [codes.draft, codes.scheduled, codes.expired]) expect(body).not.toContain(code);
    const suggest = await get(`/c/iwaki/faq/suggest?q=${encodeURIComponent('下書き')}`);
    expect(JSON.stringify(suggest.json())).not.toContain('下書きの試験');
  });

  it('shows an FAQ once it is published, and hides it again when withdrawn (cache invalidated)', async () => {
    const url = `/c/iwaki/faq/${codes.draft}`;
    expect((await get(url)).statusCode).toBe(404);
    const current = (await editor.get(`/api/v1/centers/iwaki/faqs/${codes.draft}`)).json();
    const published = await editor.patch(`/api/v1/centers/iwaki/faqs/${codes.draft}`, {
      version: current.version,
      published: true,
    });
    expect(published.statusCode, published.body).toBe(200);
    await eventually(async () => expect((await get(url)).statusCode).toBe(200));
    // Cached and answered from memory from now on…
    const timed = await timedFaqPages();
    expect((await get(url)).statusCode).toBe(200);
    expect(await timedFaqPages()).toBe(timed);
    const withdrawn = await editor.patch(`/api/v1/centers/iwaki/faqs/${codes.draft}`, {
      version: published.json().version,
      published: false,
    });
    expect(withdrawn.statusCode).toBe(200);
    // …until the change notification drops it: then the route answers 404.
    await eventually(async () => expect((await get(url)).statusCode).toBe(404));
  });

  it("answers another centre's FAQ-ID under this centre's path with 404", async () => {
    const alkoo = await createFaq(admin, 'alkoo', {
      faqId: 'ALK-0001',
      question: 'アプリのログインができません',
      answer: '<p>再インストールしてください。</p>',
      published: true,
    });
    expect((await get(`/c/alkoo/faq/${alkoo.faqId}`)).statusCode).toBe(200);
    expect((await get(`/c/iwaki/faq/${alkoo.faqId}`)).statusCode).toBe(404);
    expect((await get(`/c/alkoo/faq/${codes.published}`)).statusCode).toBe(404);
    expect((await get('/c/alkoo/faq/IWK-0001')).statusCode).toBe(404);
  });

  it('serves attachments of visible FAQs only', async () => {
    const faq = await createFaq(editor, 'iwaki', {
      question: '地図はありますか',
      answer: '<p>添付の地図をご覧ください。</p>',
      published: true,
    });
    const upload = multipartFile('地図.png', 'image/png', pngBytes);
    const added = await editor.request(
      'POST',
      `/api/v1/centers/iwaki/faqs/${faq.faqId}/attachments`,
      upload.body,
      upload.headers,
    );
    expect(added.statusCode, added.body).toBe(201);
    const attachmentId = added.json().id as string;
    const url = `/c/iwaki/faq/${faq.faqId}/attachments/${attachmentId}`;
    await eventually(async () => expect((await get(`/c/iwaki/faq/${faq.faqId}`)).body).toContain(url));
    const file = await get(url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(pngBytes)).toBe(true);
    // Under another FAQ's ID, or once the FAQ is withdrawn: not found.
    expect((await get(`/c/iwaki/faq/${codes.published}/attachments/${attachmentId}`)).statusCode).toBe(404);
    const current = (await editor.get(`/api/v1/centers/iwaki/faqs/${faq.faqId}`)).json();
    await editor.patch(`/api/v1/centers/iwaki/faqs/${faq.faqId}`, {
      version: current.version,
      published: false,
    });
    expect((await get(url)).statusCode).toBe(404);
  });

  it('lists exactly the visible FAQs in sitemap.xml', async () => {
    const response = await get('/c/iwaki/sitemap.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    const listed = [...response.body.matchAll(/<loc>[^<]*\/c\/iwaki\/faq\/([A-Za-z0-9_.-]+)<\/loc>/g)].map(
      (m) => m[1],
    );
    const visible = await t.database.db
      .select({ code: faqs.faqCode })
      .from(faqs)
      .where(and(eq(faqs.centerId, iwakiId), faqVisibleAt(new Date())));
    expect(listed.length).toBeGreaterThan(100);
    expect([...listed].sort()).toEqual(visible.map((v) => v.code).sort());
    expect(listed).toContain(codes.published);
    for (const code of [codes.draft, codes.scheduled, codes.expired]) expect(listed).not.toContain(code);
  });
});

describe('caching', () => {
  it('gives FAQ pages a strong ETag, answers If-None-Match with 304, and public cache headers', async () => {
    const first = await get('/c/iwaki/faq/IWK-0001');
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600');
    const again = await get('/c/iwaki/faq/IWK-0001', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await get('/c/iwaki/faq/IWK-0001', { 'if-none-match': '"something-else"' });
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe(first.body);
  });

  it('caches search results for a shorter time and never caches the vote answer', async () => {
    const search = await get(`/c/iwaki/faq/search?q=${encodeURIComponent('住民票')}`);
    expect(search.headers['cache-control']).toBe('public, max-age=10, stale-while-revalidate=60');
    const vote = await t.app.inject({
      method: 'POST',
      url: '/c/iwaki/faq/IWK-0002/vote',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'helpful=yes',
    });
    expect(vote.statusCode).toBe(303);
    expect(vote.headers['cache-control']).toBe('no-store');
    const thanks = await get(vote.headers.location as string);
    expect(thanks.headers['cache-control']).toBe('no-store');
  });

  it('shows the notice banner as soon as a manager sets it (settings change empties the cache)', async () => {
    const manager = await loginAs(t.app, 'manager');
    expect((await get('/c/iwaki/faq/IWK-0003')).body).not.toContain('災害対応のため');
    const set = await manager.request('PUT', '/api/v1/centers/iwaki/public-notice', {
      text: '災害対応のため、回答が遅れています。',
      level: 'urgent',
    });
    expect(set.statusCode, set.body).toBeLessThan(300);
    await eventually(async () => {
      const page = (await get('/c/iwaki/faq/IWK-0003')).body;
      expect(page).toContain('災害対応のため、回答が遅れています。');
      expect(page).toContain('role="alert"');
    });
    await manager.request('PUT', '/api/v1/centers/iwaki/public-notice', { text: '', level: 'info' });
    await eventually(async () =>
      expect((await get('/c/iwaki/faq/IWK-0003')).body).not.toContain('災害対応のため'),
    );
  });

  it('answers a cached page from memory with the same bytes and headers as the route', async () => {
    const url = '/c/iwaki/faq/IWK-0004';
    t.app.publicSite.cache.clear();
    const timed = await timedFaqPages();
    const counted = await metric('madoguchi_http_requests_total', `${FAQ_ROUTE},status="200"`);
    const miss = await get(url); // built by the route
    const hit = await get(url); // the fast path
    expect(miss.statusCode).toBe(200);
    expect(hit.statusCode).toBe(200);
    expect(hit.rawPayload.equals(miss.rawPayload)).toBe(true);
    expect(headersOf(hit)).toEqual(headersOf(miss));
    expect(hit.headers['content-length']).toBe(String(miss.rawPayload.length));
    // Both are counted in /metrics; only the route's answer is timed.
    expect(await metric('madoguchi_http_requests_total', `${FAQ_ROUTE},status="200"`)).toBe(counted + 2);
    expect(await timedFaqPages()).toBe(timed + 1);

    const head = await t.app.inject({ method: 'HEAD', url });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(headersOf(head)).toEqual(headersOf(miss));

    // 304 from memory, and the same answer as the route's 304.
    const etag = miss.headers.etag as string;
    const fast304 = await get(url, { 'if-none-match': `W/"x", ${etag}` });
    expect(fast304.statusCode).toBe(304);
    expect(fast304.body).toBe('');
    expect(await timedFaqPages()).toBe(timed + 1);
    t.app.publicSite.cache.clear();
    const route304 = await get(url, { 'if-none-match': `W/"x", ${etag}` });
    expect(route304.statusCode).toBe(304);
    expect(headersOf(fast304)).toEqual(headersOf(route304));
    expect(await timedFaqPages()).toBe(timed + 2);

    // The 404 page of an unknown FAQ-ID is cached too, and answered the same way.
    const missing = await get('/c/iwaki/faq/NO-SUCH-9');
    const missingAgain = await get('/c/iwaki/faq/NO-SUCH-9', {
      'if-none-match': missing.headers.etag as string,
    });
    expect(missingAgain.statusCode).toBe(404);
    expect(missingAgain.body).toBe(missing.body);
    expect(headersOf(missingAgain)).toEqual(headersOf(missing));

    // A list page by its ?page= URL.
    const top = (await get('/c/iwaki/faq/')).body;
    const category = `${top.match(/href="(\/c\/iwaki\/faq\/category\/[0-9a-f-]+)"/)![1]}?page=1`;
    const timedLists = () =>
      metric('madoguchi_http_request_duration_seconds_count', 'route="/c/:slug/faq/category/:categoryId"');
    const listMiss = await get(category);
    const timedList = await timedLists();
    const listHit = await get(category);
    expect(await timedLists()).toBe(timedList);
    expect(listHit.statusCode).toBe(200);
    expect(listHit.body).toBe(listMiss.body);
    expect(headersOf(listHit)).toEqual(headersOf(listMiss));
  });

  it('takes the route for URLs with side effects (a search click), not the cached answer', async () => {
    const url = '/c/iwaki/faq/IWK-0005';
    await get(url);
    await get(url);
    const timed = await timedFaqPages();
    expect((await get(`${url}?sid=1`)).statusCode).toBe(200);
    expect((await get(`${url}?sid=1`)).statusCode).toBe(200);
    expect(await timedFaqPages()).toBe(timed + 2);
  });

  it("sends the app's security headers (helmet) on public pages too", async () => {
    const names = [
      'content-security-policy',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
    ];
    const reference = await get('/healthz');
    for (const url of ['/c/iwaki/faq/IWK-0001', '/c/iwaki/faq/IWK-0001', '/c/iwaki/no-such', '/']) {
      const page = await get(url);
      for (const name of names) expect(page.headers[name], `${url} ${name}`).toBe(reference.headers[name]);
    }
    expect(reference.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('does not look up staff sessions for public pages', async () => {
    // A cookie that is no session: /api would answer 401 for a protected route; public pages ignore it.
    const page = await get('/c/iwaki/faq/IWK-0001', { cookie: 'madoguchi_session=forged' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
  });
});

describe('FAQ page content', () => {
  it('carries valid schema.org FAQPage JSON-LD and a canonical URL', async () => {
    const page = await get('/c/iwaki/faq/IWK-0001');
    const script = page.body.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
    expect(script).not.toBeNull();
    const data = JSON.parse(script![1]!);
    expect(data['@context']).toBe('https://schema.org');
    expect(data['@type']).toBe('FAQPage');
    expect(data.mainEntity[0]['@type']).toBe('Question');
    const [row] = await t.database.db
      .select()
      .from(faqs)
      .where(and(eq(faqs.centerId, iwakiId), eq(faqs.faqCode, 'IWK-0001')));
    expect(data.mainEntity[0].name).toBe(row!.question);
    expect(data.mainEntity[0].acceptedAnswer.text).toBe(row!.answerHtml);
    expect(page.body).toContain('<link rel="canonical" href="/c/iwaki/faq/IWK-0001">');
  });

  it('escapes hostile FAQ text everywhere it appears', async () => {
    const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    const faq = await createFaq(editor, 'iwaki', {
      question: `危険な質問 ${hostile}`,
      answer: `<p>回答</p><script>alert(3)</script><a href="javascript:alert(4)">x</a>`,
      keywords: ['鍵<b>"&'],
      relatedUrls: [{ title: `リンク${hostile}`, url: 'https://example.jp/?a=1&b="2"' }],
      published: true,
    });
    const page = (await get(`/c/iwaki/faq/${faq.faqId}`)).body;
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('javascript:');
    expect(page).toContain('危険な質問 &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // Only the JSON-LD block and the site script are script elements; the JSON cannot close its element.
    expect(page.match(/<script/g)?.length).toBe(2);
    const json = page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!;
    expect(json).not.toContain('<');
    expect(JSON.parse(json).mainEntity[0].name).toBe(`危険な質問 ${hostile}`);
    // The search index hears of the new FAQ by LISTEN (within a second: search-propagation.db.test.ts measures
    // that); the first search of this file may also be building the centre's index, slow on a loaded CI machine.
    await eventually(async () => {
      const search = (await get(`/c/iwaki/faq/search?q=${encodeURIComponent('危険な質問')}`)).body;
      expect(search).toContain(faq.faqId);
      expect(search).not.toContain('<script>alert');
    }, 15_000);
    const echo = (await get(`/c/iwaki/faq/search?q=${encodeURIComponent(hostile)}`)).body;
    expect(echo).not.toContain('<script>alert');
    expect(echo).not.toContain('<img src=x');
  });

  it('highlights search matches with <mark> and offers did-you-mean or browsing when nothing is found', async () => {
    const found = (await get(`/c/iwaki/faq/search?q=${encodeURIComponent('粗大ごみ')}`)).body;
    expect(found).toContain('<mark>');
    expect(found).toMatch(/href="\/c\/iwaki\/faq\/IWK-\d{4}\?sid=\d+"/);
    const none = await get(`/c/iwaki/faq/search?q=${encodeURIComponent('qzxwvk')}`);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('見つかりませんでした');
    expect(none.body).toContain('href="/c/iwaki/inquiry"');
    expect(none.body).toContain('/c/iwaki/faq/category/');
    expect(none.body).toContain('<meta name="robots" content="noindex">');
  });

  it('logs public searches (scope public, no personal data) and the result clicked', async () => {
    const q = '住民票 コンビニ 09012345678';
    const found = (await get(`/c/iwaki/faq/search?q=${encodeURIComponent(q)}`)).body;
    const [, href, sid] = found.match(/href="(\/c\/iwaki\/faq\/[A-Za-z0-9_.-]+\?sid=(\d+))"/)!;
    // Written every few seconds, not per request.
    expect(
      await t.database.db
        .select()
        .from(searchQueries)
        .where(eq(searchQueries.id, Number(sid))),
    ).toEqual([]);
    await t.app.publicSite.searches.flush();
    const [logged] = await t.database.db
      .select()
      .from(searchQueries)
      .where(eq(searchQueries.id, Number(sid)));
    expect(logged!.scope).toBe('public');
    expect(logged!.centerId).toBe(iwakiId);
    expect(logged!.queryNormalized).not.toContain('09012345678');
    expect(logged!.results).toBeGreaterThan(0);
    expect((await get(href!)).statusCode).toBe(200);
    const [clicked] = await t.database.db
      .select()
      .from(searchQueries)
      .where(eq(searchQueries.id, Number(sid)));
    expect(clicked!.clickedFaqId).not.toBeNull();
  });

  it('answers the same search from memory with its own search id, and writes every search', async () => {
    const url = `/c/iwaki/faq/search?q=${encodeURIComponent('住民票 コンビニ')}`;
    const first = await get(url);
    const second = await get(url);
    const sidOf = (body: string) => body.match(/\?sid=(\d+)"/)![1]!;
    const [a, b] = [sidOf(first.body), sidOf(second.body)];
    expect(a).not.toBe(b);
    expect(second.body.replaceAll(`sid=${b}`, `sid=${a}`)).toBe(first.body);
    expect(second.headers.etag).not.toBe(first.headers.etag);
    // A result clicked before the search was written is kept with it.
    const href = second.body.match(/href="(\/c\/iwaki\/faq\/[A-Za-z0-9_.-]+\?sid=\d+)"/)![1]!;
    expect((await get(href)).statusCode).toBe(200);
    await t.app.publicSite.searches.flush();
    const rows = await t.database.db
      .select()
      .from(searchQueries)
      .where(sql`${searchQueries.id} in (${Number(a)}, ${Number(b)})`);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === Number(a))!.clickedFaqId).toBeNull();
    expect(rows.find((r) => r.id === Number(b))!.clickedFaqId).not.toBeNull();
    // Page 2 and a search without words carry no new log row; the sid passed along stays in the links.
    const none = await get(`/c/iwaki/faq/search?sid=${a}`);
    expect(none.statusCode).toBe(200);
  });

  it('writes buffered searches when the app closes', async () => {
    const own = await buildApp({ config: t.config, database: t.database, jobs: null, consoleDir: null });
    const body = (await own.inject({ url: `/c/iwaki/faq/search?q=${encodeURIComponent('ごみ')}` })).body;
    const sid = Number(body.match(/\?sid=(\d+)"/)![1]);
    await own.close();
    const rows = await t.database.db.select().from(searchQueries).where(eq(searchQueries.id, sid));
    expect(rows).toHaveLength(1);
  });

  it('suggests FAQs and queries as JSON for the combobox script', async () => {
    const response = await get(`/c/iwaki/faq/suggest?q=${encodeURIComponent('じゅうみんひょう')}`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { suggestions: { kind: string; text: string; url: string | null }[] };
    expect(body.suggestions.length).toBeGreaterThan(0);
    const faq = body.suggestions.find((s) => s.kind === 'faq');
    expect(faq?.url).toMatch(/^\/c\/iwaki\/faq\/IWK-\d{4}$/);
  });
});

describe('views', () => {
  it('counts public views in memory and writes them in one go', async () => {
    const [row] = await t.database.db
      .select({ id: faqs.id })
      .from(faqs)
      .where(and(eq(faqs.centerId, iwakiId), eq(faqs.faqCode, 'IWK-0010')));
    const count = async () => {
      const rows = await t.database.db
        .select({ views: faqViewCounts.views })
        .from(faqViewCounts)
        .where(and(eq(faqViewCounts.faqId, row!.id), eq(faqViewCounts.channel, 'public')));
      return rows.reduce((sum, r) => sum + r.views, 0);
    };
    await t.app.publicSite.views.flush();
    const before = await count();
    for (let i = 0; i < 5; i += 1) expect((await get('/c/iwaki/faq/IWK-0010')).statusCode).toBe(200);
    expect(await count()).toBe(before);
    await t.app.publicSite.views.flush();
    expect(await count()).toBe(before + 5);
  });
});

describe('votes', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const post = (code: string, payload: string, ip = '198.51.100.7') =>
    t.app.inject({
      method: 'POST',
      url: `/c/iwaki/faq/${code}/vote`,
      headers: form,
      payload,
      remoteAddress: ip,
    });
  const votesOf = async (code: string) => {
    const [row] = await t.database.db
      .select({ id: faqs.id })
      .from(faqs)
      .where(and(eq(faqs.centerId, iwakiId), eq(faqs.faqCode, code)));
    return t.database.db.select().from(faqVotes).where(eq(faqVotes.faqId, row!.id));
  };

  it('stores a vote with its comment and thanks the voter after a redirect (PRG)', async () => {
    const response = await post(
      'IWK-0020',
      new URLSearchParams({ helpful: 'no', comment: '手数料の記載がほしい\r\n', website: '' }).toString(),
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/c/iwaki/faq/IWK-0020?voted=1#vote');
    const thanks = await get('/c/iwaki/faq/IWK-0020?voted=1');
    expect(thanks.body).toContain('ご回答ありがとうございました');
    const votes = await votesOf('IWK-0020');
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ helpful: false, comment: '手数料の記載がほしい', centerId: iwakiId });
  });

  it('answers a vote without a choice with the error next to the field, keeping the comment', async () => {
    const response = await post('IWK-0021', 'comment=%E6%AE%8B%E3%81%99%3Cb%3E', '198.51.100.8');
    expect(response.statusCode).toBe(400);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('「はい」か「いいえ」を選んでください');
    expect(response.body).toContain('>残す&lt;b&gt;</textarea>');
    expect(await votesOf('IWK-0021')).toHaveLength(0);
    const long = await post('IWK-0021', `helpful=yes&comment=${'あ'.repeat(1001)}`, '198.51.100.8');
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('1000文字以内');
  });

  it('thanks a bot that fills the honeypot but stores nothing', async () => {
    const response = await post('IWK-0022', 'helpful=yes&website=http%3A%2F%2Fspam.example', '198.51.100.9');
    expect(response.statusCode).toBe(303);
    expect(await votesOf('IWK-0022')).toHaveLength(0);
  });

  it('refuses votes on FAQs that are not visible', async () => {
    expect((await post('NO-SUCH-1', 'helpful=yes', '198.51.100.10')).statusCode).toBe(404);
  });

  it('limits votes per IP address', async () => {
    const ip = '203.0.113.50';
    const codes: number[] = [];
    for (let i = 0; i < 11; i += 1) codes.push((await post('IWK-0023', 'helpful=yes', ip)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 303)).toBe(true);
    const limited = await post('IWK-0023', 'helpful=yes', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(limited.body).toContain('送信が多すぎます');
    expect(await votesOf('IWK-0023')).toHaveLength(10);
    // Someone else is not affected.
    expect((await post('IWK-0023', 'helpful=yes', '203.0.113.51')).statusCode).toBe(303);
  });
});

describe('own host name', () => {
  it('serves the site at the root of its host name with links without the /c/ prefix', async () => {
    const set = await admin.patch('/api/v1/centers/iwaki/public-settings', {
      publicHost: 'faq.iwaki.example',
    });
    expect(set.statusCode, set.body).toBe(200);
    await eventually(async () => {
      const home = await get('/', { host: 'faq.iwaki.example' });
      expect(home.statusCode).toBe(200);
      // The centre's homepage, not the installation's list (which names the centre too).
      expect(home.body).toContain('<link rel="canonical" href="https://faq.iwaki.example/">');
    });
    const page = await get('/faq/IWK-0001', { host: 'faq.iwaki.example:443' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="/faq/">よくある質問</a>');
    expect(page.body).not.toContain('href="/c/iwaki/');
    expect(page.body).toContain('<link rel="canonical" href="https://faq.iwaki.example/faq/IWK-0001">');
    // From memory the second time, still the own host's page; the /c/ path keeps its own.
    const timed = await timedFaqPages();
    const again = await get('/faq/IWK-0001', { host: 'faq.iwaki.example' });
    expect(await timedFaqPages()).toBe(timed);
    expect(again.body).toBe(page.body);
    expect(headersOf(again)).toEqual(headersOf(page));
    const prefixed = await get('/c/iwaki/faq/IWK-0001');
    expect(prefixed.body).toContain('<a href="/c/iwaki/faq/">よくある質問</a>');
    // Another centre's pages are not reachable through this host; the API and console stay where they are.
    expect((await get('/c/alkoo/', { host: 'faq.iwaki.example' })).statusCode).toBe(404);
    expect((await get('/healthz', { host: 'faq.iwaki.example' })).statusCode).toBe(200);
    const robots = await get('/robots.txt', { host: 'faq.iwaki.example' });
    expect(robots.body).toContain('Sitemap: http://faq.iwaki.example/sitemap.xml');
    // Other host names still see the installation's root page.
    expect((await get('/')).body).toContain('href="/c/alkoo/"');
    await admin.patch('/api/v1/centers/iwaki/public-settings', { publicHost: null });
    await eventually(async () =>
      expect((await get('/', { host: 'faq.iwaki.example' })).body).toContain('href="/c/alkoo/"'),
    );
  });
});

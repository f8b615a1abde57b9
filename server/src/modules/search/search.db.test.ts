import type { Center, SearchResult, Suggestion } from '@madoguchi/contracts';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, searchQueries } from '../../platform/db/schema.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let editor: Client;
let operator: Client;
let shiminStaff: Client;
let iwaki: Center;
const base = '/api/v1/centers/iwaki';

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'faq01');
  operator = await loginAs(t.app, 'op02');
  shiminStaff = await loginAs(t.app, 'dept-shimin');
  iwaki = (await editor.get(base)).json();
  // Searched before this process built its index: offered as suggestions once seen three times.
  const logged = (query: string, times: number) =>
    Array.from({ length: times }, () => ({
      centerId: iwaki.id,
      scope: 'console' as const,
      queryNormalized: query,
      results: 2,
      searchedAt: new Date(t.clock.now.getTime() - 86_400_000),
    }));
  await t.database.db
    .insert(searchQueries)
    .values([...logged('粗大ごみの予約方法', 3), ...logged('粗大ごみの値段', 2)]);
});
afterAll(async () => {
  await t?.close();
});

async function search(client: Client, params: Record<string, string | number>): Promise<SearchResult> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const response = await client.get(`${base}/search?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const codes = (result: SearchResult) => result.hits.map((h) => h.faqId);
const ours = (result: SearchResult) => result.hits.filter((h) => h.faqId.startsWith('SR-'));

/** Polls `probe` until it holds; fails once `ms` have passed. Returns the time it took. */
async function within(ms: number, what: string, probe: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await probe()) return performance.now() - started;
    if (performance.now() - started > ms) throw new Error(`${what}: not seen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('FAQ search through the API', () => {
  it('finds demo FAQs by a colloquial question and by a kana-only query', async () => {
    const colloquial = await search(operator, { q: '住民票ほしいんですけど' });
    expect(codes(colloquial).slice(0, 3)).toContain('IWK-0001');
    expect(colloquial.hits[0]).toMatchObject({ snippet: expect.stringContaining('<mark>') });
    const kana = await search(operator, { q: 'じゅうみんひょう' });
    expect(codes(kana).slice(0, 3)).toContain('IWK-0001');
    const garbage = await search(operator, { q: 'ごみの日いつ' });
    expect(codes(garbage)[0]).toBe('IWK-0161');
  });

  it('shows every FAQ to staff and, with scope=published, only those published now', async () => {
    const day = 86_400_000;
    const now = t.clock.now.getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const states = {
      'SR-PUB': { published: true },
      'SR-DRAFT': { published: false },
      'SR-SCHED': { published: true, publishStart: iso(now + 10 * day) },
      'SR-EXP': { published: true, publishStart: iso(now - 10 * day), publishEnd: iso(now - day) },
    };
    for (const [faqId, state] of Object.entries(states)) {
      const created = await editor.post(`${base}/faqs`, {
        faqId,
        question: `ぴよぴよ給付金の申請（${faqId}）`,
        answer: '<p>ぴよぴよ給付金は子育て支援課で申請できます。</p>',
        ...state,
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    let all: SearchResult | null = null;
    await within(1000, 'the four new FAQs', async () => {
      all = await search(operator, { q: 'ぴよぴよ給付金' });
      return ours(all).length === 4;
    });
    const stateOf = Object.fromEntries(ours(all!).map((h) => [h.faqId, h.publicationState]));
    expect(stateOf).toEqual({
      'SR-PUB': 'published',
      'SR-DRAFT': 'draft',
      'SR-SCHED': 'scheduled',
      'SR-EXP': 'expired',
    });
    const published = await search(operator, { q: 'ぴよぴよ給付金', scope: 'published' });
    expect(ours(published).map((h) => h.faqId)).toEqual(['SR-PUB']);
    expect(published.hits.every((h) => h.publicationState === 'published')).toBe(true);
    const suggested = (await operator.get(`${base}/search/suggest?q=ぴよぴよ&scope=published`)).json();
    expect(suggested.filter((s: Suggestion) => s.kind === 'faq').map((s: Suggestion) => s.faqId)).toEqual([
      'SR-PUB',
    ]);
  });

  it("limits department staff to their own department's FAQs, as the FAQ list does", async () => {
    const shimin = iwaki.departments.find((d) => d.name === '市民課')!.id;
    const mine = await search(shiminStaff, { q: '住民票 ごみ 保育園', limit: 50 });
    expect(mine.hits.length).toBeGreaterThan(0);
    expect(new Set(mine.hits.map((h) => h.departmentId))).toEqual(new Set([shimin]));
    const everyone = await search(operator, { q: '住民票 ごみ 保育園', limit: 50 });
    expect(new Set(everyone.hits.map((h) => h.departmentId)).size).toBeGreaterThan(1);
    const other = iwaki.departments.find((d) => d.name !== '市民課')!.id;
    expect((await search(shiminStaff, { q: '住民票', departmentId: other })).hits).toEqual([]);
    const suggestions = (await shiminStaff.get(`${base}/search/suggest?q=ごみ`)).json() as Suggestion[];
    expect(suggestions.filter((s) => s.kind === 'faq')).toEqual([]);
  });

  it('suggests frequent queries of the centre, read from kana too', async () => {
    const response = await operator.get(`${base}/search/suggest?q=${encodeURIComponent('そだいごみ')}`);
    const suggestions = response.json() as Suggestion[];
    expect(suggestions.filter((s) => s.kind === 'faq').length).toBeGreaterThan(0);
    expect(suggestions.filter((s) => s.kind === 'query')).toEqual([
      { kind: 'query', text: '粗大ごみの予約方法', faqId: null },
    ]);
  });

  it('suggests a kanji question for a hiragana prefix', async () => {
    const response = await operator.get(`${base}/search/suggest?q=${encodeURIComponent('じゅうみんひょう')}`);
    expect(response.statusCode, response.body).toBe(200);
    const suggestions = response.json() as Suggestion[];
    expect(suggestions[0]).toEqual({
      kind: 'faq',
      text: '住民票の写しの交付を請求するには',
      faqId: 'IWK-0001',
    });
  });

  it('logs the query without personal data or the searcher, and counts the click', async () => {
    const result = await search(operator, {
      q: '山田 ０９０－１２３４－５６７８ yamada.taro@example.jp 住民票 会員番号12345',
    });
    expect(result.searchId).toMatch(/^\d+$/);
    const [row] = await t.database.db
      .select()
      .from(searchQueries)
      .where(eq(searchQueries.id, Number(result.searchId)));
    expect(row).toMatchObject({ scope: 'console', results: result.hits.length, clickedFaqId: null });
    expect(row!.queryNormalized).not.toMatch(/\d{4}|@|example/);
    expect(row!.queryNormalized).toContain('住民票');
    expect(Object.keys(row!)).not.toEqual(expect.arrayContaining(['userId']));

    const long = await search(operator, { q: 'あ'.repeat(200) });
    const [longRow] = await t.database.db
      .select()
      .from(searchQueries)
      .where(eq(searchQueries.id, Number(long.searchId)));
    expect(longRow!.queryNormalized.length).toBeLessThanOrEqual(200);

    const clicked = await operator.post(`${base}/search/${result.searchId}/click`, {
      faqId: result.hits[0]!.faqId,
    });
    expect(clicked.statusCode, clicked.body).toBe(204);
    const [after] = await t.database.db
      .select()
      .from(searchQueries)
      .where(eq(searchQueries.id, Number(result.searchId)));
    expect(after!.clickedFaqId).toBe(result.hits[0]!.id);
    expect((await operator.post(`${base}/search/999999999/click`, { faqId: 'IWK-0001' })).statusCode).toBe(
      404,
    );
    expect(
      (await operator.post(`${base}/search/${result.searchId}/click`, { faqId: 'NO-SUCH' })).statusCode,
    ).toBe(404);
    // Another centre's staff cannot touch this centre's log.
    const outsider = await loginAs(t.app, 'alkoo-op01');
    const foreign = await outsider.post(`/api/v1/centers/alkoo/search/${result.searchId}/click`, {
      faqId: 'IWK-0001',
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('applies a synonym group an editor adds, switches off and deletes, and audits each change', async () => {
    const q = { q: 'ぬぺぽ' };
    expect((await search(operator, q)).hits).toEqual([]);
    const created = await editor.post(`${base}/synonyms`, { terms: ['ぬぺぽ', '住民票', '住民票'] });
    expect(created.statusCode, created.body).toBe(201);
    const group = created.json();
    expect(group).toMatchObject({ terms: ['ぬぺぽ', '住民票'], enabled: true });
    await within(1000, 'the new synonym', async () => codes(await search(operator, q)).includes('IWK-0001'));

    const off = await editor.patch(`${base}/synonyms/${group.id}`, { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    await within(1000, 'the disabled synonym', async () => (await search(operator, q)).hits.length === 0);
    expect((await editor.get(`${base}/synonyms`)).json()).toContainEqual({ ...group, enabled: false });

    expect((await editor.delete(`${base}/synonyms/${group.id}`)).statusCode).toBe(204);
    expect((await editor.get(`${base}/synonyms`)).json()).not.toContainEqual(
      expect.objectContaining({ id: group.id }),
    );
    const audited = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, 'synonym_group'), eq(auditEvents.targetId, group.id)));
    expect(audited.map((a) => a.action).sort()).toEqual([
      'search.synonyms.create',
      'search.synonyms.delete',
      'search.synonyms.update',
    ]);
    const one = await editor.post(`${base}/synonyms`, { terms: ['ＡＴＭ', 'atm'] });
    expect(one.statusCode).toBe(400);
  });

  it('finds a kanji term of an editor’s group from its reading typed in kana', async () => {
    const q = { q: 'めだか' };
    expect((await search(operator, q)).hits).toEqual([]);
    const created = await editor.post(`${base}/synonyms`, { terms: ['目高', '住民票'] });
    expect(created.statusCode, created.body).toBe(201);
    await within(1000, 'the group read from kana', async () =>
      codes(await search(operator, q)).includes('IWK-0001'),
    );
    expect((await editor.delete(`${base}/synonyms/${created.json().id}`)).statusCode).toBe(204);
    await within(1000, 'the deleted group', async () => (await search(operator, q)).hits.length === 0);
  });
});

describe('learnt wordings under the editors’ eye', () => {
  const uses = (faqId: string, query: string) => operator.post(`${base}/faqs/${faqId}/uses`, { query });

  it('lists an FAQ’s learnt wordings to FAQ editors (logged as a view), and one removed is forgotten', async () => {
    const q = { q: 'ぴぽぱ' };
    expect((await search(operator, q)).hits).toEqual([]);
    for (let i = 0; i < 2; i++) expect((await uses('IWK-0001', 'ぴぽぱ 090-1234-5678')).statusCode).toBe(204);
    await within(1000, 'the learnt wording', async () =>
      codes(await search(operator, q)).includes('IWK-0001'),
    );

    const listed = await editor.get(`${base}/faqs/IWK-0001/evidence`);
    expect(listed.statusCode, listed.body).toBe(200);
    const learnt = listed.json() as { id: string; phrase: string; uses: number }[];
    // The phone number was cut out before anything was stored.
    expect(learnt).toEqual([expect.objectContaining({ phrase: 'ぴぽぱ', uses: 2 })]);
    expect((await operator.get(`${base}/faqs/IWK-0001/evidence`)).statusCode).toBe(403);
    const viewed = await t.database.db
      .select({ category: auditEvents.category })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'faq.evidence.list'));
    expect(viewed).toEqual([{ category: 'view' }]);

    const removed = await editor.delete(`${base}/faqs/IWK-0001/evidence/${learnt[0]!.id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    await within(1000, 'the removed wording', async () => (await search(operator, q)).hits.length === 0);
    expect((await editor.get(`${base}/faqs/IWK-0001/evidence`)).json()).toEqual([]);
    // Gone once; another FAQ's id path does not reach it either.
    expect((await editor.delete(`${base}/faqs/IWK-0001/evidence/${learnt[0]!.id}`)).statusCode).toBe(404);
    const [audit] = await t.database.db
      .select({ detail: auditEvents.detail })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'faq.evidence.delete'));
    expect(audit!.detail).toEqual({ faqId: 'IWK-0001', uses: 2 });
  });

  it('lets an administrator erase every learnt wording of the centre, and only theirs', async () => {
    const q = { q: 'ぷぺぽ' };
    expect((await uses('IWK-0002', 'ぷぺぽ')).statusCode).toBe(204);
    expect((await uses('IWK-0003', 'ぷぺぽ')).statusCode).toBe(204);
    await within(1000, 'the learnt wording', async () =>
      codes(await search(operator, q)).includes('IWK-0002'),
    );
    const alkoo = await loginAs(t.app, 'alkoo-sv');
    const alkooFaq = 'AK-LEARN-1';
    const made = await alkoo.post('/api/v1/centers/alkoo/faqs', {
      faqId: alkooFaq,
      question: 'アプリの歩数が反映されない',
      answer: 'アプリを再起動してください。',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(
      (await alkoo.post(`/api/v1/centers/alkoo/faqs/${alkooFaq}/uses`, { query: 'ぷぺぽ' })).statusCode,
    ).toBe(204);

    expect((await editor.delete(`${base}/faq-evidence`)).statusCode).toBe(403);
    const admin = await loginAs(t.app, 'admin');
    const erased = await admin.delete(`${base}/faq-evidence`);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toEqual({ deleted: 2 });
    await within(1000, 'the erased wordings', async () => (await search(operator, q)).hits.length === 0);
    // The other centre keeps its own.
    expect((await alkoo.get(`/api/v1/centers/alkoo/faqs/${alkooFaq}/evidence`)).json()).toEqual([
      expect.objectContaining({ phrase: 'ぷぺぽ', uses: 1 }),
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import { findCenterBySlug } from '../centers/centers.repository.ts';
import { findFaqRow, recordFaqView } from './faq.repository.ts';

let t: TestApp;
let editor: Client;
let iwakiId: string;
const base = '/api/v1/centers/iwaki/faqs';

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'faq01');
  iwakiId = (await findCenterBySlug(t.database.db, 'iwaki'))!.id;
  for (const faqId of ['RK-0001', 'RK-0002', 'RK-0003', 'US-0001']) {
    const made = await editor.post(base, { faqId, question: `${faqId} の質問`, answer: '回答' });
    expect(made.statusCode).toBe(201);
  }
});
afterAll(async () => {
  t.clock.now = new Date();
  await t?.close();
});

/** Signs in at a moment of the test clock (sessions live on that clock). */
async function at(iso: string, login = 'op02'): Promise<Client> {
  t.clock.now = new Date(iso);
  return loginAs(t.app, login);
}

describe('views and the weekly ranking', () => {
  it('counts a view on the Japan-time day: Sunday 23:59 is last week, Monday 00:00 the next', async () => {
    // 2027-01-10 is a Sunday, 2027-01-11 a Monday.
    t.clock.now = new Date('2027-01-10T23:59:59.999+09:00');
    for (const login of ['op01', 'op02'])
      expect((await (await loginAs(t.app, login)).get(`${base}/RK-0001`)).statusCode).toBe(200);
    const monday = await at('2027-01-11T00:00:00+09:00');
    for (const login of ['op01', 'op02', 'op03']) await (await loginAs(t.app, login)).get(`${base}/RK-0002`);
    await monday.get(`${base}/RK-0003`);
    const rk3 = await findFaqRow(t.database.db, iwakiId, 'RK-0003');
    for (let i = 0; i < 3; i++)
      await recordFaqView(t.database.db, iwakiId, rk3!.id, 'public', new Date('2027-01-12T12:00:00+09:00'));

    const client = await at('2027-01-18T10:00:00+09:00');
    const previous = (await client.get('/api/v1/centers/iwaki/faq-ranking?week=2027-01-04')).json();
    expect(previous.weekStart).toBe('2027-01-04');
    expect(previous.items).toEqual([{ rank: 1, faqId: 'RK-0001', question: 'RK-0001 の質問', views: 2 }]);

    // Default: the last complete week; any day of a week names that week.
    const last = (await client.get('/api/v1/centers/iwaki/faq-ranking')).json();
    expect(last.weekStart).toBe('2027-01-11');
    expect(
      last.items.map((i: { faqId: string; views: number; rank: number }) => [i.rank, i.faqId, i.views]),
    ).toEqual([
      [1, 'RK-0003', 4],
      [2, 'RK-0002', 3],
    ]);
    const sameWeek = (await client.get('/api/v1/centers/iwaki/faq-ranking?week=2027-01-17')).json();
    expect(sameWeek.weekStart).toBe('2027-01-11');
    const consoleOnly = (
      await client.get('/api/v1/centers/iwaki/faq-ranking?week=2027-01-11&channel=console')
    ).json();
    expect(
      consoleOnly.items.map((i: { faqId: string; views: number; rank: number }) => [
        i.rank,
        i.faqId,
        i.views,
      ]),
    ).toEqual([
      [1, 'RK-0002', 3],
      [2, 'RK-0003', 1],
    ]);
    const publicOnly = (
      await client.get('/api/v1/centers/iwaki/faq-ranking?week=2027-01-11&channel=public')
    ).json();
    expect(publicOnly.items.map((i: { faqId: string }) => i.faqId)).toEqual(['RK-0003']);
  });

  it('counts one console view per staff member per FAQ per Japan-time day', async () => {
    const views = async () =>
      (
        await t.database.query<{ day: string; views: number }>(
          "select day::text as day, views from faq_view_counts v join faqs f on f.id = v.faq_id where f.faq_code = 'RK-0003' and v.channel = 'console' and v.day >= '2027-01-20' order by day",
        )
      ).map((r) => [r.day, r.views]);
    const editor = await at('2027-01-20T09:00:00+09:00', 'faq01');
    // An editor reloading after each save reads the FAQ many times: one view.
    for (let i = 0; i < 3; i++) expect((await editor.get(`${base}/RK-0003`)).statusCode).toBe(200);
    const saved = await editor.patch(`${base}/RK-0003`, { version: 1, question: 'RK-0003 の質問（改）' });
    expect(saved.statusCode, saved.body).toBe(200);
    await editor.get(`${base}/RK-0003`);
    expect(await views()).toEqual([['2027-01-20', 1]]);
    // Someone else the same day counts; the editor again the next Japan-time day counts.
    await (await loginAs(t.app, 'op01')).get(`${base}/RK-0003`);
    const late = await at('2027-01-20T23:59:59+09:00', 'faq01');
    expect((await late.get(`${base}/RK-0003`)).statusCode).toBe(200);
    t.clock.now = new Date('2027-01-21T00:00:00+09:00');
    expect((await late.get(`${base}/RK-0003`)).statusCode).toBe(200);
    expect(await views()).toEqual([
      ['2027-01-20', 2],
      ['2027-01-21', 1],
    ]);
    const reset = await late.patch(`${base}/RK-0003`, { version: 2, question: 'RK-0003 の質問' });
    expect(reset.statusCode, reset.body).toBe(200);
  });

  it('gives equal views the same rank', async () => {
    const client = await at('2027-02-02T09:00:00+09:00');
    await client.get(`${base}/RK-0001`);
    await client.get(`${base}/RK-0002`);
    await (await loginAs(t.app, 'op03')).get(`${base}/RK-0002`);
    await client.get(`${base}/RK-0003`);
    const ranking = (await client.get('/api/v1/centers/iwaki/faq-ranking?week=2027-02-01')).json();
    expect(ranking.items.map((i: { faqId: string; rank: number }) => [i.rank, i.faqId])).toEqual([
      [1, 'RK-0002'],
      [2, 'RK-0001'],
      [2, 'RK-0003'],
    ]);
  });
});

describe('uses and learning from use', () => {
  const evidence = () =>
    t.database.query<{ phrase_normalized: string; uses: number }>(
      "select phrase_normalized, uses from faq_evidence e join faqs f on f.id = e.faq_id where f.faq_code = 'US-0001' order by phrase_normalized",
    );

  it('records uses and keeps the search wording without personal data', async () => {
    const op = await at('2027-03-03T10:00:00+09:00');
    const first = await op.post(`${base}/US-0001/uses`, {
      query: '住民票　取り方 090-1234-5678 taro.yamada@example.jp 会員番号12345',
    });
    expect(first.statusCode, first.body).toBe(204);
    await op.post(`${base}/US-0001/uses`, { query: '住民票 取り方' });
    await op.post(`${base}/US-0001/uses`, { query: '０９０１２３４５６７８' });
    await op.post(`${base}/US-0001/uses`, {});
    expect(await evidence()).toEqual([
      { phrase_normalized: '住民票 取り方', uses: 1 },
      { phrase_normalized: '住民票 取り方 会員番号', uses: 1 },
    ]);
    const uses = await t.database.query<{ n: number }>(
      "select count(*) as n from faq_uses u join faqs f on f.id = u.faq_id where f.faq_code = 'US-0001'",
    );
    expect(uses[0]?.n).toBe(4);
    const audit = await t.database.query<{ detail: Record<string, unknown> }>(
      "select detail from audit_events where action = 'faq.use' and detail->>'faqId' = 'US-0001'",
    );
    expect(JSON.stringify(audit)).not.toContain('住民票');
  });

  it('keeps no wording while the centre has learning switched off', async () => {
    const admin = await at('2027-03-04T10:00:00+09:00', 'admin');
    const off = await admin.patch('/api/v1/centers/iwaki', { searchLearning: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().searchLearning).toBe(false);
    const before = await evidence();
    const op = await loginAs(t.app, 'op02');
    expect((await op.post(`${base}/US-0001/uses`, { query: '戸籍 取り寄せ' })).statusCode).toBe(204);
    expect(await evidence()).toEqual(before);
    expect((await admin.patch('/api/v1/centers/iwaki', { searchLearning: true })).json().searchLearning).toBe(
      true,
    );
    await op.post(`${base}/US-0001/uses`, { query: '戸籍 取り寄せ' });
    expect((await evidence()).map((e) => e.phrase_normalized)).toContain('戸籍 取り寄せ');
  });

  it('shows views and uses per week for the last 12 weeks', async () => {
    const op = await at('2027-03-05T10:00:00+09:00');
    await op.get(`${base}/US-0001`);
    const stats = (await op.get(`${base}/US-0001/stats`)).json();
    expect(stats.weeks).toHaveLength(12);
    expect(stats.weeks.at(-1)).toEqual({ weekStart: '2027-03-01', console: 1, public: 0, uses: 6 });
    expect(stats.weeks[0].weekStart).toBe('2026-12-14');
    expect(stats.totalUses).toBe(6);
    expect(stats.lastUsedAt).toBe(new Date('2027-03-04T10:00:00+09:00').toISOString());
    const dept = await loginAs(t.app, 'dept-shimin');
    expect((await dept.post(`${base}/US-0001/uses`, {})).statusCode).toBe(403);
  });
});

// Statistics of citizens' votes. The votes are written straight into faq_votes, as the public site does.
import type { Center, FaqVoteList, FaqVoteStats } from '@madoguchi/contracts';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faqVotes } from '../../platform/db/schema.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import { findFaqRow, recordFaqView } from './faq.repository.ts';

let t: TestApp;
let iwaki: Center;
let alkoo: Center;
const api = '/api/v1/centers/iwaki';
const period = 'from=2027-04-01&to=2027-04-30';
const ids = new Map<string, string>();

/** Signs in at a moment of the test clock (sessions live on that clock). */
async function at(iso: string, login: string): Promise<Client> {
  t.clock.now = new Date(iso);
  return loginAs(t.app, login);
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await loginAs(t.app, 'admin');
  iwaki = (await admin.get(api)).json();
  alkoo = (await admin.get('/api/v1/centers/alkoo')).json();
  const shimin = iwaki.departments.find((d) => d.name === '市民課')!.id;
  const category = iwaki.categoryAxes[0]!.categories[0]!.id;
  const editor = await loginAs(t.app, 'faq01');
  const make = async (client: Client, slug: string, faqId: string, extra: Record<string, unknown> = {}) => {
    const made = await client.post(`/api/v1/centers/${slug}/faqs`, {
      faqId,
      question: `${faqId} の質問`,
      answer: '<p>回答</p>',
      published: true,
      ...extra,
    });
    expect(made.statusCode, made.body).toBe(201);
    const center = slug === 'iwaki' ? iwaki : alkoo;
    ids.set(faqId, (await findFaqRow(t.database.db, center.id, faqId))!.id);
  };
  await make(editor, 'iwaki', 'VT-0001', { departmentId: shimin, categoryIds: [category] });
  await make(editor, 'iwaki', 'VT-0002');
  await make(editor, 'iwaki', 'VT-0003');
  await make(editor, 'iwaki', 'VT-0004', { question: '=1+1 はいくつですか', published: false });
  await make(editor, 'iwaki', 'VT-0005');
  await make(admin, 'alkoo', 'VT-ALK');

  const vote = (faqId: string, helpful: boolean, time: string, comment: string | null = null) => ({
    centerId: faqId === 'VT-ALK' ? alkoo.id : iwaki.id,
    faqId: ids.get(faqId)!,
    helpful,
    comment,
    createdAt: new Date(time),
  });
  const many = (faqId: string, helpful: boolean, n: number, time = '2027-04-10T12:00:00+09:00') =>
    Array.from({ length: n }, () => vote(faqId, helpful, time));
  await t.database.db.insert(faqVotes).values([
    // VT-0001: 2 はい and 5 いいえ in April (Japan time); one いいえ either side of it.
    vote('VT-0001', false, '2027-03-31T23:59:59+09:00', '三月の声'),
    vote('VT-0001', false, '2027-04-01T00:00:00+09:00'), // 2027-03-31 on the UTC calendar
    vote('VT-0001', true, '2027-04-06T10:00:00+09:00', '  '),
    vote(
      'VT-0001',
      false,
      '2027-04-07T10:00:00+09:00',
      '山田太郎です。090-1111-2222 手続きが書いてありません',
    ),
    vote('VT-0001', false, '2027-04-07T11:00:00+09:00', ''),
    vote('VT-0001', false, '2027-04-15T10:00:00+09:00', '持ち物がわからない'),
    vote('VT-0001', true, '2027-04-20T10:00:00+09:00', 'よくわかりました'),
    vote('VT-0001', false, '2027-04-30T23:59:59+09:00'),
    vote('VT-0001', false, '2027-05-01T00:00:00+09:00'), // 2027-04-30 on the UTC calendar
    ...many('VT-0002', true, 9),
    ...many('VT-0002', false, 1),
    ...many('VT-0003', true, 1),
    ...many('VT-0003', false, 1),
    ...many('VT-0004', true, 3),
    ...many('VT-0004', false, 3),
    ...many('VT-0005', false, 10),
    // Another centre's FAQ: never in iwaki's numbers, not even through a row claiming iwaki's centre.
    ...many('VT-ALK', false, 50),
    { ...vote('VT-ALK', false, '2027-04-10T12:00:00+09:00'), centerId: iwaki.id },
  ]);
  expect((await editor.delete(`${api}/faqs/VT-0005`)).statusCode).toBe(204);
});
afterAll(async () => {
  await t?.close();
});

const list = async (client: Client, query: string): Promise<FaqVoteList> => {
  const response = await client.get(`${api}/faq-votes?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const rows = (l: FaqVoteList) => l.items.map((i) => [i.faqId, i.helpful, i.notHelpful, i.total]);

describe('centre-wide vote statistics', () => {
  it('counts the period in Japan time, most いいえ first, above the threshold', async () => {
    const sv = await at('2027-05-10T10:00:00+09:00', 'sv01');
    const l = await list(sv, `${period}&minVotes=3`);
    expect(rows(l)).toEqual([
      ['VT-0001', 2, 5, 7],
      ['VT-0004', 3, 3, 6],
      ['VT-0002', 9, 1, 10],
    ]);
    expect(l.items[0]?.ratio).toBeCloseTo(2 / 7, 10);
    expect(l.items[1]).toMatchObject({
      ratio: 0.5,
      publicationState: 'draft',
      question: '=1+1 はいくつですか',
    });
    // Every vote of the period (threshold not applied), the deleted FAQ and the other centre left out.
    expect(l.summary).toEqual({ helpful: 15, notHelpful: 10, total: 25, ratio: 0.6, faqs: 4 });
    expect(l).toMatchObject({
      from: '2027-04-01',
      to: '2027-04-30',
      sort: 'notHelpful',
      minVotes: 3,
      total: 3,
    });
  });

  it('sorts by the lowest share of はい, more votes first among equals, and pages', async () => {
    const editor = await at('2027-05-10T10:00:00+09:00', 'faq01');
    const l = await list(editor, `${period}&sort=ratio`);
    expect(rows(l).map((r) => r[0])).toEqual(['VT-0001', 'VT-0004', 'VT-0003', 'VT-0002']);
    const page = await list(editor, `${period}&sort=ratio&limit=2&offset=2`);
    expect(page.total).toBe(4);
    expect(rows(page).map((r) => r[0])).toEqual(['VT-0003', 'VT-0002']);
  });

  it('takes one day at the edges of the period by the Japan-time calendar', async () => {
    const editor = await at('2027-05-10T10:00:00+09:00', 'faq01');
    const first = await list(editor, 'from=2027-04-01&to=2027-04-01');
    expect(rows(first)).toEqual([['VT-0001', 0, 1, 1]]);
    const may = await list(editor, 'from=2027-05-01&to=2027-05-31');
    expect(rows(may)).toEqual([['VT-0001', 0, 1, 1]]);
    const march = await list(editor, 'from=2027-03-31&to=2027-03-31');
    expect(rows(march)).toEqual([['VT-0001', 0, 1, 1]]);
  });

  it('filters by department and category', async () => {
    const editor = await at('2027-05-10T10:00:00+09:00', 'faq01');
    const shimin = iwaki.departments.find((d) => d.name === '市民課')!.id;
    const byDepartment = await list(editor, `${period}&departmentId=${shimin}`);
    expect(rows(byDepartment)).toEqual([['VT-0001', 2, 5, 7]]);
    expect(byDepartment.summary.total).toBe(7);
    const category = iwaki.categoryAxes[0]!.categories[0]!.id;
    expect(rows(await list(editor, `${period}&categoryId=${category}`)).map((r) => r[0])).toContain(
      'VT-0001',
    );
  });

  it('refuses an inverted or overlong period, naming the field', async () => {
    const editor = await at('2027-05-10T10:00:00+09:00', 'faq01');
    const inverted = await editor.get(`${api}/faq-votes?from=2027-04-30&to=2027-04-01`);
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().error).toMatchObject({ field: 'to', message: expect.stringContaining('終了日') });
    const long = await editor.get(`${api}/faq-votes?from=2026-01-01&to=2027-04-01`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toContain('366日以内');
    const threshold = await editor.get(`${api}/faq-votes?${period}&minVotes=0`);
    expect(threshold.statusCode).toBe(400);
  });

  it('keeps each centre to its own votes', async () => {
    const alkooAdmin = await at('2027-05-10T10:00:00+09:00', 'admin');
    const l = await list(alkooAdmin, period);
    expect(l.items.map((i) => i.faqId)).not.toContain('VT-ALK');
    const theirs = await alkooAdmin.get(`/api/v1/centers/alkoo/faq-votes?${period}`);
    expect(
      theirs.json().items.map((i: { faqId: string; notHelpful: number }) => [i.faqId, i.notHelpful]),
    ).toEqual([['VT-ALK', 50]]);
    const outsider = await loginAs(t.app, 'alkoo-op01');
    expect((await outsider.get(`${api}/faq-votes?${period}`)).statusCode).toBe(403);
    const cross = await alkooAdmin.get(`${api}/faqs/VT-ALK/votes`);
    expect(cross.statusCode).toBe(404);
  });
});

describe("one FAQ's vote statistics", () => {
  const auditRows = () =>
    t.database.query<{ detail: Record<string, unknown>; actor_login_id: string }>(
      "select detail, actor_login_id from audit_events where action = 'faq.votes.comments' order by id",
    );

  it('gives the period and all time, with the latest comments for editors (audited as a view)', async () => {
    const editor = await at('2027-05-10T10:00:00+09:00', 'faq01');
    const response = await editor.get(`${api}/faqs/VT-0001/votes?${period}`);
    expect(response.statusCode, response.body).toBe(200);
    const stats: FaqVoteStats = response.json();
    expect(stats.period).toMatchObject({ helpful: 2, notHelpful: 5, total: 7 });
    expect(stats.allTime).toMatchObject({ helpful: 2, notHelpful: 7, total: 9 });
    expect(stats.comments?.map((c) => [c.helpful, c.comment])).toEqual([
      [true, 'よくわかりました'],
      [false, '持ち物がわからない'],
      [false, '山田太郎です。090-1111-2222 手続きが書いてありません'],
    ]);
    const audit = await auditRows();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_login_id: 'faq01',
      detail: { faqId: 'VT-0001', from: '2027-04-01', to: '2027-04-30', comments: 3 },
    });
    // The access log says that comments were read, never what they said.
    expect(JSON.stringify(audit)).not.toContain('山田');
  });

  it('shows supervisors the numbers without the comments, and writes no view', async () => {
    const sv = await at('2027-05-10T10:00:00+09:00', 'sv01');
    const before = (await auditRows()).length;
    const stats: FaqVoteStats = (await sv.get(`${api}/faqs/VT-0001/votes?${period}`)).json();
    expect(stats.period.total).toBe(7);
    expect(stats.comments).toBeNull();
    expect(await auditRows()).toHaveLength(before);
    const manager = await loginAs(t.app, 'manager');
    const managed: FaqVoteStats = (
      await manager.get(`${api}/faqs/VT-0001/votes?${period}&comments=1`)
    ).json();
    expect(managed.comments?.map((c) => c.comment)).toEqual(['よくわかりました']);
    expect(await auditRows()).toHaveLength(before + 1);
    const op = await loginAs(t.app, 'op02');
    expect((await op.get(`${api}/faqs/VT-0001/votes`)).statusCode).toBe(403);
  });

  it('covers the last 28 Japan-time days by default', async () => {
    const editor = await at('2027-04-28T09:00:00+09:00', 'faq01');
    const stats: FaqVoteStats = (await editor.get(`${api}/faqs/VT-0001/votes`)).json();
    expect([stats.from, stats.to]).toEqual(['2027-04-01', '2027-04-28']);
    expect(stats.period).toMatchObject({ helpful: 2, notHelpful: 4 });
  });

  it('answers 404 for a deleted FAQ', async () => {
    const editor = await at('2027-05-10T10:00:00+09:00', 'faq01');
    expect((await editor.get(`${api}/faqs/VT-0005/votes`)).statusCode).toBe(404);
  });
});

describe('vote statistics elsewhere', () => {
  it('exports the list as CSV with a BOM, neutralised formulas and no comments, audited as an export', async () => {
    const editor = await at('2027-05-10T10:00:00+09:00', 'faq01');
    const response = await editor.get(`${api}/faq-votes/export?${period}&minVotes=3&sort=ratio`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('FAQ満足度_')}`,
    );
    expect(response.headers['content-disposition']).toContain('faq-votes-iwaki-20270401-20270430.csv');
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toContain('\r\n');
    expect(text).not.toContain('山田');
    const grid: string[][] = parse(text);
    expect(grid).toEqual([
      [
        'FAQ-ID',
        '質問',
        '所管課',
        '公開状態',
        'はい',
        'いいえ',
        '合計',
        '役に立った割合（%）',
        '集計開始日',
        '集計終了日',
      ],
      ['VT-0001', 'VT-0001 の質問', '市民課', '公開中', '2', '5', '7', '28.6', '2027-04-01', '2027-04-30'],
      ['VT-0004', "'=1+1 はいくつですか", '', '非公開', '3', '3', '6', '50.0', '2027-04-01', '2027-04-30'],
      ['VT-0002', 'VT-0002 の質問', '', '公開中', '9', '1', '10', '90.0', '2027-04-01', '2027-04-30'],
    ]);
    const [audit] = await t.database.query<{ category: string; detail: Record<string, unknown> }>(
      "select category, detail from audit_events where action = 'faq.votes.export'",
    );
    expect(audit).toMatchObject({
      category: 'export',
      detail: { from: '2027-04-01', to: '2027-04-30', minVotes: 3, sort: 'ratio', rows: 3 },
    });
  });

  it('adds the week’s votes to the access ranking for those who may read them', async () => {
    // 2027-04-05 is a Monday; VT-0001 had 1 はい and 2 いいえ that week, VT-0003 one of each.
    await recordFaqView(
      t.database.db,
      iwaki.id,
      ids.get('VT-0001')!,
      'public',
      new Date('2027-04-06T09:00:00+09:00'),
    );
    await recordFaqView(
      t.database.db,
      iwaki.id,
      ids.get('VT-0003')!,
      'public',
      new Date('2027-04-06T09:00:00+09:00'),
    );
    const sv = await at('2027-05-10T10:00:00+09:00', 'sv01');
    const ranking = (await sv.get(`${api}/faq-ranking?week=2027-04-05`)).json();
    expect(ranking.items.map((i: { faqId: string; votes: unknown }) => [i.faqId, i.votes])).toEqual([
      ['VT-0001', { helpful: 1, notHelpful: 2, total: 3, ratio: 1 / 3 }],
      ['VT-0003', { helpful: 1, notHelpful: 1, total: 2, ratio: 0.5 }],
    ]);
    const op = await loginAs(t.app, 'op02');
    const plain = (await op.get(`${api}/faq-ranking?week=2027-04-05`)).json();
    expect(plain.items[0]).toEqual({ rank: 1, faqId: 'VT-0001', question: 'VT-0001 の質問', views: 1 });
  });
});

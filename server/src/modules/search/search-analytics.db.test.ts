import type { SearchAnalytics } from '@madoguchi/contracts';
import { gte, lt, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAll } from '../../platform/db/database.ts';
import { searchQueries } from '../../platform/db/schema.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import { findCenterBySlug } from '../centers/centers.repository.ts';
import { purgeSearchQueries } from './search.repository.ts';

let t: TestApp;
let supervisor: Client;
const url = '/api/v1/centers/iwaki/search-analytics';

// 2025-03-10 and 2025-03-17 are Mondays. 2025-03-16T15:00Z is Monday 00:00 in Japan but still Sunday in UTC:
// a week counted on the UTC calendar would put it in the week before.
const sundayNightJst = '2025-03-16T14:59:59Z';
const mondayMidnightJst = '2025-03-16T15:00:00Z';

beforeAll(async () => {
  t = await createTestApp();
  supervisor = await loginAs(t.app, 'sv01');
  const iwaki = await findCenterBySlug(t.database.db, 'iwaki');
  const faq = (await (await supervisor.get('/api/v1/centers/iwaki/faqs/IWK-0001')).json()) as { id: string };
  const rows: (typeof searchQueries.$inferInsert)[] = [];
  const add = (at: string, query: string, results: number, clicked = false, times = 1) => {
    for (let i = 0; i < times; i++)
      rows.push({
        centerId: iwaki!.id,
        scope: 'console',
        queryNormalized: query,
        results,
        clickedFaqId: clicked ? faq.id : null,
        searchedAt: new Date(at),
      });
  };
  // Before the period (Sunday 2025-03-09 23:59 in Japan) and after it (Monday 2025-03-24 00:00 in Japan).
  add('2025-03-09T14:59:59Z', '期間外', 0, false, 5);
  add('2025-03-23T15:00:00Z', '期間外', 0, false, 5);
  // Week of 2025-03-10.
  add('2025-03-10T00:00:00Z', '住民票', 5, true, 4);
  add('2025-03-11T00:00:00Z', '住民票', 5, false, 2);
  add('2025-03-12T00:00:00Z', 'ぬぺぽ', 0, false, 3);
  add(sundayNightJst, 'ごみの日', 3, false, 2);
  for (let i = 0; i < 22; i++) add('2025-03-13T00:00:00Z', `語${String(i).padStart(2, '0')}`, 1, true, 1);
  // Week of 2025-03-17.
  add(mondayMidnightJst, 'ごみの日', 3, false, 3);
  add('2025-03-18T00:00:00Z', 'ぬぺぽ', 0, false, 1);
  await t.database.db.insert(searchQueries).values(rows);
});
afterAll(async () => {
  await t?.close();
});

describe('search analytics', () => {
  it('counts searches without results and without clicks, and the top queries of each JST week', async () => {
    const response = await supervisor.get(`${url}?from=2025-03-10&to=2025-03-23`);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as SearchAnalytics;
    expect(report.noResult).toEqual([{ query: 'ぬぺぽ', count: 4 }]);
    expect(report.noClick).toEqual([
      { query: 'ごみの日', count: 5 },
      { query: '住民票', count: 2 },
    ]);
    const week = (w: string) => report.top.filter((r) => r.week === w);
    expect(week('2025-03-10')).toHaveLength(20);
    expect(week('2025-03-10').slice(0, 3)).toEqual([
      { week: '2025-03-10', query: '住民票', count: 6 },
      { week: '2025-03-10', query: 'ぬぺぽ', count: 3 },
      { week: '2025-03-10', query: 'ごみの日', count: 2 },
    ]);
    expect(week('2025-03-17')).toEqual([
      { week: '2025-03-17', query: 'ごみの日', count: 3 },
      { week: '2025-03-17', query: 'ぬぺぽ', count: 1 },
    ]);
    expect(report.top.map((r) => r.week).every((w) => w === '2025-03-10' || w === '2025-03-17')).toBe(true);
  });

  it('takes the period in Japan time, both days included', async () => {
    const report = (await supervisor.get(`${url}?from=2025-03-17&to=2025-03-17`)).json() as SearchAnalytics;
    expect(report.top).toEqual([{ week: '2025-03-17', query: 'ごみの日', count: 3 }]);
    const sunday = (await supervisor.get(`${url}?from=2025-03-16&to=2025-03-16`)).json() as SearchAnalytics;
    expect(sunday.top).toEqual([{ week: '2025-03-10', query: 'ごみの日', count: 2 }]);
  });

  it('refuses a reversed or over-long period', async () => {
    const reversed = await supervisor.get(`${url}?from=2025-03-17&to=2025-03-10`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.field).toBe('to');
    expect((await supervisor.get(`${url}?from=2024-01-01&to=2025-03-10`)).statusCode).toBe(400);
    expect((await supervisor.get(`${url}?from=2025-03-10`)).statusCode).toBe(400);
  });
});

describe('search log retention', () => {
  it('deletes logged searches older than the retention period and keeps the rest', async () => {
    const count = async (where: SQL) =>
      (await t.database.db.select({ n: countAll }).from(searchQueries).where(where))[0]!.n;
    // 28 days before 2025-04-14T00:00Z is 2025-03-17T00:00Z: the week of 2025-03-10 goes, that of the 17th stays.
    const now = new Date('2025-04-14T00:00:00Z');
    const cutoff = new Date('2025-03-17T00:00:00Z');
    const older = await count(lt(searchQueries.searchedAt, cutoff));
    const newer = await count(gte(searchQueries.searchedAt, cutoff));
    expect(older).toBeGreaterThan(0);
    expect(newer).toBeGreaterThan(0);
    expect(await purgeSearchQueries(t.database.db, 28, now)).toBe(older);
    expect(await count(lt(searchQueries.searchedAt, cutoff))).toBe(0);
    expect(await count(gte(searchQueries.searchedAt, cutoff))).toBe(newer);
    const report = (await supervisor.get(`${url}?from=2025-03-10&to=2025-03-23`)).json() as SearchAnalytics;
    // ごみの日 at Monday 00:00 JST (before the cutoff in UTC) went; ぬぺぽ on the 18th stays.
    expect(report.top).toEqual([{ week: '2025-03-17', query: 'ぬぺぽ', count: 1 }]);
  });
});

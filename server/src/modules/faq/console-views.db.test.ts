// One console view per staff member per FAQ per Japan-time day, counted once however many processes serve the
// views. On PostgreSQL a second `Database` handle on the same database stands for a second web process; on
// PGlite, which one process owns, the views arrive on one handle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { commandLineContext } from '../../main.ts';
import type { Database } from '../../platform/db/database.ts';
import {
  createTestDatabase,
  openOtherProcessHandle,
  type TestDatabase,
} from '../../testing/test-database.ts';
import { findCenterBySlug } from '../centers/centers.repository.ts';
import { purgeConsoleViewMarks, recordConsoleView } from './console-views.ts';
import { findFaqRow } from './faq.repository.ts';

let primary: TestDatabase;
let secondary: Database | null = null;
let centerId: string;
let faqId: string;
let otherFaqId: string;

beforeAll(async () => {
  primary = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MADOGUCHI_DATA_DIR: '/nonexistent' });
  await seedDemo(commandLineContext(primary, config));
  secondary = await openOtherProcessHandle(primary, 'madoguchi-views-b');
  centerId = (await findCenterBySlug(primary.db, 'iwaki'))!.id;
  faqId = (await findFaqRow(primary.db, centerId, 'IWK-0001'))!.id;
  otherFaqId = (await findFaqRow(primary.db, centerId, 'IWK-0002'))!.id;
});
afterAll(async () => {
  await secondary?.close();
  await primary?.drop();
});

const processes = () => [primary, secondary ?? primary];

async function consoleViews(faq: string): Promise<[string, number][]> {
  const rows = await primary.query<{ day: string; views: number }>(
    "select day::text as day, views from faq_view_counts where faq_id = $1 and channel = 'console' and day >= '2027-03-01' order by day",
    [faq],
  );
  return rows.map((r) => [r.day, r.views]);
}

const marks = async () =>
  (await primary.query<{ n: number }>('select count(*)::int as n from faq_console_view_marks'))[0]!.n;

describe('console views', () => {
  it('count a staff member once a Japan-time day, in whichever process the views arrive', async () => {
    const [a, b] = processes();
    const morning = new Date('2027-03-01T09:00:00+09:00');
    expect(await recordConsoleView(a!, centerId, faqId, 'user-1', morning)).toBe(true);
    expect(
      await recordConsoleView(b!, centerId, faqId, 'user-1', new Date('2027-03-01T09:05:00+09:00')),
    ).toBe(false);
    expect(
      await recordConsoleView(a!, centerId, faqId, 'user-1', new Date('2027-03-01T23:59:59+09:00')),
    ).toBe(false);
    // Another person, another FAQ: each counts.
    expect(await recordConsoleView(b!, centerId, faqId, 'user-2', morning)).toBe(true);
    expect(await recordConsoleView(b!, centerId, otherFaqId, 'user-1', morning)).toBe(true);
    // Midnight in Japan (15:00 UTC) starts a new day; 14:59 UTC is still the 1st.
    expect(await recordConsoleView(a!, centerId, faqId, 'user-1', new Date('2027-03-01T14:59:59Z'))).toBe(
      false,
    );
    expect(await recordConsoleView(b!, centerId, faqId, 'user-1', new Date('2027-03-01T15:00:00Z'))).toBe(
      true,
    );
    expect(await consoleViews(faqId)).toEqual([
      ['2027-03-01', 2],
      ['2027-03-02', 1],
    ]);
    expect(await consoleViews(otherFaqId)).toEqual([['2027-03-01', 1]]);
  });

  it('count a burst of simultaneous views from several processes once', async () => {
    const at = new Date('2027-03-05T10:00:00+09:00');
    const counted = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        recordConsoleView(processes()[i % 2]!, centerId, otherFaqId, 'user-9', at),
      ),
    );
    expect(counted.filter(Boolean)).toHaveLength(1);
    expect((await consoleViews(otherFaqId)).at(-1)).toEqual(['2027-03-05', 1]);
  });

  it('keep no staff or FAQ identifier in the marks, and purge the marks of days that have ended', async () => {
    const rows = await primary.query<{ mark: string }>('select mark from faq_console_view_marks');
    expect(rows.length).toBeGreaterThan(0);
    for (const { mark } of rows) {
      expect(mark).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const id of ['user-1', 'user-2', 'user-9', faqId, otherFaqId, centerId])
        expect(mark).not.toContain(id);
    }
    const before = await marks();
    // On 3 March (JST) the marks of 1 and 2 March go; those of the 5th stay.
    const purged = await purgeConsoleViewMarks(primary.db, new Date('2027-03-03T03:20:00+09:00'));
    expect(purged).toBe(4);
    expect(await marks()).toBe(before - 4);
    // The counts stay: only the de-duplication marks are purged.
    expect((await consoleViews(faqId)).map(([, n]) => n)).toEqual([2, 1]);
    expect(await purgeConsoleViewMarks(primary.db, new Date('2027-03-06T03:20:00+09:00'))).toBe(1);
    expect(await marks()).toBe(0);
  });
});

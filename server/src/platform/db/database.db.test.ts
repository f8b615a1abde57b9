import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { countAll, withinTransaction } from './database.ts';
import { centers } from './schema.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const hours = { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null, holiday: null };

describe('database', () => {
  it('returns count(*) and bigint as numbers on both engines', async () => {
    const [row] = await database.query<{ n: unknown; big: unknown; numeric: unknown }>(
      'select (select count(*) from centers) as n, 9007199254740991::bigint as big, 1.50::numeric as numeric',
    );
    expect(row).toEqual({ n: 0, big: 9007199254740991, numeric: '1.50' });
    const [counted] = await database.db.select({ n: countAll }).from(centers);
    expect(counted?.n).toBe(0);
  });

  it('runs on PostgreSQL 15 syntax (no features newer than the server CI uses)', async () => {
    const [row] = await database.query<{ v: number }>(
      "select current_setting('server_version_num')::int as v",
    );
    expect(row!.v).toBeGreaterThanOrEqual(150000);
  });

  it('rolls back everything a transaction-bound service wrote when the outer transaction fails', async () => {
    await expect(
      database.transaction(async (tx) => {
        const bound = withinTransaction(database, tx);
        await bound.db
          .insert(centers)
          .values({ slug: 'rollback-a', name: 'A', kind: 'general', businessHours: hours });
        // A nested transaction (a service's own) becomes a savepoint inside the outer one.
        await bound.transaction(async (inner) => {
          await inner
            .insert(centers)
            .values({ slug: 'rollback-b', name: 'B', kind: 'general', businessHours: hours });
        });
        const seen = await bound.query<{ n: number }>(
          'select count(*) as n from centers where slug like $1',
          ['rollback-%'],
        );
        expect(seen[0]?.n).toBe(2);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const [after] = await database.db
      .select({ n: countAll })
      .from(centers)
      .where(sql`${centers.slug} like 'rollback-%'`);
    expect(after?.n).toBe(0);
  });

  it('keeps a savepoint failure inside the outer transaction from losing the rest', async () => {
    await database.transaction(async (tx) => {
      const bound = withinTransaction(database, tx);
      await bound.db
        .insert(centers)
        .values({ slug: 'kept', name: 'K', kind: 'general', businessHours: hours });
      await expect(
        bound.transaction(async (inner) => {
          await inner
            .insert(centers)
            .values({ slug: 'kept', name: 'dup', kind: 'general', businessHours: hours });
        }),
      ).rejects.toThrow();
    });
    const rows = await database.query<{ name: string }>("select name from centers where slug = 'kept'");
    expect(rows).toEqual([{ name: 'K' }]);
  });
});

describe('listen', () => {
  it('delivers a notification sent in a transaction at commit, and none for a rollback', async () => {
    const received: string[] = [];
    const unlisten = await database.listen('madoguchi_test_channel', { onMessage: (p) => received.push(p) });
    try {
      await expect(
        database.transaction(async (tx) => {
          await withinTransaction(database, tx).query(
            "select pg_notify('madoguchi_test_channel', 'rolled-back')",
          );
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await database.transaction(async (tx) => {
        await withinTransaction(database, tx).query("select pg_notify('madoguchi_test_channel', $1)", [
          'committed',
        ]);
      });
      await expect.poll(() => received, { timeout: 5000 }).toEqual(['committed']);
    } finally {
      await unlisten();
    }
  });
});

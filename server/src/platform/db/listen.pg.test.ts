import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('listen on PostgreSQL', () => {
  it('reconnects after its connection is killed, asks for a resync, and receives again', async () => {
    const received: string[] = [];
    let resyncs = 0;
    const unlisten = await database.listen('madoguchi_reconnect_test', {
      onMessage: (p) => received.push(p),
      onResync: () => resyncs++,
    });
    try {
      await database.query("select pg_notify('madoguchi_reconnect_test', 'before')");
      await expect.poll(() => received).toEqual(['before']);
      const killed = await database.query<{ ok: boolean }>(
        "select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and application_name like '%-listen'",
      );
      expect(killed.map((k) => k.ok)).toEqual([true]);
      await expect.poll(() => resyncs, { timeout: 10_000 }).toBe(1);
      await database.query("select pg_notify('madoguchi_reconnect_test', 'after')");
      await expect.poll(() => received, { timeout: 5000 }).toEqual(['before', 'after']);
    } finally {
      await unlisten();
    }
  });
});

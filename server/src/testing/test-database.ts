import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../platform/db/database.ts';

/** The engine this test run uses: the vitest project sets it (`db-pglite` or `db-postgres`). */
export const testEngine: 'pglite' | 'postgres' =
  process.env.MADOGUCHI_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

export function testDatabaseUrl(database?: string): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: the db-postgres suites need a PostgreSQL server');
  if (!database) return url;
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase extends Database {
  /** Closes the handle and removes the database. */
  drop(): Promise<void>;
  /** A connection string to the same database (PostgreSQL only), for child processes. */
  url: string | null;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or on PostgreSQL a new database cloned
 * from the template that the global setup migrated (seconds faster than migrating each time).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    await database.migrate();
    return Object.assign(database, { drop: () => database.close(), url: null });
  }
  const name = `madoguchi_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${inject('templateDatabase')}"`);
  } finally {
    await admin.end();
  }
  const url = testDatabaseUrl(name);
  const database = await openDatabase({
    kind: 'postgres',
    url,
    poolSize: 5,
    applicationName: 'madoguchi-test',
  });
  return Object.assign(database, {
    url,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl() });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  });
}

/**
 * A second handle on the same database, standing for another process of the installation (its own pool and
 * LISTEN connection): on PostgreSQL only — PGlite belongs to one process, so there it is null and a test uses
 * the first handle for both.
 */
export async function openOtherProcessHandle(
  database: TestDatabase,
  applicationName: string,
  poolSize = 2,
): Promise<Database | null> {
  if (testEngine !== 'postgres') return null;
  if (!database.url) throw new Error('the PostgreSQL test database has no URL');
  return openDatabase({ kind: 'postgres', url: database.url, poolSize, applicationName });
}

import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../platform/db/database.ts';
import { testDatabaseUrl } from './test-database.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * Migrates a template database once per run; each test file clones it (see createTestDatabase). Names carry
 * the creating process id, so that runs side by side on one server leave each other alone and a run that
 * was killed has its databases removed by the next.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = `madoguchi_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  const leftovers = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname ~ '^madoguchi_(t|tpl)_[0-9]+'`,
  );
  for (const { datname } of leftovers.rows) {
    const pid = Number(/^madoguchi_(?:t|tpl)_(\d+)/.exec(datname)?.[1]);
    if (!isAlive(pid)) await admin.query(`drop database if exists "${datname}" with (force)`);
  }
  await admin.query(`create database "${template}"`);
  const database = await openDatabase({ kind: 'postgres', url: testDatabaseUrl(template), poolSize: 2 });
  await database.migrate();
  await database.close();
  project.provide('templateDatabase', template);
  return async () => {
    await admin.query(`drop database if exists "${template}" with (force)`);
    await admin.end();
  };
}

// `madoguchi search` as a child process: against a PGlite data directory (opened by the test only between
// commands: the directory is locked) or a PostgreSQL database (DATABASE_URL).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../config/config.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { commandLineContext } from '../../main.ts';
import { type Database, openDatabase } from '../../platform/db/database.ts';
import { cliEntry } from '../../testing/cli-process.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../../testing/test-database.ts';
import { createFaq } from '../faq/faq.service.ts';

let env: Record<string, string>;
let pgDatabase: TestDatabase | null = null;
let dataDir: string | null = null;

/** Runs `fn` on the database the CLI reads; on PGlite only while no command runs. */
async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  if (pgDatabase) return fn(pgDatabase);
  const database = await openDatabase({ kind: 'pglite', dataDir: dataDir! });
  try {
    await database.migrate();
    return await fn(database);
  } finally {
    await database.close();
  }
}

const searchLogSize = () =>
  withDatabase(
    async (db) => (await db.query<{ n: number }>('select count(*)::int as n from search_queries'))[0]!.n,
  );

beforeAll(async () => {
  if (testEngine === 'postgres') {
    pgDatabase = await createTestDatabase();
    env = { DATABASE_URL: pgDatabase.url! };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-search-cli-'));
    env = { MADOGUCHI_DATA_DIR: dataDir };
  }
  await withDatabase(async (database) => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MADOGUCHI_DATA_DIR: '/nonexistent' });
    const ctx = commandLineContext(database, config);
    await seedDemo(ctx);
    await createFaq(ctx, 'iwaki', {
      faqId: 'CLI-DRAFT',
      question: 'ぽんぽこ祭りの交通規制（下書き）',
      answer: '<p>ぽんぽこ祭りの当日は交通規制があります。</p>',
      published: false,
    });
  });
}, 120_000);

afterAll(async () => {
  await pgDatabase?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A Node that strips types (as cli-process.ts picks it). */
function nodeBinary(): string {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 18)) return process.execPath;
  return path.join(path.dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node');
}

/** Runs `madoguchi search …` with `input` on stdin; only this test's configuration reaches the child. */
function runSearch(args: string[], input: string) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(configSchema.shape)) delete childEnv[key];
  const child = spawn(nodeBinary(), [cliEntry, 'search', ...args], {
    env: { ...childEnv, LOG_LEVEL: 'warn', NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(input);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`madoguchi search did not finish\n${stdout}\n${stderr}`));
    }, 90_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// Each command starts Node, opens the database and loads the dictionary (a PGlite start takes seconds).
const T = 90_000;

interface Line {
  query: string;
  results: { faqId: string; score: number }[];
}

describe(`madoguchi search on ${testEngine}`, () => {
  it(
    'answers each query line with one JSON line, skipping blank lines, and logs nothing',
    async () => {
      const before = await searchLogSize();
      const run = await runSearch(
        ['--center', 'iwaki', '--limit', '3', '--jsonl'],
        '住民票ほしい\n\n   \r\nじゅうみんひょう\r\nぽんぽこ祭り\nぬぺぽ',
      );
      expect(run, run.stderr).toMatchObject({ code: 0 });
      const lines = run.stdout.split('\n');
      expect(lines.at(-1)).toBe('');
      const parsed = lines.slice(0, -1).map((line) => JSON.parse(line) as Line);
      expect(parsed.map((l) => l.query)).toEqual([
        '住民票ほしい',
        'じゅうみんひょう',
        'ぽんぽこ祭り',
        'ぬぺぽ',
      ]);
      for (const line of parsed) {
        expect(Object.keys(line)).toEqual(['query', 'results']);
        expect(line.results.length).toBeLessThanOrEqual(3);
        for (const r of line.results) {
          expect(Object.keys(r)).toEqual(['faqId', 'score']);
          expect(r.score).toBeTypeOf('number');
        }
      }
      expect(parsed[0]!.results[0]!.faqId).toBe('IWK-0001');
      expect(parsed[1]!.results.map((r) => r.faqId)).toContain('IWK-0001');
      // Unpublished FAQs are searchable unless --published-only.
      expect(parsed[2]!.results[0]!.faqId).toBe('CLI-DRAFT');
      expect(parsed[3]!.results).toEqual([]);
      expect(await searchLogSize()).toBe(before);
    },
    T,
  );

  it(
    'leaves unpublished FAQs out with --published-only',
    async () => {
      const run = await runSearch(['--center', 'iwaki', '--jsonl', '--published-only'], 'ぽんぽこ祭り\n');
      expect(run, run.stderr).toMatchObject({ code: 0 });
      const line = JSON.parse(run.stdout) as Line;
      expect(line.results.map((r) => r.faqId)).not.toContain('CLI-DRAFT');
    },
    T,
  );

  it(
    'names an unknown centre in one line',
    async () => {
      const run = await runSearch(['--center', 'nowhere', '--jsonl'], '住民票\n');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^madoguchi: センター「nowhere」が見つかりません。/);
    },
    T,
  );
});

// The `madoguchi` command run as a child process against the test engine: PGlite in a temporary data
// directory (inspected after the child has exited and released the directory lock), or a fresh PostgreSQL
// database (inspected while the children run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { login } from '../modules/auth/auth.service.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { killAllCli, runCli } from '../testing/cli-process.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../testing/test-database.ts';

let env: Record<string, string>;
let pgDatabase: TestDatabase | null = null;
let dataDir: string | null = null;

beforeAll(async () => {
  if (testEngine === 'postgres') {
    pgDatabase = await createTestDatabase();
    if (!pgDatabase.url) throw new Error('the PostgreSQL test database has no URL');
    env = { DATABASE_URL: pgDatabase.url };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-cli-'));
    env = { MADOGUCHI_DATA_DIR: dataDir };
  }
});

afterAll(async () => {
  await killAllCli();
  await pgDatabase?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `fn` on the database the CLI wrote; on PGlite only between commands (the directory is locked). */
async function inspect<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  if (pgDatabase) return fn(pgDatabase);
  if (!dataDir) throw new Error('no data directory');
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function count(database: Database, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await database.query<{ n: number }>(`select count(*)::int as n from (${sql}) q`, params);
  return row?.n ?? -1;
}

const counts = (database: Database) =>
  Promise.all(
    ['centers', 'users', 'role_assignments', 'departments', 'audit_events'].map((t) =>
      count(database, `select 1 from ${t}`),
    ),
  );

/** A command that must succeed; fails with its output otherwise. */
async function ok(args: string[], extraEnv: Record<string, string> = {}) {
  const result = await runCli(args, { ...env, ...extraEnv });
  expect(result, `madoguchi ${args.join(' ')}\n${result.stderr}`).toMatchObject({ code: 0, signal: null });
  return result;
}

/** A command that must fail with exit code 1 and one message line, not a stack trace. */
async function fails(args: string[], extraEnv: Record<string, string> = {}) {
  const result = await runCli(args, { ...env, ...extraEnv });
  expect(result, `madoguchi ${args.join(' ')}\n${result.stdout}`).toMatchObject({ code: 1, signal: null });
  expect(result.stderr).toMatch(/^madoguchi: /);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  return result;
}

// Each command starts a Node process and opens the database (a first PGlite start creates the cluster).
const T = 90_000;

describe(`madoguchi CLI on ${testEngine}`, () => {
  it(
    'migrate reports the engine it migrated',
    async () => {
      const { stdout } = await ok(['migrate']);
      expect(stdout).toBe(`migrated (${testEngine})\n`);
    },
    T,
  );

  it(
    'center add creates a centre that center list then shows',
    async () => {
      const { stdout } = await ok(['center', 'add', '--slug', 'test-c', '--name', 'テストセンター']);
      expect(stdout).toMatch(/^added centre test-c \(テストセンター\) id=[0-9a-f-]{36}\n$/);
      const list = await ok(['center', 'list']);
      expect(list.stdout.split('\n')).toContain('test-c\tgeneral\tテストセンター');
    },
    T,
  );

  it(
    'center add refuses an existing slug with exit code 1 and a message naming it',
    async () => {
      const { stderr } = await fails(['center', 'add', '--slug', 'test-c', '--name', '二つ目']);
      expect(stderr).toContain('スラッグ「test-c」のセンターは既にあります');
      expect(await inspect((db) => count(db, 'select 1 from centers where slug = $1', ['test-c']))).toBe(1);
    },
    T,
  );

  it(
    'center add refuses a malformed slug naming the slug rule',
    async () => {
      const { stderr } = await fails(['center', 'add', '--slug', 'BAD!', '--name', '不正']);
      expect(stderr).toContain('slug: スラッグは半角英小文字・数字・ハイフン');
      expect(await inspect((db) => count(db, `select 1 from centers where name = '不正'`))).toBe(0);
    },
    T,
  );

  let initialPassword = '';
  it(
    'user add prints a generated initial password that must be changed at first login',
    async () => {
      const { stdout } = await ok([
        'user',
        'add',
        '--center',
        'test-c',
        '--login',
        'kato01',
        '--name',
        '加藤',
        '--role',
        'operator',
      ]);
      expect(stdout).toMatch(/^added user kato01 id=[0-9a-f-]{36}\n/);
      initialPassword =
        stdout.match(/^initial password \(must be changed at first login\): (\S+)$/m)?.[1] ?? '';
      expect(initialPassword.length).toBeGreaterThanOrEqual(12);

      const session = await inspect(async (database) => {
        const config = loadConfig({ LOG_LEVEL: 'silent' });
        const ctx = {
          database,
          config,
          actor: null,
          meta: { ip: null, userAgent: 'cli.db.test' },
          now: () => new Date(),
        };
        return (await login(ctx, { loginId: 'kato01', password: initialPassword })).session;
      });
      expect(session).toMatchObject({ user: { loginId: 'kato01', passwordExpired: true } });
      expect(
        await inspect((db) =>
          count(db, `select 1 from users where login_id = 'kato01' and password_must_change`),
        ),
      ).toBe(1);
    },
    T,
  );

  it(
    'user add uses MADOGUCHI_PASSWORD without printing it or forcing a change',
    async () => {
      const password = 'Sakura-Nagi#2031';
      const { stdout } = await ok(
        [
          'user',
          'add',
          '--center',
          'test-c',
          '--login',
          'kato04',
          '--name',
          '加藤 四',
          '--role',
          'supervisor',
          'faq_editor',
        ],
        { MADOGUCHI_PASSWORD: password },
      );
      expect(stdout).not.toContain('initial password');
      expect(stdout).not.toContain(password);
      const roles = await inspect((db) =>
        db.query<{ role: string; must: boolean }>(
          `select r.role, u.password_must_change as must from users u join role_assignments r on r.user_id = u.id
         where u.login_id = 'kato04' order by r.role`,
        ),
      );
      expect(roles).toEqual([
        { role: 'faq_editor', must: false },
        { role: 'supervisor', must: false },
      ]);
    },
    T,
  );

  it(
    'user add refuses a department the centre does not have, naming it',
    async () => {
      const { stderr } = await fails([
        'user',
        'add',
        '--center',
        'test-c',
        '--login',
        'kato02',
        '--name',
        '加藤',
        '--role',
        'department_staff',
        '--department',
        '存在しない課',
      ]);
      expect(stderr).toContain('所管課「存在しない課」はセンター test-c にありません');
      expect(await inspect((db) => count(db, `select 1 from users where login_id = 'kato02'`))).toBe(0);
    },
    T,
  );

  it(
    'user add refuses a weak MADOGUCHI_PASSWORD with the password rules',
    async () => {
      const { stderr } = await fails(
        ['user', 'add', '--center', 'test-c', '--login', 'kato03', '--name', '加藤', '--role', 'operator'],
        { MADOGUCHI_PASSWORD: 'short' },
      );
      expect(stderr).toContain('パスワード: 12文字以上にしてください。');
      expect(await inspect((db) => count(db, `select 1 from users where login_id = 'kato03'`))).toBe(0);
    },
    T,
  );

  it(
    'seed --demo seeds once; a second run reports the centres present and changes nothing',
    async () => {
      const firstRun = await ok(['seed', '--demo']);
      expect(firstRun.stdout).toBe('seeded: iwaki, alkoo; already present: -\n');
      const afterFirst = await inspect(counts);
      const secondRun = await ok(['seed', '--demo']);
      expect(secondRun.stdout).toBe('seeded: -; already present: iwaki, alkoo\n');
      expect(await inspect(counts)).toEqual(afterFirst);
    },
    2 * T,
  );

  it(
    'refuses to run any command with an invalid environment value, naming the key',
    async () => {
      const before = await inspect(counts);
      const commands = [
        ['migrate'],
        ['center', 'list'],
        ['center', 'add', '--slug', 'port-c', '--name', 'ポート'],
        ['seed', '--demo'],
        ['user', 'add', '--center', 'test-c', '--login', 'kato05', '--name', '加藤', '--role', 'operator'],
        ['serve'],
      ];
      const results = await Promise.all(commands.map((args) => fails(args, { PORT: 'abc' })));
      for (const { stderr } of results) {
        expect(stderr).toContain('Invalid configuration');
        expect(stderr).toMatch(/^\s+PORT: /m);
      }
      expect(await inspect(counts)).toEqual(before);
    },
    T,
  );

  it(
    'every change the CLI made is audited under a cli: actor',
    async () => {
      const rows = await inspect((db) =>
        db.query<{ action: string; actor: string | null; slug: string | null }>(
          `select a.action, a.actor_login_id as actor, coalesce(a.detail->>'slug', a.detail->>'loginId') as slug
         from audit_events a where a.category = 'change' order by a.id`,
        ),
      );
      expect(rows.length).toBeGreaterThan(0);
      const actors = new Set(rows.map((r) => r.actor));
      expect([...actors]).toEqual([`cli:${os.userInfo().username}`]);
      const created = (action: string) => rows.filter((r) => r.action === action).map((r) => r.slug);
      expect(created('center.create')).toEqual(['test-c', 'iwaki', 'alkoo']);
      expect(created('staff.create')).toEqual(expect.arrayContaining(['kato01', 'kato04', 'admin', 'op01']));
      expect(created('staff.create')).not.toEqual(expect.arrayContaining(['kato02']));
      // Nothing changed without an audit row: every user and centre has its creation audited.
      expect(
        await inspect((db) =>
          count(
            db,
            `select 1 from users u where not exists (select 1 from audit_events a where a.action = 'staff.create' and a.target_id = u.id::text)`,
          ),
        ),
      ).toBe(0);
      expect(
        await inspect((db) =>
          count(
            db,
            `select 1 from centers c where not exists (select 1 from audit_events a where a.action = 'center.create' and a.target_id = c.id::text)`,
          ),
        ),
      ).toBe(0);
    },
    T,
  );
});

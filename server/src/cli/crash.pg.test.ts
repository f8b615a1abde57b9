// Crash consistency on PostgreSQL: `seed --demo --extra-staff N` writes its synthetic operators in one
// transaction, so a process killed with SIGKILL half-way through leaves none of them, and the seed can simply
// be run again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllCli, runCli, startCli } from '../testing/cli-process.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../testing/test-database.ts';

// Large enough that the seed runs for several seconds: it is killed once the progress bar passes KILL_AFTER.
const EXTRA_STAFF = 60_000;
const KILL_AFTER = 5_000;

let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  if (!database.url) throw new Error('the PostgreSQL test database has no URL');
  env = { DATABASE_URL: database.url };
});

afterAll(async () => {
  await killAllCli();
  await database?.drop();
});

async function scalar(text: string, params: unknown[] = []): Promise<number> {
  const [row] = await database.query<{ n: number }>(text, params);
  if (!row) throw new Error(`no row from ${text}`);
  return Number(row.n);
}

const tableCounts = async () => ({
  centers: await scalar('select count(*) as n from centers'),
  users: await scalar('select count(*) as n from users'),
  roleAssignments: await scalar('select count(*) as n from role_assignments'),
  auditEvents: await scalar('select count(*) as n from audit_events'),
});

/** Waits until PostgreSQL has ended the killed client's backend, so the state checked is the settled one. */
async function waitForBackendsGone(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await scalar(
      `select count(*) as n from pg_stat_activity where datname = current_database() and application_name = 'madoguchi-cli'`,
    );
    if (left === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${left} backend(s) of the killed seed still open after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Invariants that hold after any crash: no account without a role, no role without an account. */
async function expectConsistentStaff() {
  expect(
    await scalar(
      'select count(*) as n from users u where not exists (select 1 from role_assignments r where r.user_id = u.id)',
    ),
    'users without any role assignment',
  ).toBe(0);
  expect(
    await scalar(
      'select count(*) as n from role_assignments r left join users u on u.id = r.user_id where u.id is null',
    ),
    'role assignments of missing users',
  ).toBe(0);
}

describe.runIf(testEngine === 'postgres')('seed killed with SIGKILL on PostgreSQL', () => {
  let before: Awaited<ReturnType<typeof tableCounts>>;

  it('seeds the demo centres first', async () => {
    const seed = await runCli(['seed', '--demo'], env, 90_000);
    expect(seed, seed.stderr).toMatchObject({ code: 0, signal: null });
    before = await tableCounts();
    expect(before.centers).toBe(2);
  }, 120_000);

  it('leaves no trace of a large synthetic-staff seed killed half-way', async () => {
    const seed = startCli(['seed', '--demo', '--extra-staff', String(EXTRA_STAFF)], env);
    // Without a TTY the progress bar prints one line a second: `追加のオペレーター [...] 6500/60000 (10%)`.
    const progress = new RegExp(`(\\d+)/${EXTRA_STAFF} \\(`, 'g');
    const reached = () => Math.max(0, ...[...seed.stderr.matchAll(progress)].map((m) => Number(m[1])));
    await seed.waitUntil(
      'stderr',
      () => reached() >= KILL_AFTER,
      `progress of ${KILL_AFTER} synthetic operators`,
      120_000,
    );
    seed.kill('SIGKILL');
    const exit = await seed.waitForExit('the killed seed', 30_000);

    // The kill must have landed mid-way; a seed that finished first would make this test pass vacuously.
    expect(exit, `the seed ended before it could be killed; raise EXTRA_STAFF\n${seed.stdout}`).toEqual({
      code: null,
      signal: 'SIGKILL',
    });
    expect(reached()).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(reached()).toBeLessThan(EXTRA_STAFF);
    expect(seed.stdout).not.toContain('seeded:');

    await waitForBackendsGone(30_000);
    expect(await scalar(`select count(*) as n from users where login_id like 'load-op%'`)).toBe(0);
    expect(await scalar(`select count(*) as n from audit_events where detail->>'synthetic' = 'true'`)).toBe(
      0,
    );
    await expectConsistentStaff();
    expect(await tableCounts()).toEqual(before);
  }, 180_000);

  it('accepts the seed again afterwards and completes it', async () => {
    const rerun = await runCli(['seed', '--demo', '--extra-staff', '2000'], env, 120_000);
    expect(rerun, rerun.stderr).toMatchObject({ code: 0, signal: null });
    expect(rerun.stdout).toBe('seeded: -; already present: iwaki, alkoo; extra staff: 2000\n');

    expect(await scalar(`select count(*) as n from users where login_id like 'load-op%'`)).toBe(2000);
    expect(
      await scalar(
        `select count(*) as n from users u
         join role_assignments r on r.user_id = u.id and r.role = 'operator'
         join centers c on c.id = r.center_id and c.slug = 'iwaki'
         where u.login_id like 'load-op%'`,
      ),
      'synthetic operators with an operator role in iwaki',
    ).toBe(2000);
    expect(
      await scalar(
        `select count(distinct a.target_id) as n from audit_events a
         join users u on a.target_id = u.id::text and u.login_id like 'load-op%'
         where a.action = 'staff.create' and a.detail->>'synthetic' = 'true' and a.actor_login_id like 'cli:%'`,
      ),
      'synthetic operators with a staff.create audit row',
    ).toBe(2000);
    expect(await scalar(`select count(*) as n from audit_events where detail->>'synthetic' = 'true'`)).toBe(
      2000,
    );
    await expectConsistentStaff();
    expect(await tableCounts()).toEqual({
      centers: before.centers,
      users: before.users + 2000,
      roleAssignments: before.roleAssignments + 2000,
      auditEvents: before.auditEvents + 2000,
    });
  }, 180_000);
});

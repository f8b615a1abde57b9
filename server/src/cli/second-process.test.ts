// `madoguchi serve --demo` as real processes on one embedded data directory: the data-directory lock refuses a
// second process (exit code 3) without touching the first one's data, is released on SIGTERM and is taken
// over after a SIGKILL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../modules/centers/demo-data.ts';
import { type CliProcess, killAllCli, startCli } from '../testing/cli-process.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-lock-'));
const lockPath = path.join(dataDir, 'madoguchi.lock');
// PORT=0: the system picks a free port and the banner prints the URL actually listened on.
const env = { MADOGUCHI_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
// The first start creates the PGlite cluster and seeds the demo: tens of seconds on a slow machine.
const START_TIMEOUT = 90_000;

interface Server {
  cli: CliProcess;
  base: string;
}

async function startServer(what: string): Promise<Server> {
  const cli = startCli(['serve', '--demo'], env);
  const [, url] = await cli.waitFor(
    'stdout',
    /起動しました: (http:\/\/\S+?)\/console\//,
    `${what}: the start banner`,
    START_TIMEOUT,
  );
  return { cli, base: (url ?? '').replace('//localhost', '//127.0.0.1') };
}

function lockHolder(): number | null {
  if (!fs.existsSync(lockPath)) return null;
  return (JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number }).pid;
}

async function get(server: Server, url: string, cookie?: string) {
  const response = await fetch(`${server.base}${url}`, {
    headers: cookie ? { cookie } : {},
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function login(server: Server): Promise<string> {
  const response = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ loginId: 'admin', password: demoPassword }),
    signal: AbortSignal.timeout(15_000),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('madoguchi_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.split(';')[0] ?? '';
}

async function ok(server: Server, url: string, cookie: string) {
  const response = await get(server, url, cookie);
  expect(response.status, `${url}: ${JSON.stringify(response.body)}`).toBe(200);
  return response.body;
}

/** What the data directory holds, seen through the API (the same session throughout, so logins do not count). */
async function snapshot(server: Server, cookie: string) {
  const centers = (await ok(server, '/api/v1/centers', cookie)) as { slug: string; name: string }[];
  const staff: Record<string, unknown> = {};
  const changes: Record<string, unknown> = {};
  for (const { slug } of centers) {
    const list = (await ok(server, `/api/v1/centers/${slug}/staff`, cookie)) as {
      id: string;
      loginId: string;
      roles: unknown;
    }[];
    staff[slug] = list.map((s) => ({ id: s.id, loginId: s.loginId, roles: s.roles }));
    const page = (await ok(server, `/api/v1/centers/${slug}/audit?category=change&limit=500`, cookie)) as {
      events: { id: string }[];
    };
    changes[slug] = page.events.map((e) => e.id);
  }
  return { centers: centers.map((c) => ({ slug: c.slug, name: c.name })), staff, changes };
}

let first: Server;
let firstCookie: string;
let before: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  first = await startServer('first serve --demo');
  firstCookie = await login(first);
  before = await snapshot(first, firstCookie);
}, START_TIMEOUT + 30_000);

afterAll(async () => {
  await killAllCli();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('serve on an embedded data directory', () => {
  it('serves the seeded demo and holds the data-directory lock', async () => {
    expect(await get(first, '/readyz')).toEqual({
      status: 200,
      body: { status: 'ready', database: 'pglite' },
    });
    expect(lockHolder()).toBe(first.cli.pid);
    expect(before.centers.map((c) => c.slug).sort()).toEqual(['alkoo', 'iwaki']);
    expect((before.staff.iwaki as unknown[]).length).toBeGreaterThan(5);
    expect((before.changes.iwaki as unknown[]).length).toBeGreaterThan(0);
  });

  it('refuses a second process on the same directory with exit code 3 and leaves the data alone', async () => {
    const second = startCli(['serve', '--demo'], env);
    const exit = await second.waitForExit('second serve --demo', 60_000);
    expect(exit, second.stderr).toEqual({ code: 3, signal: null });
    expect(second.stderr).toContain(dataDir);
    expect(second.stderr).toContain('別のプロセス');
    expect(second.stderr).toContain(`PID ${first.cli.pid}`);
    expect(second.stderr).not.toMatch(/^\s+at /m); // one clear message, no stack trace
    expect(second.stdout).not.toContain('起動しました');

    expect(lockHolder()).toBe(first.cli.pid);
    expect((await get(first, '/readyz')).status).toBe(200);
    expect(await snapshot(first, firstCookie)).toEqual(before);
  }, 90_000);

  it('stops on SIGTERM with exit code 0 and removes the lock file', async () => {
    first.cli.kill('SIGTERM');
    expect(await first.cli.waitForExit('first server after SIGTERM', 30_000)).toEqual({
      code: 0,
      signal: null,
    });
    expect(fs.existsSync(lockPath), 'lock file left after a clean stop').toBe(false);
  }, 60_000);

  let third: Server;
  it(
    'starts again on the directory once the first has stopped, with the same data',
    async () => {
      third = await startServer('third serve --demo');
      expect(lockHolder()).toBe(third.cli.pid);
      expect(await snapshot(third, await login(third))).toEqual(before);
    },
    START_TIMEOUT + 30_000,
  );

  it(
    'takes over the lock a SIGKILLed process left behind',
    async () => {
      third.cli.kill('SIGKILL');
      expect(await third.cli.waitForExit('third server after SIGKILL', 30_000)).toEqual({
        code: null,
        signal: 'SIGKILL',
      });
      expect(lockHolder(), 'a killed process cannot remove its lock').toBe(third.cli.pid);

      const fourth = await startServer('fourth serve --demo after a SIGKILL');
      expect(lockHolder()).toBe(fourth.cli.pid);
      expect((await get(fourth, '/readyz')).status).toBe(200);
      expect(await snapshot(fourth, await login(fourth))).toEqual(before);

      fourth.cli.kill('SIGTERM');
      expect(await fourth.cli.waitForExit('fourth server after SIGTERM', 30_000)).toEqual({
        code: 0,
        signal: null,
      });
      expect(fs.existsSync(lockPath)).toBe(false);
    },
    START_TIMEOUT + 60_000,
  );
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import { jobDefinitions } from '../jobs/definitions.ts';

let t: TestApp;
let manager: Client;
beforeAll(async () => {
  t = await createTestApp();
  await loginAs(t.app, 'op01');
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { loginId: 'op02', password: 'wrong-password' },
  });
  // A login by staff of the other centre only: must not show in iwaki's log.
  await loginAs(t.app, 'alkoo-op01');
  manager = await loginAs(t.app, 'manager');
});
afterAll(async () => {
  await t?.close();
});

type Page = {
  events: { id: string; action: string; actorLoginId: string; category: string; ip: string }[];
  nextCursor: string | null;
};

describe('access log search', () => {
  it('shows logins of the centre staff with who, when and from where, newest first', async () => {
    const page: Page = (await manager.get('/api/v1/centers/iwaki/audit?category=auth')).json();
    const logins = page.events.filter((e) => e.action === 'auth.login').map((e) => e.actorLoginId);
    expect(logins).toEqual(expect.arrayContaining(['manager', 'op01']));
    expect(logins).not.toContain('alkoo-op01');
    // A failed attempt on one of the centre's accounts is there too, with the login ID tried.
    const failed = page.events.filter((e) => e.action === 'auth.login_failed').map((e) => e.actorLoginId);
    expect(failed).toEqual(['op02']);
    expect(page.events[0]?.ip).toBe('127.0.0.1');
    const ids = page.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('shows a system administrator failed attempts on login IDs that do not exist', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: 'ghost', password: 'x' },
    });
    const admin = await loginAs(t.app, 'admin');
    const all: Page = (await admin.get('/api/v1/centers/iwaki/audit?action=auth.login_failed')).json();
    expect(all.events.map((e) => e.actorLoginId).sort()).toEqual(['ghost', 'op02']);
    const forManager: Page = (
      await manager.get('/api/v1/centers/iwaki/audit?action=auth.login_failed')
    ).json();
    expect(forManager.events.map((e) => e.actorLoginId)).toEqual(['op02']);
  });

  it('filters by actor and action prefix and pages with a cursor without overlap', async () => {
    const byActor: Page = (await manager.get('/api/v1/centers/iwaki/audit?actor=op01')).json();
    expect(byActor.events.length).toBeGreaterThan(0);
    expect(new Set(byActor.events.map((e) => e.actorLoginId))).toEqual(new Set(['op01']));
    const seeded: Page = (await manager.get('/api/v1/centers/iwaki/audit?action=department.&limit=5')).json();
    expect(seeded.events).toHaveLength(5);
    expect(seeded.nextCursor).not.toBeNull();
    const next: Page = (
      await manager.get(`/api/v1/centers/iwaki/audit?action=department.&limit=5&cursor=${seeded.nextCursor}`)
    ).json();
    const overlap = next.events.filter((e) => seeded.events.some((s) => s.id === e.id));
    expect(overlap).toEqual([]);
    expect(next.events.every((e) => e.action.startsWith('department.'))).toBe(true);
  });

  it('treats % and _ in the action filter literally', async () => {
    const page: Page = (await manager.get('/api/v1/centers/iwaki/audit?action=%25')).json();
    expect(page.events).toEqual([]);
  });

  it('logs that the log was searched, and who listed the staff', async () => {
    await manager.get('/api/v1/centers/iwaki/staff');
    const page: Page = (await manager.get('/api/v1/centers/iwaki/audit?category=view')).json();
    expect(page.events.map((e) => e.action)).toEqual(expect.arrayContaining(['audit.search', 'staff.list']));
  });

  it('rejects a bad cursor and a bad date naming the field', async () => {
    const cursor = await manager.get('/api/v1/centers/iwaki/audit?cursor=abc');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.field).toBe('cursor');
    const from = await manager.get('/api/v1/centers/iwaki/audit?from=yesterday');
    expect(from.statusCode).toBe(400);
    expect(from.json().error.field).toBe('querystring.from');
  });
});

describe('retention', () => {
  it('refuses a retention shorter than three months', () => {
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '30' })).toThrow(/AUDIT_RETENTION_DAYS/);
  });

  it('purges only rows older than the retention period and records the purge', async () => {
    await t.database.query(
      "insert into audit_events (category, action, actor_login_id, occurred_at) values ('auth', 'auth.login', 'old-user', now() - interval '500 days'), ('auth', 'auth.login', 'recent-user', now() - interval '100 days')",
    );
    const purge = jobDefinitions({ database: t.database, config: t.config }).find(
      (d) => d.name === 'audit.purge',
    );
    const output = await purge!.handler(
      {},
      { jobId: 'test', attempt: 1, signal: new AbortController().signal },
    );
    expect(output).toMatchObject({ deleted: 1, retentionDays: t.config.AUDIT_RETENTION_DAYS });
    const left = await t.database.query<{ actor_login_id: string }>(
      "select actor_login_id from audit_events where actor_login_id in ('old-user', 'recent-user')",
    );
    expect(left.map((r) => r.actor_login_id)).toEqual(['recent-user']);
    const recorded = await t.database.query<{ n: number }>(
      "select count(*) as n from audit_events where action = 'audit.purge'",
    );
    expect(recorded[0]?.n).toBe(1);
  });
});

// The limits that guard against abuse hold for the installation, not per process: two apps on one database
// (as two web processes on one PostgreSQL) share one count. The counters hold keyed hashes, never addresses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../app.ts';
import { demoPassword } from '../../modules/centers/demo-data.ts';
import { VOTE_RATE_LIMIT } from '../../modules/public-site/public-site.routes.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { purgeRateLimitHits } from './rate-limit-store.ts';

let t: TestApp;
let second: App;
beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  second = await buildApp({ config: t.config, database: t.database, jobs: null, consoleDir: null });
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  await t?.close();
});

const vote = (app: App, ip: string) =>
  app.inject({
    method: 'POST',
    url: '/c/iwaki/faq/IWK-0001/vote',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'helpful=yes',
    remoteAddress: ip,
  });

const login = (app: App, ip: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { loginId: 'op01', password: demoPassword },
    remoteAddress: ip,
  });

const rows = () =>
  t.database.query<{ key_hash: string; hits: number }>('select key_hash, hits from rate_limit_hits');

describe('shared rate limits', () => {
  it('counts votes from one address across processes', async () => {
    const ip = '192.0.2.10';
    const codes: number[] = [];
    for (let i = 0; i < VOTE_RATE_LIMIT.max; i += 1)
      codes.push((await vote(i % 2 === 0 ? t.app : second, ip)).statusCode);
    expect(codes.every((c) => c === 303)).toBe(true);
    expect((await vote(second, ip)).statusCode).toBe(429);
    expect((await vote(t.app, ip)).statusCode).toBe(429);
    // Another address, and another limit for the same address, count apart.
    expect((await vote(second, '192.0.2.11')).statusCode).toBe(303);
    expect((await login(second, ip)).statusCode).toBe(200);
  });

  it('counts login attempts across processes with the configured limit', async () => {
    const ip = '192.0.2.20';
    expect((await login(t.app, ip)).statusCode).toBe(200);
    expect((await login(second, ip)).statusCode).toBe(200);
    expect((await login(t.app, ip)).statusCode).toBe(200);
    const limited = await login(second, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('keeps no address in the table; ended windows are purged and a new one starts', async () => {
    const all = await rows();
    expect(all.length).toBeGreaterThan(0);
    for (const row of all) {
      expect(row.key_hash).toMatch(/^[\w-]{43}$/);
      expect(row.key_hash).not.toContain('192.0.2');
    }
    const ip = '192.0.2.30';
    await login(t.app, ip);
    await login(t.app, ip);
    await login(t.app, ip);
    expect((await login(second, ip)).statusCode).toBe(429);
    const before = (await rows()).length;
    await t.database.query(
      "update rate_limit_hits set expires_at = clock_timestamp() - interval '1 second' where hits >= 4",
    );
    // The ended windows are purged (the rate-limits.purge job); the others stay.
    const purged = await purgeRateLimitHits(t.database.db);
    expect(purged).toBeGreaterThan(0);
    expect((await rows()).length).toBe(before - purged);
    expect((await login(second, ip)).statusCode).toBe(200);
  });
});

import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, demoPassword, loginAs, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function auditActions(loginId: string): Promise<string[]> {
  const rows = await t.database.query<{ action: string }>(
    'select action from audit_events where actor_login_id = $1 order by id',
    [loginId],
  );
  return rows.map((r) => r.action);
}

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie and returns the centres and roles', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: 'manager', password: demoPassword },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'madoguchi_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBeFalsy();
    const session = response.json();
    expect(session.user.loginId).toBe('manager');
    expect(session.centers.map((c: { slug: string }) => c.slug).sort()).toEqual(['alkoo', 'iwaki']);
    expect(session.centers.find((c: { slug: string }) => c.slug === 'iwaki').roles).toEqual(['manager']);
    expect(await auditActions('manager')).toContain('auth.login');
  });

  it('marks the cookie Secure when the public URL is https, and rate-limits login attempts per address', async () => {
    const other = await createTestApp({
      env: { PUBLIC_URL: 'https://callcenter.example.jp', LOGIN_RATE_LIMIT_PER_MINUTE: '3' },
    });
    try {
      const attempt = () =>
        other.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { loginId: 'op01', password: demoPassword },
        });
      const first = await attempt();
      expect(first.cookies.find((c) => c.name === 'madoguchi_session')?.secure).toBe(true);
      await attempt();
      await attempt();
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
    } finally {
      await other.close();
    }
  });

  it('answers the same error for an unknown ID and a wrong password, and logs both attempts', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: 'nobody', password: 'x' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: 'op02', password: 'wrong' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('invalid_credentials');
    expect(wrong.json()).toEqual(unknown.json());
    expect(await auditActions('nobody')).toEqual(['auth.login_failed']);
    expect(await auditActions('op02')).toEqual(['auth.login_failed']);
  });

  it('names the missing field on bad input instead of failing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: 'op01' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', field: 'password' });
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"loginId":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad_request');
  });

  it('locks the account after repeated failures, even for the right password, until the lock expires', async () => {
    for (let i = 0; i < t.config.LOGIN_MAX_FAILURES; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { loginId: 'op03', password: `bad-${i}` },
      });
      expect(r.json().error.code).toBe('invalid_credentials');
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: 'op03', password: demoPassword },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');
    expect(await auditActions('op03')).toContain('auth.lock');
    t.clock.now = new Date(t.clock.now.getTime() + (t.config.LOGIN_LOCK_MINUTES + 1) * 60_000);
    try {
      await loginAs(t.app, 'op03');
    } finally {
      t.clock.now = new Date();
    }
  });
});

describe('session', () => {
  it('requires a session for the API and refuses a forged cookie', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/centers' })).statusCode).toBe(401);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/centers',
      headers: { cookie: 'madoguchi_session=forged' },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('unauthenticated');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const client = await loginAs(t.app, 'admin');
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/centers/iwaki/lines',
      headers: { cookie: client.cookie },
      payload: { number: '0246-00-9999', label: 'CSRF試験' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
    const wrong = await clientFor(t.app, client.cookie, 'not-the-token').post('/api/v1/centers/iwaki/lines', {
      number: '0246-00-9999',
      label: 'CSRF試験',
    });
    expect(wrong.statusCode).toBe(403);
    const lines = await client.get('/api/v1/centers/iwaki');
    expect(lines.json().lines.map((l: { number: string }) => l.number)).not.toContain('0246-00-9999');
  });

  it('ends the session at logout and after the idle timeout', async () => {
    const client = await loginAs(t.app, 'sv01');
    expect((await client.get('/api/v1/auth/session')).statusCode).toBe(200);
    expect((await client.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect(await auditActions('sv01')).toEqual(['auth.login', 'auth.logout']);

    const idle = await loginAs(t.app, 'sv01');
    t.clock.now = new Date(t.clock.now.getTime() + (t.config.SESSION_IDLE_MINUTES + 1) * 60_000);
    try {
      expect((await idle.get('/api/v1/auth/session')).statusCode).toBe(401);
    } finally {
      t.clock.now = new Date();
    }
  });
});

describe('password change', () => {
  it('lists the rules a new password breaks and keeps the old one', async () => {
    const client = await loginAs(t.app, 'faq01');
    const weak = await client.post('/api/v1/auth/password', {
      currentPassword: demoPassword,
      newPassword: 'abc',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('password_rejected');
    expect(weak.json().error.message).toContain('12文字以上');
    const wrongCurrent = await client.post('/api/v1/auth/password', {
      currentPassword: 'nope',
      newPassword: 'Brand-New-Pass-42',
    });
    expect(wrongCurrent.json().error.field).toBe('currentPassword');
    await loginAs(t.app, 'faq01');
  });

  it('changes the password and signs out the other sessions', async () => {
    const other = await loginAs(t.app, 'dept-gomi');
    const client = await loginAs(t.app, 'dept-gomi');
    const ok = await client.post('/api/v1/auth/password', {
      currentPassword: demoPassword,
      newPassword: 'Sodai-Gomi-2026!',
    });
    expect(ok.statusCode).toBe(204);
    expect((await other.get('/api/v1/auth/session')).statusCode).toBe(401);
    expect((await client.get('/api/v1/auth/session')).statusCode).toBe(200);
    await expect(loginAs(t.app, 'dept-gomi')).rejects.toThrow(/401/);
    await loginAs(t.app, 'dept-gomi', 'Sodai-Gomi-2026!');
  });
});

describe('TOTP second factor', () => {
  it('is enforced once enabled, and a code cannot be used twice', async () => {
    const client = await loginAs(t.app, 'dept-shimin');
    const setup = await client.post('/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toContain('otpauth://totp/');
    expect((await client.post('/api/v1/auth/totp/enable', { code: '000000' })).json().error.code).toBe(
      'invalid_totp',
    );
    // Codes from the app's clock, not the wall clock: a code of the wall clock's next time step would be
    // accepted as drift, and the "next step" below would then be a replay.
    const epochOf = (date: Date) => Math.floor(date.getTime() / 1000);
    const enableCode = await generate({ secret, epoch: epochOf(t.clock.now) });
    expect((await client.post('/api/v1/auth/totp/enable', { code: enableCode })).statusCode).toBe(204);

    const noCode = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: 'dept-shimin', password: demoPassword },
    });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('totp_required');
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: 'dept-shimin', password: demoPassword, totp: enableCode },
    });
    expect(replay.json().error.code).toBe('invalid_totp');

    // The next time step's code is accepted (within the allowed drift).
    t.clock.now = new Date(t.clock.now.getTime() + 30_000);
    try {
      const code = await generate({ secret, epoch: epochOf(t.clock.now) });
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { loginId: 'dept-shimin', password: demoPassword, totp: code },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.totpEnabled).toBe(true);
    } finally {
      t.clock.now = new Date();
    }
  });
});

describe('disabled accounts', () => {
  it('cannot sign in, and their sessions end', async () => {
    const victim = await loginAs(t.app, 'op01');
    const manager = await loginAs(t.app, 'manager');
    const userId = (await victim.get('/api/v1/auth/session')).json().user.id;
    expect((await manager.patch(`/api/v1/centers/iwaki/staff/${userId}`, { active: false })).statusCode).toBe(
      200,
    );
    expect((await victim.get('/api/v1/auth/session')).statusCode).toBe(401);
    const attempt = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginId: 'op01', password: demoPassword },
    });
    expect(attempt.statusCode).toBe(403);
    expect(attempt.json().error.code).toBe('account_disabled');
  });
});

import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config/config.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { commandLineContext } from '../main.ts';
import { demoPassword } from '../modules/centers/demo-data.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export { demoPassword };

export interface TestApp {
  app: App;
  database: TestDatabase;
  config: Config;
  /** Moves the clock the app sees (sessions, lockouts, TOTP). */
  clock: { now: Date };
  close(): Promise<void>;
}

/** The HTTP app on a fresh test database with the demo centres seeded; requests go through `inject`. */
export async function createTestApp(
  options: { seed?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MADOGUCHI_DATA_DIR: '/nonexistent',
    // Tests sign in far more often than people do; the limit itself is tested with a low value.
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  });
  const clock = { now: new Date() };
  const now = () => new Date(clock.now.getTime());
  if (options.seed ?? true) await seedDemo({ ...commandLineContext(database, config), now });
  const app = await buildApp({
    config,
    database,
    jobs: null,
    consoleDir: null,
    now,
    // MADOGUCHI_TEST_LOG=1 shows the server's log (errors behind a 500) while debugging a test.
    logger: process.env.MADOGUCHI_TEST_LOG === '1',
  });
  await app.ready();
  return {
    app,
    database,
    config,
    clock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export interface Client {
  csrfToken: string;
  cookie: string;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** Signs in through the API and returns a client that sends the cookie and the CSRF header. */
export async function loginAs(app: App, loginId: string, password = demoPassword): Promise<Client> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { loginId, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login ${loginId} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'madoguchi_session');
  if (!cookie) throw new Error('no session cookie');
  return clientFor(app, `madoguchi_session=${cookie.value}`, response.json().csrfToken);
}

export function clientFor(app: App, cookie: string, csrfToken: string): Client {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    csrfToken,
    cookie,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}

// The foundation's browser flow in real Chromium: log in, switch centre, find the login in the access log,
// log out — against the product started as `npm start` starts it. axe-core checks the screens on the way.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../server/src/modules/centers/demo-data.ts';
import { type DemoServer, expectNoAxeViolations, launchBrowser, startDemoServer } from './support.ts';

let server: DemoServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each([
  { name: 'laptop', viewport: { width: 1366, height: 768 } },
  { name: 'tablet', viewport: { width: 768, height: 1024 } },
])('console on a $name screen', ({ name, viewport }) => {
  it('logs in, switches centre, shows the login in the access log, and logs out', async () => {
    const context = await browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/console/`);
      await expect.poll(() => page.getByRole('button', { name: 'ログイン' }).isVisible()).toBe(true);
      await expectNoAxeViolations(page, `login (${name})`);

      // A wrong password is refused in Japanese and nothing else happens.
      await page.getByLabel('ログインID', { exact: true }).fill('manager');
      await page.getByLabel('パスワード', { exact: true }).fill('wrong-password');
      await page.getByRole('button', { name: 'ログイン' }).click();
      await expect
        .poll(() => page.getByText('ログインIDまたはパスワードが正しくありません').first().isVisible())
        .toBe(true);

      await page.getByLabel('パスワード', { exact: true }).fill(demoPassword);
      await page.getByRole('button', { name: 'ログイン' }).click();
      const switcher = page.getByLabel('センター', { exact: true });
      await expect.poll(() => switcher.isVisible(), { timeout: 15_000 }).toBe(true);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).first().textContent())
        .toContain('いわき市総合コールセンター');
      await expectNoAxeViolations(page, `home (${name})`);

      // Switch to the app help desk and back: the URL and the page follow the switcher.
      await switcher.selectOption({ label: '健康マイレージアプリ ヘルプデスク（デモ）' });
      await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/console\/c\/alkoo\//);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).first().textContent())
        .toContain('ヘルプデスク');
      await switcher.selectOption({ label: 'いわき市総合コールセンター（デモ）' });
      await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/console\/c\/iwaki\//);

      // The access log shows this login (and the failed attempt before it).
      if (viewport.width < 1024) await page.getByRole('button', { name: 'メニュー' }).click();
      await page.getByRole('link', { name: '監査ログ' }).click();
      const table = page.getByRole('table', { name: '監査ログ' });
      await expect.poll(() => table.isVisible(), { timeout: 15_000 }).toBe(true);
      const loginRow = table
        .getByRole('row')
        .filter({ hasText: 'auth.login' })
        .filter({ hasText: 'manager' })
        .first();
      await expect.poll(() => loginRow.isVisible()).toBe(true);
      await expect
        .poll(() => table.getByRole('row').filter({ hasText: 'auth.login_failed' }).count())
        .toBeGreaterThan(0);
      await expectNoAxeViolations(page, `audit log (${name})`);

      // Log out through the user menu; the console is back at the login screen and the session is gone.
      await page.getByRole('button', { name: /（アカウント）/ }).click();
      await page.getByRole('menuitem', { name: 'ログアウト' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'ログイン' }).isVisible()).toBe(true);
      const session = await page.evaluate(async () => (await fetch('/api/v1/auth/session')).status);
      expect(session).toBe(401);
    } finally {
      await context.close();
    }
  });
});

describe('console for an operator', () => {
  it('shows no staff or audit pages to an operator, and the API refuses them too', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/console/`);
      await page.getByLabel('ログインID', { exact: true }).fill('op01');
      await page.getByLabel('パスワード', { exact: true }).fill(demoPassword);
      await page.getByRole('button', { name: 'ログイン' }).click();
      await expect
        .poll(() => page.getByLabel('センター', { exact: true }).isVisible(), { timeout: 15_000 })
        .toBe(true);
      const nav = page.getByRole('navigation', { name: 'メインメニュー' });
      expect(await nav.getByRole('link', { name: '監査ログ' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'スタッフ管理' }).count()).toBe(0);
      const status = await page.evaluate(async () => (await fetch('/api/v1/centers/iwaki/audit')).status);
      expect(status).toBe(403);
    } finally {
      await context.close();
    }
  });
});

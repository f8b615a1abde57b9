// Centre administration in real Chromium: the administrator edits a phone line in センター設定 and deletes
// one with the confirmation, finds each staff member's actions by name in スタッフ管理 — every row button says
// which row it acts on to a screen reader (「編集（代表電話）」). axe-core on both pages and the dialog.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DemoServer,
  expectNoAxeViolations,
  launchBrowser,
  signInConsole,
  startDemoServer,
} from './support.ts';

let server: DemoServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
beforeEach(async () => {
  context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  page = await signInConsole(context, server.url, 'admin');
});
afterEach(async () => {
  await context?.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A row button's accessible name: the label, then the row in brackets (Chromium may put a space between). */
const named = (label: string, item: string) =>
  new RegExp(`^${label}\\s*（${item.replace(/[()（）]/g, (c) => `\\${c}`)}）$`);

const menu = () => page.getByRole('navigation', { name: 'メインメニュー' });

describe('centre settings', () => {
  it('edits a line through its named 編集 button and deletes one after confirming', async () => {
    await menu().getByRole('link', { name: 'センター設定' }).click();
    const lines = page.getByRole('region', { name: '回線', exact: true });
    await expect
      .poll(() => lines.getByRole('button', { name: named('編集', '代表電話') }).isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    await expectNoAxeViolations(page, 'centre settings');

    await lines.getByRole('button', { name: named('編集', '代表電話') }).click();
    const dialog = page.getByRole('dialog', { name: '回線の編集' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'line dialog');
    await dialog.getByLabel('回線名').fill('代表電話（本庁舎）');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => lines.getByRole('button', { name: named('編集', '代表電話（本庁舎）') }).isVisible())
      .toBe(true);
    expect(await lines.getByRole('row', { name: /代表電話（本庁舎）/ }).textContent()).toContain(
      '0246-00-1000',
    );

    // 削除 asks first; dismissing keeps the line, accepting removes it.
    const fax = lines.getByRole('button', { name: named('削除', 'FAX') });
    page.once('dialog', (d) => void d.dismiss());
    await fax.click();
    expect(await fax.isVisible()).toBe(true);
    page.once('dialog', (d) => {
      expect(d.message()).toBe('回線「FAX」を削除しますか？');
      void d.accept();
    });
    await fax.click();
    await expect.poll(() => fax.count()).toBe(0);
    expect(await lines.getByRole('button', { name: /^削除\s*（/ }).count()).toBe(3);
  });

  it('switches learning from use off for the centre, and the setting stays after a reload', async () => {
    await menu().getByRole('link', { name: 'センター設定' }).click();
    const general = page.getByRole('region', { name: '基本情報', exact: true });
    const learning = general.getByRole('checkbox', { name: '検索の学習を使う' });
    await expect.poll(() => learning.isChecked(), { timeout: 15_000 }).toBe(true);
    // The hint is read out with the box: what is learnt, what is cut out, what switching off does.
    expect(await learning.getAttribute('aria-describedby')).toBeTruthy();
    await learning.uncheck();
    await general.getByRole('button', { name: '基本情報を保存' }).click();
    await expect.poll(() => general.getByRole('status').textContent()).toContain('基本情報を保存しました');
    await expectNoAxeViolations(page, 'centre settings, learning switched off');
    await page.reload();
    await expect
      .poll(() => general.getByRole('checkbox', { name: '検索の学習を使う' }).isVisible(), {
        timeout: 15_000,
      })
      .toBe(true);
    expect(await general.getByRole('checkbox', { name: '検索の学習を使う' }).isChecked()).toBe(false);
  });
});

describe('staff', () => {
  it('names the staff member on each row button', async () => {
    await menu().getByRole('link', { name: 'スタッフ管理' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
      .toBe('スタッフ管理');
    const table = page.getByRole('table').first();
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    const rows = await table.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(5);
    expect(await table.getByRole('button', { name: /^編集\s*（.+）$/ }).count()).toBe(rows);
    expect(await table.getByRole('button', { name: /^パスワード再設定\s*（.+）$/ }).count()).toBe(rows);
    expect(await table.getByRole('button', { name: named('編集', '高橋 さくら') }).count()).toBe(1);
    await expectNoAxeViolations(page, 'staff');
  });
});

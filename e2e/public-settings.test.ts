// The public site's settings in real Chromium: a supervisor puts up the notice banner during an incident
// (seed 004 第3-1(2)ウ) and takes it down again, an administrator edits the homepage's introduction and the
// city's other call centres (seed 004 第2-8(3)ア(ｲ)); each change shows on the public site at once.
// axe-core checks both console screens.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoServer,
  expectNoAxeViolations,
  launchBrowser,
  signInConsole,
  startDemoServer,
} from './support.ts';

// The machine may be busy: give the console time to load before a check fails.
const wait = { timeout: 10_000 };
let server: DemoServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The public homepage's text, reloaded until `probe` holds (the site follows a change within a second). */
async function publicHomeUntil(page: Page, probe: (text: string) => boolean): Promise<string> {
  let text = '';
  await expect
    .poll(
      async () => {
        // Reload, not navigate: the page may be in the browser's cache for its max-age.
        if (page.url() === `${server.url}/c/iwaki/`) await page.reload();
        else await page.goto(`${server.url}/c/iwaki/`);
        text = (await page.locator('body').textContent()) ?? '';
        return probe(text);
      },
      { timeout: 10_000, interval: 200 },
    )
    .toBe(true);
  return text;
}

describe('public site settings in the console', () => {
  it('lets a supervisor put up the notice banner and take it down, shown on the public site', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    try {
      const page = await signInConsole(context, server.url, 'sv01');
      const nav = page.getByRole('navigation', { name: 'メインメニュー' });
      expect(await nav.getByRole('link', { name: '公開サイト設定' }).count()).toBe(0);
      await nav.getByRole('link', { name: 'お知らせバナー' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('お知らせバナー');
      await expect.poll(() => page.getByText('掲載していません。').isVisible(), wait).toBe(true);
      await expectNoAxeViolations(page, 'notice page');

      // Nothing typed: refused next to the field, in Japanese.
      await page.getByRole('button', { name: '掲載する' }).click();
      await expect
        .poll(() => page.getByText('お知らせの文章を入力してください', { exact: false }).first().isVisible())
        .toBe(true);

      await page.getByRole('button', { name: '定型文：災害対応' }).click();
      const text = page.getByLabel('お知らせの文章');
      expect(await text.inputValue()).toBe('災害対応のため、回答までお時間をいただいています。');
      expect(await page.getByLabel('緊急').isChecked()).toBe(true);
      const preview = page.getByRole('region', { name: '表示の見本' });
      expect(await preview.textContent()).toContain('緊急災害対応のため、回答までお時間をいただいています。');
      await page.getByRole('button', { name: '掲載する' }).click();
      await expect.poll(() => page.getByText('お知らせバナーを掲載しました。').isVisible(), wait).toBe(true);
      await expect.poll(() => page.getByText('掲載中').first().isVisible(), wait).toBe(true);
      await expectNoAxeViolations(page, 'notice page with a notice');

      const site = await context.newPage();
      await publicHomeUntil(site, (t) => t.includes('災害対応のため、回答までお時間をいただいています。'));
      expect(await site.getByRole('alert').textContent()).toContain('緊急');

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: '掲載をやめる' }).click();
      await expect
        .poll(() => page.getByText('お知らせバナーの掲載をやめました。').isVisible(), wait)
        .toBe(true);
      await publicHomeUntil(site, (t) => !t.includes('災害対応のため'));
    } finally {
      await context.close();
    }
  });

  it('lets the admin edit the introduction and related call centres, with errors named in Japanese', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    try {
      const page = await signInConsole(context, server.url, 'admin');
      await page
        .getByRole('navigation', { name: 'メインメニュー' })
        .getByRole('link', { name: '公開サイト設定' })
        .click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('公開サイト設定');
      await expectNoAxeViolations(page, 'public settings page');

      await page
        .getByLabel('センターの紹介文')
        .fill('いわき市の総合窓口です。\n\n市政のご質問にお答えします。');
      await page.getByRole('button', { name: '関連窓口を追加' }).click();
      // Focus moves to the new row's name; saving it empty names the field.
      await expect.poll(() => page.locator(':focus').getAttribute('name')).toBe('contact-name');
      await page.getByLabel('公開ホスト名（任意）').fill('faq example');
      await page.getByRole('button', { name: '公開サイト設定を保存' }).click();
      await expect.poll(() => page.getByText('名称を入力してください').isVisible(), wait).toBe(true);
      expect(await page.getByText('ホスト名は faq.example.lg.jp のように入力してください').isVisible()).toBe(
        true,
      );
      // Nothing typed is lost on an error.
      expect(await page.getByLabel('センターの紹介文').inputValue()).toContain(
        '市政のご質問にお答えします。',
      );

      await page.getByLabel('公開ホスト名（任意）').fill('');
      // The demo centre may list call centres already: the new row is the last.
      const row = page.locator('ol.contact-rows > li').last();
      await row.getByLabel('名称', { exact: true }).fill('子育てコールセンター');
      await row.getByLabel('電話番号', { exact: true }).fill('0246-00-8000');
      await page.getByRole('button', { name: '公開サイト設定を保存' }).click();
      await expect
        .poll(() => page.getByText('公開サイト設定を保存しました。', { exact: false }).isVisible(), wait)
        .toBe(true);
      await expectNoAxeViolations(page, 'public settings page after saving');

      const site = await context.newPage();
      const text = await publicHomeUntil(site, (t) => t.includes('いわき市の総合窓口です。'));
      expect(text).toContain('子育てコールセンター');
      expect(text).toContain('0246-00-8000');
    } finally {
      await context.close();
    }
  });
});

// Issue 4's citizen flows in real Chromium on phone and tablet sized windows: find an FAQ by browsing and by a
// colloquial search (a query of bench/search-eval), use the suggestion combobox and vote with the keyboard
// alone; axe-core (WCAG 2.1 A/AA) on every public page type.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const phone = { width: 390, height: 844 };
const tablet = { width: 820, height: 1180 };

async function open(viewport: {
  width: number;
  height: number;
}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    hasTouch: viewport.width < 1024,
    isMobile: viewport.width < 600,
  });
  const page = await context.newPage();
  return { context, page };
}

/** Presses Tab until the focused element matches `selector` (keyboard only, as a person would). */
async function tabTo(page: Page, selector: string, max = 80) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if ((await page.locator(`${selector}:focus`).count()) > 0) return;
  }
  throw new Error(`${selector} not reached with Tab`);
}

describe('citizen on a phone', () => {
  it('finds an FAQ by browsing the categories and votes with the keyboard alone', async () => {
    const { context, page } = await open(phone);
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    try {
      await page.goto(`${server.url}/c/iwaki/`);
      await expect.poll(() => page.title()).toContain('いわき市総合コールセンター');
      await expectNoAxeViolations(page, 'homepage');

      await page
        .getByRole('navigation', { name: 'サイト内メニュー' })
        .getByRole('link', { name: 'よくある質問' })
        .click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: 'よくある質問' }).isVisible())
        .toBe(true);
      await expectNoAxeViolations(page, 'FAQ top');

      await page.getByRole('link', { name: /^ごみ・環境/ }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: 'ごみ・環境' }).isVisible())
        .toBe(true);
      await expectNoAxeViolations(page, 'category page');

      await page.getByRole('link', { name: '家庭ごみの収集日を知りたい' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/c/iwaki/faq/IWK-0161');
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toContain('家庭ごみの収集日を知りたい');
      await expectNoAxeViolations(page, 'FAQ page');
      // The FAQPage JSON-LD is data, not script: the CSP (script-src 'self') does not object to it.
      const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
      expect(JSON.parse(jsonLd ?? '')['@type']).toBe('FAQPage');

      // Vote with the keyboard alone: Tab to the first choice, Space picks it, Tab to the comment, type,
      // Tab to the button, Enter sends.
      await tabTo(page, 'input[name="helpful"]');
      await page.keyboard.press('ArrowRight'); // radio group: arrows move to いいえ and select it
      await page.keyboard.press('ArrowLeft'); // back to はい
      await page.keyboard.press('Space');
      expect(await page.locator('input[name="helpful"][value="yes"]').isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').getAttribute('id')).toBe('vote-comment');
      await page.keyboard.type('収集カレンダーの場所がわかりました');
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').textContent()).toBe('送信する');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByText('ご回答ありがとうございました').isVisible(), { timeout: 10_000 })
        .toBe(true);
      expect(new URL(page.url()).search).toBe('?voted=1');
      expect(cspErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('finds an FAQ with a colloquial search and sees highlighted results; no results suggest browsing', async () => {
    const { context, page } = await open(phone);
    try {
      await page.goto(`${server.url}/c/iwaki/faq/`);
      // bench/search-eval Q112 (colloquial): 「ゴミの日いつ」 → IWK-0161.
      await page.getByRole('combobox', { name: 'よくある質問を検索' }).fill('ゴミの日いつ');
      await page.getByRole('button', { name: '検索' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/c/iwaki/faq/search');
      const results = page.locator('ol.results > li');
      await expect.poll(() => results.count()).toBeGreaterThan(0);
      const top3 = await results
        .locator('h2 a')
        .evaluateAll((links) => links.slice(0, 3).map((a) => (a.getAttribute('href') ?? '').split('?')[0]));
      expect(top3).toContain('/c/iwaki/faq/IWK-0161');
      expect(await page.locator('ol.results mark').count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, 'search results');
      await page.locator('ol.results h2 a[href*="IWK-0161"]').click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/c/iwaki/faq/IWK-0161');

      await page.goto(`${server.url}/c/iwaki/faq/search?q=${encodeURIComponent('qzxwvk')}`);
      await expect.poll(() => page.getByText('見つかりませんでした').isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'お問い合わせフォーム' }).count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, 'no results');
    } finally {
      await context.close();
    }
  });

  it('uses the suggestion combobox with the keyboard', async () => {
    const { context, page } = await open(phone);
    try {
      await page.goto(`${server.url}/c/iwaki/`);
      const box = page.getByRole('combobox', { name: 'よくある質問を検索' });
      await box.focus();
      await page.keyboard.type('じゅうみんひょう');
      await expect.poll(() => box.getAttribute('aria-expanded'), { timeout: 10_000 }).toBe('true');
      const listboxId = await box.getAttribute('aria-controls');
      const options = page.locator(`#${listboxId} [role="option"]`);
      await expect.poll(() => options.count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, 'homepage with suggestions open');
      await page.keyboard.press('ArrowDown');
      const first = await options.first().getAttribute('id');
      expect(await box.getAttribute('aria-activedescendant')).toBe(first);
      expect(await options.first().getAttribute('aria-selected')).toBe('true');
      // Focus stays in the box while moving through the list.
      expect(await page.locator(':focus').getAttribute('id')).toBe('site-search-q');
      await page.keyboard.press('Escape');
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('ArrowDown');
      expect(await box.getAttribute('aria-expanded')).toBe('true');
      // The option's own text (without the screen-reader hint) is what the citizen chose.
      const chosen = await options.first().evaluate((li) => li.firstChild?.textContent ?? '');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => new URL(page.url()).pathname, { timeout: 10_000 })
        .toMatch(/^\/c\/iwaki\/faq\/(IWK-\d{4}|search)$/);
      if (new URL(page.url()).pathname.endsWith('/search'))
        expect(new URL(page.url()).searchParams.get('q')).toBe(chosen);
      else expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(chosen);
    } finally {
      await context.close();
    }
  });

  it('shows the ranking and the 404 page without accessibility violations', async () => {
    const { context, page } = await open(phone);
    try {
      await page.goto(`${server.url}/c/iwaki/ranking`);
      await expect
        .poll(() =>
          page.getByRole('heading', { level: 1, name: 'よく見られている質問ランキング' }).isVisible(),
        )
        .toBe(true);
      await expectNoAxeViolations(page, 'ranking');
      const response = await page.goto(`${server.url}/c/iwaki/faq/NO-SUCH-0001`);
      expect(response?.status()).toBe(404);
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: 'ページが見つかりません' }).isVisible())
        .toBe(true);
      await expectNoAxeViolations(page, '404 page');
    } finally {
      await context.close();
    }
  });
});

describe('citizen on a tablet', () => {
  it('reads the homepage and an FAQ page without accessibility violations, links working by keyboard', async () => {
    const { context, page } = await open(tablet);
    try {
      await page.goto(`${server.url}/c/iwaki/`);
      // The skip link is the first stop and moves to the main content.
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').textContent()).toBe('本文へ移動');
      await page.keyboard.press('Enter');
      expect(await page.locator(':focus').getAttribute('id')).toBe('main');
      await expectNoAxeViolations(page, 'homepage (tablet)');
      await page.goto(`${server.url}/c/iwaki/faq/IWK-0001`);
      await expectNoAxeViolations(page, 'FAQ page (tablet)');
      await page.goto(`${server.url}/`);
      await expectNoAxeViolations(page, 'installation root');
      expect(await page.getByRole('link', { name: 'いわき市総合コールセンター（デモ）' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

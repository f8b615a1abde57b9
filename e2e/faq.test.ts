// Issue 3's browser flows in real Chromium: an FAQ editor creates, edits, schedules and publishes an FAQ; an
// operator cannot; an operator finds FAQs with a colloquial, kana-only search and its suggestions, answers with
// one, and an FAQ editor finds the words learnt from it and removes them.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoServer,
  expectNoAxeViolations,
  launchBrowser,
  signInConsole,
  startDemoServer,
} from './support.ts';

let server: DemoServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(loginId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = await signInConsole(context, server.url, loginId);
  return { context, page };
}

/** The FAQ as the API sees it, through the signed-in page's session. */
function apiFaq(page: Page, faqId: string): Promise<{ question: string; publicationState: string }> {
  return page.evaluate(
    async (id) =>
      (await (await fetch(`/api/v1/centers/iwaki/faqs/${id}`)).json()) as {
        question: string;
        publicationState: string;
      },
    faqId,
  );
}

/** A JST `YYYY-MM-DDTHH:mm` for a datetime-local input, `days` from now. */
function jstLocal(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 16);
}

describe('FAQ editing', () => {
  it('lets an FAQ editor create, edit, schedule and publish an FAQ', async () => {
    const { context, page } = await signIn('faq01');
    try {
      await page.goto(`${server.url}/console/c/iwaki/faq/new`);
      await page.getByLabel('FAQ-ID', { exact: true }).fill('E2E-0001');
      await page.getByLabel('質問', { exact: true }).fill('市民会館の駐車場は何台とめられますか');
      await page.getByLabel('回答', { exact: true }).fill('<p>市民会館の駐車場は120台です。</p>');
      await expectNoAxeViolations(page, 'FAQ form');
      await page.getByRole('button', { name: '作成' }).click();
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toContain('E2E-0001');
      expect((await apiFaq(page, 'E2E-0001')).publicationState).toBe('draft');

      // Edit the question.
      await expect.poll(() => page.getByLabel('質問', { exact: true }).isVisible()).toBe(true);
      await page.getByLabel('質問', { exact: true }).fill('市民会館の駐車場の台数');
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(async () => (await apiFaq(page, 'E2E-0001')).question).toBe('市民会館の駐車場の台数');

      // Schedule: published from tomorrow.
      await page.getByLabel('公開する（公開サイト・チャットボットに載せる）').check();
      await page.getByLabel('公開開始日時').fill(jstLocal(1));
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(async () => (await apiFaq(page, 'E2E-0001')).publicationState).toBe('scheduled');

      // Publish now: the start moves into the past.
      await page.getByLabel('公開開始日時').fill(jstLocal(-1));
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(async () => (await apiFaq(page, 'E2E-0001')).publicationState).toBe('published');
      await expect.poll(() => page.getByText('公開中').first().isVisible()).toBe(true);

      // Every save kept a revision.
      const revisions = await page.evaluate(
        async () =>
          (await fetch('/api/v1/centers/iwaki/faqs/E2E-0001/revisions')).json() as Promise<unknown[]>,
      );
      expect(revisions.length).toBeGreaterThanOrEqual(4);
    } finally {
      await context.close();
    }
  });

  it('shows an operator the FAQ read-only, and the API refuses the operator’s edit', async () => {
    const { context, page } = await signIn('op01');
    try {
      await page.goto(`${server.url}/console/c/iwaki/faqs/IWK-0001`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), { timeout: 15_000 })
        .toBeTruthy();
      expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
      expect(await page.getByLabel('質問', { exact: true }).count()).toBe(0);
      const nav = page.getByRole('navigation', { name: 'メインメニュー' });
      expect(await nav.getByRole('link', { name: '同義語' }).count()).toBe(0);
      const status = await page.evaluate(async () => {
        const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
        const faq = (await (await fetch('/api/v1/centers/iwaki/faqs/IWK-0001')).json()) as {
          version: number;
        };
        const response = await fetch('/api/v1/centers/iwaki/faqs/IWK-0001', {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ version: faq.version, question: '書き換え' }),
        });
        return response.status;
      });
      expect(status).toBe(403);
    } finally {
      await context.close();
    }
  });
});

describe('FAQ search', () => {
  it('finds the 住民票 FAQ from an all-hiragana query, with suggestions while typing', async () => {
    const { context, page } = await signIn('op01');
    try {
      await page.goto(`${server.url}/console/c/iwaki/faq/search`);
      const box = page.getByRole('combobox', { name: '検索語' });
      await expect.poll(() => box.isVisible(), { timeout: 15_000 }).toBe(true);
      await box.pressSequentially('じゅうみんひょう', { delay: 30 });
      const listbox = page.getByRole('listbox', { name: '検索語' });
      await expect.poll(() => listbox.getByRole('option').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      const suggestions = await listbox.getByRole('option').allTextContents();
      expect(suggestions.some((s) => s.includes('住民票'))).toBe(true);
      await expectNoAxeViolations(page, 'search with suggestions');
      await box.press('Escape');
      await page.getByRole('button', { name: '検索', exact: true }).click();
      const results = page.getByRole('main').getByRole('link').filter({ hasText: '住民票' });
      await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.locator('mark').count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page, 'search results');
    } finally {
      await context.close();
    }
  });

  it('learns the words an operator answered with, and lets an FAQ editor remove them', async () => {
    const desk = await signIn('op02');
    try {
      const { page } = desk;
      await page.goto(`${server.url}/console/c/iwaki/faq/search`);
      const box = page.getByRole('combobox', { name: '検索語' });
      await expect.poll(() => box.isVisible(), { timeout: 15_000 }).toBe(true);
      await box.pressSequentially('こくほにはいりたい', { delay: 20 });
      expect(await box.inputValue()).toBe('こくほにはいりたい');
      await page.getByRole('button', { name: '検索', exact: true }).click();
      const hit = page.getByRole('main').getByRole('link', { name: /^国民健康保険の加入手続き/ });
      await expect.poll(() => hit.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await hit.first().click();
      await page.getByRole('button', { name: 'この FAQ で回答した' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: '回答したことを記録しました' }).count())
        .toBe(1);
    } finally {
      await desk.context.close();
    }

    const { context, page } = await signIn('faq01');
    try {
      await page.goto(`${server.url}/console/c/iwaki/faqs/IWK-0056`);
      const learnt = page.getByRole('region', { name: '学習した検索語' });
      const row = learnt.getByRole('row', { name: /こくほにはいりたい/ });
      await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
      // 回数: one answer with it so far.
      expect(await row.getByRole('cell').first().textContent()).toBe('1');
      await expectNoAxeViolations(page, 'learnt wordings');
      page.once('dialog', (d) => void d.accept());
      await learnt.getByRole('button', { name: /^削除\s*（こくほにはいりたい）$/ }).click();
      await expect.poll(() => learnt.getByRole('status').textContent()).toContain('を削除しました');
      await expect.poll(() => learnt.getByText('学習した検索語はまだありません。').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('FAQ files through the shared API client', () => {
  it('downloads the filtered list and uploads a CSV for an import preview', async () => {
    const { context, page } = await signIn('faq01');
    try {
      await page.goto(`${server.url}/console/c/iwaki/faq`);
      await expect
        .poll(() => page.getByLabel('所管課', { exact: true }).locator('option').count(), { timeout: 15_000 })
        .toBeGreaterThan(1);
      // The demo centre has more than one page of FAQs: 次へ shows the next 50 and moves focus to the table.
      const status = page.locator('.result-count');
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/件中 1〜50件/);
      await page
        .getByRole('navigation', { name: 'FAQ一覧のページ' })
        .getByRole('button', { name: '次へ' })
        .click();
      await expect.poll(() => status.textContent()).toMatch(/件中 51〜100件/);
      expect(await page.evaluate('document.activeElement.tagName')).toBe('TABLE');
      expect(new URL(page.url()).searchParams.get('offset')).toBe('50');
      // 公開状態 narrows the list (and starts again at its first page): only scheduled FAQs remain. The old
      // rows stay on screen while the new ones load, so wait for the smaller total.
      const totalOf = async () => Number((await status.textContent())?.match(/^全(\d+)件中 1〜/)?.[1] ?? NaN);
      const everything = Number((await status.textContent())?.match(/^全(\d+)件/)?.[1]);
      await page.getByLabel('公開状態', { exact: true }).selectOption({ label: '公開予約' });
      await page.getByRole('button', { name: '絞り込む' }).click();
      await expect.poll(totalOf).toBeLessThan(everything);
      expect(new URL(page.url()).searchParams.get('state')).toBe('scheduled');
      const rows = page.locator('table tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await rows.count()).toBeLessThan(50);
      expect(await rows.filter({ hasText: '公開予約' }).count()).toBe(await rows.count());

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /CSV出力/ }).click();
      expect((await download).suggestedFilename()).toMatch(/^FAQ_.+\.csv$/);
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'を出力しました' }).count()).toBe(1);

      await page.goto(`${server.url}/console/c/iwaki/faq/io`);
      await page.getByLabel('Excel（xlsx）').check();
      const workbook = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Excelファイルを出力' }).click();
      expect((await workbook).suggestedFilename()).toMatch(/^FAQ_.+\.xlsx$/);
      await page.getByLabel('取り込むファイル').setInputFiles({
        name: 'faq.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'faq_id,question,answer\r\nE2E-IMPORT-1,市民会館の休館日はいつですか,<p>月曜日です。</p>\r\n',
        ),
      });
      await page.getByRole('button', { name: '内容を確認' }).click();
      await expect
        .poll(() => page.getByRole('heading', { name: /確認結果：faq\.csv/ }).isVisible(), {
          timeout: 15_000,
        })
        .toBe(true);
      await expect.poll(() => page.getByRole('button', { name: 'この内容で反映' }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('FAQ satisfaction (citizens’ votes)', () => {
  it('shows an FAQ editor the 満足度 page with its filters and CSV, and the FAQ’s own numbers', async () => {
    const { context, page } = await signIn('faq01');
    try {
      await page.goto(`${server.url}/console/c/iwaki/faq/votes`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: '満足度' }).isVisible(), { timeout: 15_000 })
        .toBe(true);
      await expect.poll(() => page.getByText('この期間の投票はありません。').isVisible()).toBe(true);
      // The shared 分類 / 所管課 filters, filled from the centre.
      await expect
        .poll(() => page.getByLabel('所管課', { exact: true }).locator('option').count())
        .toBeGreaterThan(1);
      await page.getByLabel('最低投票数', { exact: true }).fill('0');
      await page.getByRole('button', { name: '集計' }).click();
      await expect
        .poll(() => page.getByText('最低投票数は1以上の整数で入力してください').first().isVisible())
        .toBe(true);
      await page.getByLabel('最低投票数', { exact: true }).fill('1');
      await page.getByRole('button', { name: '集計' }).click();
      await expectNoAxeViolations(page, 'satisfaction page');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /CSV出力/ }).click();
      expect((await download).suggestedFilename()).toMatch(/^FAQ満足度_.+\.csv$/);

      await page.goto(`${server.url}/console/c/iwaki/faqs/IWK-0001`);
      const section = page.getByRole('region', { name: '満足度' });
      await expect.poll(() => section.getByText('累計').isVisible(), { timeout: 15_000 }).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('offers operators neither the page nor the numbers', async () => {
    const { context, page } = await signIn('op01');
    try {
      const nav = page.getByRole('navigation', { name: 'メインメニュー' });
      await expect
        .poll(() => nav.getByRole('link', { name: 'FAQ検索' }).count(), { timeout: 15_000 })
        .toBe(1);
      expect(await nav.getByRole('link', { name: '満足度' }).count()).toBe(0);
      await page.goto(`${server.url}/console/c/iwaki/faq/votes`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: '権限がありません' }).isVisible(), {
          timeout: 15_000,
        })
        .toBe(true);
    } finally {
      await context.close();
    }
  });
});

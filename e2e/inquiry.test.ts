// Issue 4's inquiry flow in real Chromium: an administrator sets the centre's mail settings in the console and
// sends a test mail; then, at phone size (390×844), a citizen fills in the form with the
// keyboard alone, meets an error and puts it right, confirms, sends and gets a receipt number; the
// auto-reply reaches an SMTP server on loopback; an operator finds the inquiry in the console. axe-core on
// the mail settings (with an error and saved), the form, the form with errors, the confirmation, the receipt
// and the console list.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseMail,
  startTestSmtpServer,
  type TestSmtpServer,
} from '../server/src/modules/inquiries/inquiry-test-helpers.ts';
import {
  type DemoServer,
  expectNoAxeViolations,
  launchBrowser,
  signInConsole,
  startDemoServer,
} from './support.ts';

let server: DemoServer;
let browser: Browser;
let smtp: TestSmtpServer;
beforeAll(async () => {
  [server, browser, smtp] = await Promise.all([startDemoServer(), launchBrowser(), startTestSmtpServer()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** The id of the focused element (a string expression: the e2e code has no DOM types). */
const focusedId = (page: Page) =>
  page.evaluate('document.activeElement ? document.activeElement.id : ""') as Promise<string>;

/** Presses Tab until the element with `id` has focus, as a keyboard user moves through the page. */
async function tabTo(page: Page, id: string, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} not reached with Tab`);
}

/**
 * An administrator sets the demo centre's mail settings in the console (loopback, no TLS, switched on, the
 * default subject and body) and sends a test mail from the page.
 */
async function sendMailThrough(port: number) {
  const desk = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  try {
    const admin = await signInConsole(desk, server.url, 'admin');
    await admin
      .getByRole('navigation', { name: 'メインメニュー' })
      .getByRole('link', { name: 'メール設定' })
      .click();
    await admin.getByRole('heading', { name: '送信の設定' }).waitFor();
    const form = admin.locator('#smtp');
    await form.getByLabel('自動返信メールを送信する').check();
    await form.getByLabel('SMTPサーバー').fill('127.0.0.1');
    await form.getByLabel('ポート番号').fill('25x');
    await form.getByLabel('暗号化').selectOption('none');
    await form.getByLabel('送信元アドレス').fill('callcenter@example.jp');
    await form.getByLabel('送信者名').fill('いわき市総合コールセンター（デモ）');
    await form.getByRole('button', { name: '保存' }).click();
    // A port that is not a number is named at the field, and nothing is saved.
    await expect
      .poll(() => form.getByRole('alert').first().textContent())
      .toContain('入力内容に誤りがあります');
    expect(await form.getByText('ポート番号を数字で入力してください').isVisible()).toBe(true);
    expect(await form.getByLabel('ポート番号').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(admin, 'console mail settings with an error');
    await form.getByLabel('ポート番号').fill(String(port));
    await form.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => form.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toContain('メール設定を保存しました');
    await expectNoAxeViolations(admin, 'console mail settings');

    const test = admin.locator('#test');
    await test.getByLabel('送信先アドレス').fill('kakunin.e2e@example.jp');
    await test.getByRole('button', { name: 'テスト送信' }).click();
    await expect.poll(() => test.getByRole('status').textContent(), { timeout: 30_000 }).toBeTruthy();
    const mail = await smtp.waitFor((m) => m.to.includes('kakunin.e2e@example.jp'), 30_000);
    expect(parseMail(mail.raw).from).toContain('callcenter@example.jp');
  } finally {
    await desk.close();
  }
}

describe('inquiry form on a phone', () => {
  it('is sent with the keyboard alone, gets a receipt number and an auto-reply, and reaches the console', async () => {
    await sendMailThrough(smtp.port);
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/c/iwaki/inquiry`);
      const opened = Date.now();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('お問い合わせ');
      await expectNoAxeViolations(page, 'inquiry form');

      // Keyboard only: Tab from field to field, type, Space for the checkbox, Enter to submit.
      await tabTo(page, 'inq-name');
      await page.keyboard.type('鈴木 春子');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('inq-nameKana');
      await page.keyboard.type('すずき はるこ');
      await page.keyboard.press('Tab');
      await page.keyboard.type('haruko.e2e@example'); // the domain is cut short: an error
      await page.keyboard.press('Tab');
      await page.keyboard.type('haruko.e2e@example.jp');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('inq-phone');
      await page.keyboard.type('090-0000-4321');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('inq-categoryId');
      for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
      expect(await page.locator('#inq-categoryId option:checked').textContent()).toBe('ごみ・環境');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('inq-body');
      await page.keyboard.type('家の前のごみ集積所のカラス除けネットが破れています。');
      await tabTo(page, 'inq-consent');
      await page.keyboard.press('Space');
      expect(await page.locator('#inq-consent').isChecked()).toBe(true);
      // A person takes longer than the form's minimum; wait out the rest if typing was quicker.
      await page.waitForTimeout(Math.max(0, 3500 - (Date.now() - opened)));
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');

      // The error: summarised at the top (with focus), by the field, and nothing typed is lost.
      await page.waitForSelector('.inq-error-summary');
      expect(await page.title()).toMatch(/^エラー：お問い合わせ/);
      expect(await page.evaluate('document.activeElement.className')).toBe('inq-error-summary');
      await expect
        .poll(() => page.locator('#inq-email-error').textContent())
        .toContain('メールアドレスの形式が正しくありません');
      expect(await page.locator('#inq-email').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#inq-email').getAttribute('aria-describedby')).toContain('inq-email-error');
      expect(await page.locator('#inq-name').inputValue()).toBe('鈴木 春子');
      expect(await page.locator('#inq-body').inputValue()).toBe(
        '家の前のごみ集積所のカラス除けネットが破れています。',
      );
      expect(await page.locator('#inq-consent').isChecked()).toBe(true);
      await expectNoAxeViolations(page, 'inquiry form with errors');

      // The summary's link leads to the field; put it right with the keyboard.
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.getAttribute("href")')).toBe('#inq-email');
      await tabTo(page, 'inq-email');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('haruko.e2e@example.jp');
      await tabTo(page, 'inq-consent');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');

      await page.waitForSelector('text=入力内容の確認');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('入力内容の確認');
      expect(await page.locator('.inq-review').textContent()).toContain('haruko.e2e@example.jp');
      await expectNoAxeViolations(page, 'inquiry confirmation');
      // 送信する is the first button after the review.
      await page.keyboard.press('Tab');
      for (
        let i = 0;
        i < 60 && (await page.evaluate('document.activeElement.textContent')) !== '送信する';
        i++
      )
        await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');

      await page.waitForSelector('.inq-receipt__number');
      expect(new URL(page.url()).pathname).toMatch(/^\/c\/iwaki\/inquiry\/receipt\/[\w-]+$/);
      const receipt = ((await page.locator('.inq-receipt__number').textContent()) ?? '').trim();
      expect(receipt).toMatch(/^W\d{8}-\d{4}$/);
      await expectNoAxeViolations(page, 'inquiry receipt');
      // A reload shows the same receipt (GET) and sends nothing.
      await page.reload();
      expect((await page.locator('.inq-receipt__number').textContent())?.trim()).toBe(receipt);

      // The auto-reply arrives at the loopback SMTP server, in Japanese.
      const mail = await smtp.waitFor((m) => m.to.includes('haruko.e2e@example.jp'), 30_000);
      const parsed = parseMail(mail.raw);
      expect(parsed.subject).toBe(
        `【いわき市総合コールセンター（デモ）】お問い合わせを受け付けました（受付番号 ${receipt}）`,
      );
      expect(parsed.text).toContain(`受付番号：${receipt}`);
      expect(parsed.text).not.toContain('カラス');

      // An operator finds it in the console's list (masked) and opens it.
      const desk = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
      });
      try {
        const staff = await signInConsole(desk, server.url, 'op01');
        await staff
          .getByRole('navigation', { name: 'メインメニュー' })
          .getByRole('link', { name: 'Web問合せ' })
          .click();
        const row = staff.getByRole('row', { name: new RegExp(receipt) });
        await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
        const text = (await row.textContent()) ?? '';
        expect(text).toContain('鈴木 ＊＊');
        expect(text).toContain('h＊＊＊@example.jp');
        expect(text).toContain('送信済み');
        expect(text).not.toContain('春子');
        await expectNoAxeViolations(staff, 'console inquiry list');
        await row.getByRole('link', { name: receipt }).click();
        await expect
          .poll(() => staff.getByText('家の前のごみ集積所').first().isVisible(), { timeout: 15_000 })
          .toBe(true);
        expect(await staff.getByText('haruko.e2e@example.jp').first().isVisible()).toBe(true);
      } finally {
        await desk.close();
      }
    } finally {
      await context.close();
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { demoPassword } from '../server/src/modules/centers/demo-data.ts';
import { type CliProcess, killAllCli, startCli } from '../server/src/testing/cli-process.ts';

export const chromiumPath = '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs (no background connections). */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface DemoServer {
  url: string;
  process: CliProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the product as `npm start` does (embedded database, demo data) on a fresh data directory. */
export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-'));
  const server = startCli(['serve', '--demo'], {
    MADOGUCHI_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  const match = await server.waitFor('stdout', /(http:\/\/localhost:\d+)\/console\//, 'demo banner', 120_000);
  return {
    url: match[1]!,
    process: server,
    dataDir,
    async stop() {
      server.kill('SIGTERM');
      await server.waitForExit('demo server stop', 30_000).catch(() => {});
      await killAllCli();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** axe-core with the WCAG 2.1 A/AA rules (JIS X 8341-3:2016 AA): the test fails listing every violation. */
export async function expectNoAxeViolations(page: Page, what: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe violations on ${what}`,
  ).toEqual([]);
}

/** Signs a demo account into the console in a new page of `context` and waits for the centre switcher. */
export async function signInConsole(
  context: BrowserContext,
  baseUrl: string,
  loginId: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel('ログインID', { exact: true }).fill(loginId);
  await page.getByLabel('パスワード', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect
    .poll(() => page.getByLabel('センター', { exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  return page;
}

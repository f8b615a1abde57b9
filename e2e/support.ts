import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
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

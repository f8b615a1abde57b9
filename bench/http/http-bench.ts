// HTTP benchmark of the public site (issue 4): requests per second and latency at 50 connections for an FAQ
// page, a category page and a search page, and, in the same run, raw node:http serving the same bytes from
// memory. Target: FAQ page ≥ 0.5 × raw.
//
// The product runs as it is deployed: `madoguchi serve --demo` in a child process, NODE_ENV=production,
// logging off, PGlite in a temporary data directory, HTTP only (PROCESS_ROLE=web: no job polling in the
// measurement). Each page is fetched once to capture its exact bytes and headers; a second child serves
// those from memory with node:http. autocannon runs here, with a warm-up before each measurement; product
// and raw alternate per page so that noise from other processes falls on both.
//
//   node bench/http/http-bench.ts [--duration=10] [--warmup=3] [--rounds=3] [--profile]   (one JSON line)
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { configSchema } from '../../server/src/config/config.ts';
import { monotonicMicros, type ProfileSummary, summariseProfile } from './profile.ts';
import type { CapturedResponse } from './raw-server.ts';

export const CONNECTIONS = 50;
export const TARGET_RATIO = 0.5;

export interface Measurement {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  latencyAverage: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export interface PageResult {
  name: 'faq' | 'category' | 'search';
  label: string;
  path: string;
  bytes: number;
  /** The best round of each (other processes on the machine only ever slow a server down). */
  product: Measurement;
  raw: Measurement;
  ratio: number;
  /** Product ÷ raw requests per second in each round, in the order run. */
  roundRatios: number[];
}

interface Round {
  product: Measurement;
  raw: Measurement;
  ratio: number;
}

const ratioOf = (product: Measurement, raw: Measurement) =>
  Math.round((product.requestsPerSecond / raw.requestsPerSecond) * 1000) / 1000;

export interface HttpBenchResult {
  startedAt: string;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  startupSeconds: number;
  pages: PageResult[];
  /** FAQ page ratio ≥ TARGET_RATIO. */
  targetMet: boolean;
  profile: (ProfileSummary & { page: PageResult['name']; cpuMicrosPerRequest: number }) | null;
}

const root = path.resolve(import.meta.dirname, '..', '..');
const cliEntry = path.join(root, 'server', 'src', 'cli', 'main.ts');
const rawEntry = path.join(import.meta.dirname, 'raw-server.ts');

interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function startChild(args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { process: child, output: () => out, exited };
}

async function waitFor(
  child: Child,
  pattern: RegExp,
  what: string,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(child.output());
    if (match) return match;
    if (child.process.exitCode !== null) throw new Error(`${what}: the process exited\n${child.output()}`);
    if (Date.now() > deadline)
      throw new Error(`${what}: not ready within ${timeoutMs} ms\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopChild(child: Child | null): Promise<void> {
  if (!child || child.process.exitCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 30_000);
  await child.exited;
  clearTimeout(timer);
}

/** The environment without any configuration key of the developer's, plus exactly what the run needs. */
function productEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(configSchema.shape)) delete env[key];
  return {
    ...env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    MADOGUCHI_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    PROCESS_ROLE: 'web',
  };
}

// Headers that belong to one connection or one moment, not to the page.
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

async function capture(url: string): Promise<CapturedResponse> {
  const response = await fetch(url, { redirect: 'manual' });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200)
    throw new Error(`${url}: ${response.status}\n${body.toString('utf8').slice(0, 500)}`);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (!PER_RESPONSE.has(key)) headers[key] = value;
  });
  return { status: response.status, headers, bodyBase64: body.toString('base64') };
}

/** The pages to measure, found the way a citizen finds them: the FAQ top's first category, a known FAQ. */
async function choosePages(
  base: string,
): Promise<{ name: PageResult['name']; label: string; path: string }[]> {
  const top = await (await fetch(`${base}/c/iwaki/faq/`)).text();
  const category = /href="(\/c\/iwaki\/faq\/category\/[^"?#]+)"/.exec(top)?.[1];
  if (!category) throw new Error('no category link on /c/iwaki/faq/');
  const feed = (await (await fetch(`${base}/api/v1/public/centers/iwaki/faqs?limit=500`)).json()) as {
    items: { faqId: string }[];
  };
  // IWK-0001 (住民票) when visible: a typical answer with categories, related FAQs and links.
  const faqId = feed.items.find((i) => i.faqId === 'IWK-0001')?.faqId ?? feed.items[0]?.faqId;
  if (!faqId) throw new Error('no visible FAQ in the demo centre');
  return [
    { name: 'faq', label: 'FAQ page', path: `/c/iwaki/faq/${faqId}` },
    { name: 'category', label: 'category page', path: category.replaceAll('&amp;', '&') },
    {
      name: 'search',
      label: 'search page',
      path: `/c/iwaki/faq/search?q=${encodeURIComponent('粗大ごみの出し方')}`,
    },
  ];
}

async function load(url: string, seconds: number): Promise<Measurement> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 30 });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyAverage: Math.round(result.latency.average * 100) / 100,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export interface HttpBenchOptions {
  durationSeconds?: number;
  warmupSeconds?: number;
  /** Times each page is measured (product and raw back to back); the best round of each is reported. */
  rounds?: number;
  /** Start the product with --cpu-prof and summarise where its time went on this page (true: the FAQ page). */
  profile?: boolean | PageResult['name'];
  /** Keep the raw .cpuprofile here (open it in Chrome DevTools for call trees). */
  profileOut?: string;
  log?: (line: string) => void;
}

export async function runHttpBench(options: HttpBenchOptions = {}): Promise<HttpBenchResult> {
  const duration = options.durationSeconds ?? 10;
  const warmup = options.warmupSeconds ?? 3;
  const roundCount = options.rounds ?? 3;
  const log = options.log ?? ((line: string) => console.error(line));
  const startedAt = new Date();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-http-bench-'));
  const profileDir = path.join(work, 'profile');
  let product: Child | null = null;
  let raw: Child | null = null;
  try {
    log('http: starting the product (demo data, PGlite, NODE_ENV=production) …');
    const started = performance.now();
    product = startChild(
      [
        ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
        cliEntry,
        'serve',
        '--demo',
      ],
      productEnv(path.join(work, 'data')),
    );
    const base = (
      await waitFor(product, /(http:\/\/localhost:\d+)\/console\//, 'product', 300_000)
    )[1]!.replace('localhost', '127.0.0.1');
    const startupSeconds = Math.round((performance.now() - started) / 100) / 10;
    const pages = await choosePages(base);
    const captured: Record<string, CapturedResponse> = {};
    for (const page of pages) captured[page.path] = await capture(`${base}${page.path}`);
    const capturedFile = path.join(work, 'captured.json');
    fs.writeFileSync(capturedFile, JSON.stringify(captured));
    raw = startChild([rawEntry, capturedFile], { ...process.env });
    const rawBase = `http://127.0.0.1:${(await waitFor(raw, /listening (\d+)/, 'raw server', 30_000))[1]}`;
    // The raw server answers with exactly the product's bytes.
    for (const page of pages) {
      const again = await capture(`${rawBase}${page.path}`);
      if (again.bodyBase64 !== captured[page.path]!.bodyBase64)
        throw new Error(`raw server differs: ${page.path}`);
    }

    // Rounds: each page's product and raw back to back (same background load on both), the page order
    // rotated per round. Background load only ever slows a server down, so each server's best round is its
    // estimate and the ratio is taken between those; every round's own ratio is listed too.
    const rounds = new Map<string, Round[]>(pages.map((p) => [p.name, []]));
    const profiledPage = typeof options.profile === 'string' ? options.profile : 'faq';
    const profileWindows: { startUs: number; endUs: number; requests: number }[] = [];
    for (let round = 0; round < roundCount; round++) {
      const order = pages.map((_, i) => pages[(i + round) % pages.length]!);
      for (const page of order) {
        const measure = async (which: string, url: string) => {
          log(
            `http: round ${round + 1}/${roundCount}, ${page.label} on ${which}: warm-up ${warmup} s, then ${duration} s at ${CONNECTIONS} connections`,
          );
          await load(url, warmup);
          const startUs = monotonicMicros();
          const m = await load(url, duration);
          if (page.name === profiledPage && url.startsWith(base))
            profileWindows.push({ startUs, endUs: monotonicMicros(), requests: m.requests });
          log(`  ${m.requestsPerSecond} req/s, p50 ${m.latencyP50} ms, p99 ${m.latencyP99} ms`);
          return m;
        };
        const product = await measure('the product', `${base}${page.path}`);
        const raw = await measure('raw node:http', `${rawBase}${page.path}`);
        rounds.get(page.name)!.push({ product, raw, ratio: ratioOf(product, raw) });
      }
    }
    const results: PageResult[] = pages.map((page) => {
      const all = rounds.get(page.name)!;
      const best = (pick: (r: Round) => Measurement) =>
        all.map(pick).reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
      const product = best((r) => r.product);
      const raw = best((r) => r.raw);
      return {
        ...page,
        bytes: Buffer.from(captured[page.path]!.bodyBase64, 'base64').length,
        product,
        raw,
        ratio: ratioOf(product, raw),
        roundRatios: all.map((r) => r.ratio),
      };
    });
    await stopChild(raw);
    raw = null;
    await stopChild(product);
    product = null;
    const summary = options.profile ? summariseProfile(profileDir, root, profileWindows) : null;
    const profiledRequests = profileWindows.reduce((sum, w) => sum + w.requests, 0);
    const profileSummary = summary
      ? {
          page: profiledPage,
          ...summary,
          cpuMicrosPerRequest: Math.round(summary.busyMicros / Math.max(1, profiledRequests)),
        }
      : null;
    if (options.profileOut) keepProfile(profileDir, options.profileOut);
    const faq = results.find((r) => r.name === 'faq')!;
    return {
      startedAt: startedAt.toISOString(),
      durationSeconds: duration,
      warmupSeconds: warmup,
      rounds: roundCount,
      connections: CONNECTIONS,
      startupSeconds,
      pages: results,
      targetMet: faq.ratio >= TARGET_RATIO,
      profile: profileSummary,
    };
  } finally {
    await stopChild(raw);
    await stopChild(product);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Copies the product's .cpuprofile out of the work directory before it is removed. */
function keepProfile(dir: string, out: string): void {
  const file = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
  if (file) fs.copyFileSync(path.join(dir, file), out);
}

/** `--profile` (the FAQ page) or `--profile=category|search`. */
export function profileArg(argv = process.argv): HttpBenchOptions['profile'] {
  const flag = argv.find((a) => a === '--profile' || a.startsWith('--profile='));
  if (!flag) return false;
  const page = flag.split('=')[1];
  if (page === undefined) return true;
  if (page !== 'faq' && page !== 'category' && page !== 'search')
    throw new Error('--profile=faq|category|search');
  return page;
}

if (import.meta.main) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const result = await runHttpBench({
    durationSeconds: Number(arg('duration') ?? 10),
    warmupSeconds: Number(arg('warmup') ?? 3),
    rounds: Number(arg('rounds') ?? 3),
    profile: profileArg(),
    ...(arg('profile-out') ? { profileOut: arg('profile-out')! } : {}),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

// `npm run bench`: the public pages over HTTP against raw node:http (bench/http/), then search quality
// against the baselines, then latency and memory at 2k, 20k and 100k FAQs (one child process per size), then
// docs/benchmarks.md. `--sizes=2000,20000` runs fewer sizes; `--only=search` or `--only=http` runs one part
// and keeps the other part's section of docs/benchmarks.md as it was.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { profileArg, runHttpBench } from './http/http-bench.ts';
import { renderHttpSection, splitHttpSection, withHttpSection } from './http/report.ts';
import type { LatencyResult } from './search/latency.ts';
import { runQuality } from './search/quality.ts';
import { renderReport } from './search/report.ts';

const startedAt = new Date();
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : [2000, 20_000, 100_000];
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only && only !== 'search' && only !== 'http') throw new Error('--only must be search or http');
const file = path.join(import.meta.dirname, '..', 'docs', 'benchmarks.md');
const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';

let httpSection = splitHttpSection(previous).section;
if (only !== 'search') {
  const http = await runHttpBench({ profile: profileArg() });
  httpSection = renderHttpSection(http);
  const faq = http.pages.find((p) => p.name === 'faq')!;
  console.log(`http: FAQ page ${faq.ratio.toFixed(2)} × raw (target ${http.targetMet ? 'met' : 'not met'})`);
}
if (only === 'http') {
  fs.writeFileSync(file, withHttpSection(previous, httpSection));
  console.log(`wrote ${path.relative(process.cwd(), file)} (HTTP section)`);
  process.exit(0);
}

const quality = await runQuality();
const latency: LatencyResult[] = [];
for (const size of sizes) {
  console.log(`latency: ${size.toLocaleString('en')} FAQs …`);
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      path.join(import.meta.dirname, 'search', 'latency.ts'),
      String(size),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 2 ** 20 },
  );
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as LatencyResult;
  console.log(
    `  build ${(result.buildMs / 1000).toFixed(1)} s, query p95 ${result.query.p95} ms, suggest p95 ${result.suggest.p95} ms, RSS ${result.rssMB} MB`,
  );
  latency.push(result);
}

fs.writeFileSync(
  file,
  withHttpSection(
    renderReport(quality, latency, startedAt, (Date.now() - startedAt.getTime()) / 1000),
    httpSection,
  ),
);
console.log(`wrote ${path.relative(process.cwd(), file)}`);

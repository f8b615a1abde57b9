// `npm test`: builds the console (the browser flows need it), runs every vitest project and checks what ran.
// Under CI (CI=true) a suite that must run — PostgreSQL, browser — counts as a failure when it did not run or
// anything was skipped, so that a missing service can never turn into a green run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reportFile = path.join(root, '.tmp', 'vitest-report.json');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const extraArgs = process.argv.slice(2);

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

if (!extraArgs.includes('--no-build') && run('npm', ['run', 'build', '-w', 'console']) !== 0) {
  console.error('test: console build failed');
  process.exit(1);
}
fs.mkdirSync(path.dirname(reportFile), { recursive: true });
fs.rmSync(reportFile, { force: true });
const vitestArgs = [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportFile}`,
  ...extraArgs.filter((a) => a !== '--no-build'),
];
const status = run(path.join(root, 'node_modules', '.bin', 'vitest'), vitestArgs);

interface Report {
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { status: string; fullName: string }[];
  }[];
}
if (!fs.existsSync(reportFile)) {
  console.error('test: vitest wrote no report');
  process.exit(status || 1);
}
const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report;
const counts = { passed: 0, failed: 0, skipped: 0 };
const perSuite = new Map<string, number>();
const problems: string[] = [];
for (const file of report.testResults) {
  const suite = /\.pg\.test\.ts$/.test(file.name)
    ? 'postgres-only'
    : /\/e2e\//.test(file.name)
      ? 'e2e'
      : 'other';
  if (file.status === 'failed' && file.assertionResults.length === 0) {
    counts.failed++;
    problems.push(`${path.relative(root, file.name)} failed to run: ${file.message?.split('\n')[0] ?? ''}`);
  }
  for (const test of file.assertionResults) {
    if (test.status === 'passed') {
      counts.passed++;
      perSuite.set(suite, (perSuite.get(suite) ?? 0) + 1);
    } else if (test.status === 'failed') counts.failed++;
    else {
      counts.skipped++;
      if (ci) problems.push(`skipped under CI: ${test.fullName} (${path.relative(root, file.name)})`);
    }
  }
}
if (ci) {
  if (!process.env.TEST_DATABASE_URL)
    problems.push('TEST_DATABASE_URL is not set: the PostgreSQL suites did not run');
  if (!perSuite.get('postgres-only')) problems.push('no PostgreSQL-only suite passed');
  if (!perSuite.get('e2e')) problems.push('no browser (e2e) test passed');
}
for (const p of problems) console.error(`test: ${p}`);
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(status !== 0 || counts.failed > 0 || problems.length > 0 ? 1 : 0);

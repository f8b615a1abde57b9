#!/usr/bin/env node
// The `madoguchi` command. The CLI is TypeScript run by Node's type stripping (Node ≥ 22.18); an older
// `node` on the PATH (Debian's is 20) hands over to the Node the project installs from npm.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli/main.ts');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 18)) {
  const { runCli } = await import(pathToFileURL(entry).href);
  await runCli(process.argv);
} else {
  const require = createRequire(import.meta.url);
  const nodeBin = path.join(path.dirname(require.resolve('node/package.json')), 'bin', 'node');
  const child = spawnSync(nodeBin, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

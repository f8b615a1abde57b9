// `npm start`: the demo on the embedded database. Refuses at once when another process holds the data
// directory — before rebuilding the console that process is serving — then builds the console and serves.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../server/src/cli/main.ts';
import { loadConfig } from '../server/src/config/config.ts';
import { assertDataDirFree, DataDirLockedError } from '../server/src/platform/db/data-dir-lock.ts';

const root = path.resolve(import.meta.dirname, '..');
try {
  const config = loadConfig();
  if (config.databaseKind === 'pglite') assertDataDirFree(config.dataDir);
} catch (error) {
  if (error instanceof DataDirLockedError) {
    process.stderr.write(`madoguchi: ${error.message}\n`);
    process.exit(3);
  }
  // Configuration errors are reported by the CLI below, in its words.
}
const build = spawnSync('npm', ['run', 'build', '-w', 'console'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await runCli([process.argv[0]!, 'madoguchi', 'serve', '--demo', ...process.argv.slice(2)]);

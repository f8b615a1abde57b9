import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema } from '../config/config.ts';

/** The CLI entry, run by Node's type stripping as `bin/madoguchi.js` does. */
export const cliEntry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cli/main.ts');

/**
 * A Node that strips types (≥ 22.18): the one running the tests, or the one the project installs from npm.
 * The child is spawned directly (not through `bin/madoguchi.js`, which would hand over to a grandchild) so
 * that a signal sent to it reaches the CLI itself.
 */
function nodeBinary(): string {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 18)) return process.execPath;
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('node/package.json')), 'bin', 'node');
}

/**
 * The test runner's environment without any configuration key (vitest sets NODE_ENV, a developer may have
 * DATABASE_URL exported): each child gets exactly the configuration the test passes.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [...Object.keys(configSchema.shape), 'MADOGUCHI_PASSWORD']) delete base[key];
  return { ...base, LOG_LEVEL: 'warn', NO_COLOR: '1', ...env };
}

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliProcess {
  child: ChildProcess;
  pid: number;
  /** Everything written so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Settles when the process has exited (never rejects). */
  exited: Promise<CliExit>;
  /** Resolves with the first match of `pattern` in the stream; fails with the output so far after `timeoutMs`. */
  waitFor(
    stream: 'stdout' | 'stderr',
    pattern: RegExp,
    what: string,
    timeoutMs: number,
  ): Promise<RegExpMatchArray>;
  /** Resolves with the first truthy `probe(output)`, tried on each new output; fails like `waitFor`. */
  waitUntil<T>(
    stream: 'stdout' | 'stderr',
    probe: (output: string) => T | null | undefined | false,
    what: string,
    timeoutMs: number,
  ): Promise<T>;
  /** Resolves with the exit; kills the process and fails after `timeoutMs`. */
  waitForExit(what: string, timeoutMs: number): Promise<CliExit>;
  /** Sends SIGKILL unless the process has already exited. */
  kill(signal?: NodeJS.Signals): void;
}

const running = new Set<CliProcess>();

/** Starts `madoguchi <args>` as a child process with the given configuration. */
export function startCli(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(nodeBinary(), [cliEntry, ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start madoguchi ${args.join(' ')}`);
  const out = { stdout: '', stderr: '' };
  let exit: CliExit | null = null;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out.stdout += chunk;
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out.stderr += chunk;
    notify();
  });
  const exited = new Promise<CliExit>((resolve) => {
    child.once('close', (code, signal) => {
      exit = { code, signal };
      running.delete(handle);
      resolve(exit);
      notify();
    });
  });
  const describe = () =>
    `madoguchi ${args.join(' ')} (pid ${child.pid}${exit ? `, exited code=${exit.code} signal=${exit.signal}` : ''})\n` +
    `--- stdout ---\n${out.stdout.slice(-4000)}\n--- stderr ---\n${out.stderr.slice(-4000)}`;

  const handle: CliProcess = {
    child,
    pid: child.pid,
    get stdout() {
      return out.stdout;
    },
    get stderr() {
      return out.stderr;
    },
    exited,
    waitFor(stream, pattern, what, timeoutMs) {
      return handle.waitUntil(stream, (output) => output.match(pattern), what, timeoutMs);
    },
    waitUntil(stream, probe, what, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const value = probe(out[stream]);
          if (value) return done(() => resolve(value));
          if (exit) return done(() => reject(new Error(`${what}: the process exited first\n${describe()}`)));
        };
        const timer = setTimeout(
          () =>
            done(() =>
              reject(new Error(`${what}: not seen on ${stream} within ${timeoutMs / 1000} s\n${describe()}`)),
            ),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async waitForExit(what, timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const message = `${what}: did not exit within ${timeoutMs / 1000} s (killed)\n${describe()}`;
          child.kill('SIGKILL');
          reject(new Error(message));
        }, timeoutMs);
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill(signal = 'SIGKILL') {
      if (!exit) child.kill(signal);
    },
  };
  running.add(handle);
  return handle;
}

export interface CliResult extends CliExit {
  stdout: string;
  stderr: string;
}

/** Runs `madoguchi <args>` to completion (killed and failed after `timeoutMs`). */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<CliResult> {
  const cli = startCli(args, env);
  const exit = await cli.waitForExit(`madoguchi ${args.join(' ')}`, timeoutMs);
  return { ...exit, stdout: cli.stdout, stderr: cli.stderr };
}

/** Kills every CLI process still running and waits for them to go; for afterAll / afterEach. */
export async function killAllCli(): Promise<void> {
  const left = [...running];
  for (const cli of left) cli.kill('SIGKILL');
  await Promise.all(left.map((cli) => cli.exited));
}

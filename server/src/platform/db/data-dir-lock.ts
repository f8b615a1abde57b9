import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Raised when another live process holds the embedded database directory. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `データディレクトリ ${dataDir} は別のプロセス (PID ${pid}) が使用中です。` +
        `同じデータディレクトリを二つのプロセスで開くことはできません（データ破損の防止）。\n` +
        `The data directory ${dataDir} is in use by process ${pid}; stop it first or set MADOGUCHI_DATA_DIR.\n` +
        `（madoguchi のプロセスが動いていないのにこの表示が出る場合は ${path.join(dataDir, 'madoguchi.lock')} を削除してください。）`,
    );
    this.pid = pid;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): number | null {
  try {
    return (JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number }).pid;
  } catch {
    // Missing, or unreadable (half-written by a crash): nobody holds it.
    return null;
  }
}

/** Throws `DataDirLockedError` if another live process holds the directory; takes nothing. */
export function assertDataDirFree(dataDir: string): void {
  const holder = readHolder(path.join(dataDir, 'madoguchi.lock'));
  if (holder !== null && holder !== process.pid && isAlive(holder))
    throw new DataDirLockedError(dataDir, holder);
}

/**
 * Takes an exclusive lock on an embedded database directory. Opening one PGlite directory from two
 * processes silently lost committed rows in a test, so a second process must be refused before it
 * touches the files. A lock left by a killed process (its PID no longer alive) is taken over.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'madoguchi.lock');
  const content = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, content, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          const holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number };
          if (holder.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holderPid = readHolder(lockPath);
      if (holderPid !== null && holderPid !== process.pid && isAlive(holderPid)) {
        throw new DataDirLockedError(dataDir, holderPid);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

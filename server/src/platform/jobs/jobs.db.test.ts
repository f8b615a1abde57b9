import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { defineJob, type JobDefinition, type JobRunner, startJobs, UnrecoverableJobError } from './index.ts';
import { pgBossDatabase } from './jobs.ts';

let database: TestDatabase;
const runners: JobRunner[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});
afterAll(async () => {
  await database.drop();
});

// biome-ignore lint/suspicious/noExplicitAny: definitions of several payload types
async function start(definitions: JobDefinition<any>[], work: boolean, logger?: pino.Logger) {
  const runner = await startJobs(database, definitions, {
    work,
    pollingIntervalSeconds: 0.5,
    ...(logger ? { logger } : {}),
  });
  runners.push(runner);
  return runner;
}

async function statusOf(runner: JobRunner, name: string) {
  const entry = (await runner.status()).find((s) => s.name === name);
  if (!entry) throw new Error(`no status for ${name}`);
  return entry;
}

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('jobs', () => {
  it('works a sent job and shows its output in status', async () => {
    const seen: { payload: unknown; attempt: number }[] = [];
    const jobs = await start(
      [
        defineJob({
          name: 't1.greet',
          description: '挨拶',
          payload: z.object({ centreId: z.string(), times: z.number().int().default(1) }),
          handler: async (payload, { attempt }) => {
            seen.push({ payload, attempt });
            return { greeted: payload.centreId.repeat(payload.times) };
          },
        }),
      ],
      true,
    );
    const id = await jobs.send('t1.greet', { centreId: 'ab', times: 2 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const status = await waitFor(async () => {
      const s = await statusOf(jobs, 't1.greet');
      return s.completed === 1 && s;
    }, 'completion');
    expect(seen).toEqual([{ payload: { centreId: 'ab', times: 2 }, attempt: 1 }]);
    expect(status).toMatchObject({
      name: 't1.greet',
      description: '挨拶',
      schedule: null,
      queued: 0,
      active: 0,
      failed: 0,
    });
    expect(status.lastRun).toMatchObject({ state: 'completed', output: { greeted: 'abab' } });
    expect(Date.parse(status.lastRun?.startedAt ?? '')).toBeLessThanOrEqual(
      Date.parse(status.lastRun?.completedAt ?? ''),
    );
  });

  it('retries a failing handler, then marks the job failed and logs each failure', async () => {
    const attempts: number[] = [];
    const { logger, lines } = capturingLogger();
    const jobs = await start(
      [
        defineJob({
          name: 't2.flaky',
          description: '失敗する',
          payload: z.object({}),
          retryLimit: 1,
          retryDelaySeconds: 0,
          handler: async (_payload, { attempt }) => {
            attempts.push(attempt);
            throw new Error(`mail server refused (attempt ${attempt})`);
          },
        }),
      ],
      true,
      logger,
    );
    await jobs.send('t2.flaky', {});

    const failedRetrying = await waitFor(async () => {
      const s = await statusOf(jobs, 't2.flaky');
      return s.lastRun?.state === 'retry' && s;
    }, 'the first failure');
    expect(failedRetrying).toMatchObject({ queued: 1, failed: 0 });
    expect(failedRetrying.lastRun?.output).toEqual({ message: 'mail server refused (attempt 1)' });

    const status = await waitFor(async () => {
      const s = await statusOf(jobs, 't2.flaky');
      return s.failed === 1 && s;
    }, 'the final failure');
    expect(attempts).toEqual([1, 2]);
    expect(status).toMatchObject({ queued: 0, active: 0, completed: 0 });
    expect(status.lastRun).toMatchObject({
      state: 'failed',
      output: { message: 'mail server refused (attempt 2)' },
    });
    const failures = lines.filter((l) => l.job === 't2.flaky' && String(l.msg).startsWith('job failed'));
    expect(failures.map((l) => [l.attempt, l.willRetry, l.level])).toEqual([
      [1, true, 40],
      [2, false, 50],
    ]);
  });

  it('fails at once, without retries, on UnrecoverableJobError', async () => {
    let calls = 0;
    const jobs = await start(
      [
        defineJob({
          name: 't3.gone',
          description: '対象なし',
          payload: z.object({}),
          retryLimit: 3,
          retryDelaySeconds: 0,
          handler: async () => {
            calls++;
            throw new UnrecoverableJobError('interaction 42 no longer exists');
          },
        }),
      ],
      true,
    );
    await jobs.send('t3.gone', {});
    const status = await waitFor(async () => {
      const s = await statusOf(jobs, 't3.gone');
      return s.failed === 1 && s;
    }, 'failure');
    expect(calls).toBe(1);
    expect(status.lastRun?.output).toEqual({ message: 'interaction 42 no longer exists' });
  });

  it('fails a job that outlives expireInSeconds and aborts its signal', async () => {
    let aborted: boolean | null = null;
    const jobs = await start(
      [
        defineJob({
          name: 't3.slow',
          description: '時間切れ',
          payload: z.object({}),
          retryLimit: 0,
          expireInSeconds: 1,
          handler: async (_payload, { signal }) => {
            await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
            aborted = signal.aborted;
            return 'too late';
          },
        }),
      ],
      true,
    );
    await jobs.send('t3.slow', {});
    const status = await waitFor(async () => {
      const s = await statusOf(jobs, 't3.slow');
      return s.failed === 1 && s;
    }, 'expiry');
    expect(status.lastRun?.output).toEqual({ message: 'handler execution exceeded 1s' });
    await waitFor(async () => aborted !== null, 'the handler to notice');
    expect(aborted).toBe(true);
  });

  it('keeps the database usable after a failed pg-boss transaction block', async () => {
    const bossDb = pgBossDatabase(database);
    await expect(bossDb.executeSql('BEGIN; SELECT 1; SELECT 1/0; COMMIT;')).rejects.toThrow(
      /division by zero/,
    );
    expect(await database.query('select 1 as one')).toEqual([{ one: 1 }]);
    expect((await bossDb.executeSql('select $1::text as v', ['x'])).rows).toEqual([{ v: 'x' }]);
  });

  it('rejects a bad payload on send, naming the field, and queues nothing', async () => {
    const jobs = await start(
      [
        defineJob({
          name: 't4.strict',
          description: '厳格',
          payload: z.object({ centreId: z.string(), at: z.iso.datetime() }),
          handler: async () => null,
        }),
        defineJob({
          name: 't4.dates',
          description: '日付',
          payload: z.object({ at: z.date() }),
          handler: async () => null,
        }),
      ],
      false,
    );
    await expect(jobs.send('t4.strict', { centreId: 7, at: '2025-04-01T00:00:00Z' })).rejects.toThrow(
      /Invalid payload for job "t4\.strict": centreId: /,
    );
    await expect(jobs.send('t4.strict', { centreId: 'c1', at: 'tomorrow' })).rejects.toMatchObject({
      name: 'JobPayloadError',
      fields: ['at'],
    });
    // Valid in memory, but the worker would read back a string from the stored JSON.
    await expect(jobs.send('t4.dates', { at: new Date() })).rejects.toThrow(/"t4\.dates": at: /);
    await expect(jobs.send('t4.unknown', {})).rejects.toThrow(/Unknown job "t4\.unknown"/);
    expect(await statusOf(jobs, 't4.strict')).toMatchObject({ queued: 0, lastRun: null });
  });

  it('fails a job whose stored payload no longer fits the schema, with a clear message and no retries', async () => {
    let calls = 0;
    // An older version of the code sent a different payload shape.
    const old = await start(
      [
        defineJob({
          name: 't5.reshaped',
          description: '旧',
          payload: z.object({ centre: z.string() }),
          handler: async () => null,
        }),
      ],
      false,
    );
    await old.send('t5.reshaped', { centre: 'c1' });
    const jobs = await start(
      [
        defineJob({
          name: 't5.reshaped',
          description: '新',
          payload: z.object({ centreId: z.string() }),
          retryLimit: 3,
          handler: async () => {
            calls++;
          },
        }),
      ],
      true,
    );
    // The queue existed with the default retry limit; the new definition's limit replaces it.
    expect(await database.query(`select retry_limit from pgboss.queue where name = 't5.reshaped'`)).toEqual([
      { retry_limit: 3 },
    ]);
    const status = await waitFor(async () => {
      const s = await statusOf(jobs, 't5.reshaped');
      return s.failed === 1 && s;
    }, 'failure');
    expect(calls).toBe(0);
    expect(status.lastRun?.output).toEqual({
      message: expect.stringMatching(/^Stored payload of job "t5\.reshaped" is invalid: centreId: /),
    });
  });

  it('lets a web-only runner send without processing; a worker then does the work', async () => {
    const handled: string[] = [];
    const definition = defineJob({
      name: 't6.mail',
      description: 'メール送信',
      payload: z.object({ to: z.string() }),
      handler: async ({ to }) => {
        handled.push(to);
      },
    });
    const web = await start([definition], false);
    await web.send('t6.mail', { to: 'a@example.jp' });
    // Four polling intervals of a worker, had one been started.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(handled).toEqual([]);
    expect(await statusOf(web, 't6.mail')).toMatchObject({ queued: 1, active: 0, completed: 0 });

    const worker = await start([definition], true);
    await waitFor(async () => (await statusOf(web, 't6.mail')).completed === 1, 'the worker');
    expect(handled).toEqual(['a@example.jp']);
    await worker.stop();
  });

  it('registers schedules in Asia/Tokyo only in a working process, and runs a scheduled job on demand', async () => {
    const runs: unknown[] = [];
    const definitions = [
      defineJob({
        name: 't7.purge',
        description: '監査ログの保存期間を過ぎた記録を削除',
        schedule: '15 3 * * *',
        payload: z.object({ olderThanDays: z.number().default(365) }),
        handler: async (payload) => {
          runs.push(payload);
          return { deleted: 0 };
        },
      }),
      defineJob({ name: 't7.adhoc', description: '随時', payload: z.object({}), handler: async () => null }),
    ];
    const schedules = () =>
      database.query<{ name: string; cron: string; timezone: string }>(
        `select name, cron, timezone from pgboss.schedule where name like 't7.%'`,
      );
    const web = await start(definitions, false);
    expect(await schedules()).toEqual([]);

    const worker = await start(definitions, true);
    expect(await schedules()).toEqual([{ name: 't7.purge', cron: '15 3 * * *', timezone: 'Asia/Tokyo' }]);
    expect((await statusOf(web, 't7.purge')).schedule).toBe('15 3 * * *');

    await web.runNow('t7.purge');
    await waitFor(async () => (await statusOf(web, 't7.purge')).completed === 1, 'the run');
    expect(runs).toEqual([{ olderThanDays: 365 }]);
    await expect(web.runNow('t7.adhoc')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(web.runNow('t7.nothing')).rejects.toMatchObject({ code: 'not_found' });
    await worker.stop();

    // A schedule dropped from the definitions is removed when a worker starts.
    const [purge] = definitions;
    await start([{ ...purge!, schedule: undefined } as JobDefinition<unknown>, definitions[1]!], true);
    expect(await schedules()).toEqual([]);
  });

  it('deduplicates by singletonKey under the short policy and refuses a key on a standard queue', async () => {
    const jobs = await start(
      [
        defineJob({
          name: 't8.reindex',
          description: '再索引',
          policy: 'short',
          payload: z.object({}),
          handler: async () => null,
        }),
        defineJob({
          name: 't8.plain',
          description: '通常',
          payload: z.object({}),
          handler: async () => null,
        }),
      ],
      false,
    );
    expect(await jobs.send('t8.reindex', {}, { singletonKey: 'centre-1' })).toEqual(expect.any(String));
    expect(await jobs.send('t8.reindex', {}, { singletonKey: 'centre-1' })).toBeNull();
    expect(await jobs.send('t8.reindex', {}, { singletonKey: 'centre-2' })).toEqual(expect.any(String));
    await expect(jobs.send('t8.plain', {}, { singletonKey: 'x' })).rejects.toThrow(
      /singletonKey has no effect/,
    );
    expect((await statusOf(jobs, 't8.reindex')).queued).toBe(2);
    await expect(
      startJobs(
        database,
        [
          defineJob({
            name: 't8.plain',
            description: '通常',
            policy: 'stately',
            payload: z.object({}),
            handler: async () => null,
          }),
        ],
        { work: false },
      ),
    ).rejects.toThrow(/exists with policy "standard" but is defined with "stately"/);
  });

  it('stop() waits for a running handler to finish', async () => {
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const jobs = await start(
      [
        defineJob({
          name: 't9.slow',
          description: '遅い',
          payload: z.object({}),
          handler: async () => {
            started();
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            return 'finished';
          },
        }),
      ],
      true,
    );
    await jobs.send('t9.slow', {});
    await running;
    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(stopped).toBe(false);
    release();
    await stopping;
    const observer = await start(
      [defineJob({ name: 't9.slow', description: '遅い', payload: z.object({}), handler: async () => null })],
      false,
    );
    expect(await statusOf(observer, 't9.slow')).toMatchObject({
      completed: 1,
      lastRun: { state: 'completed', output: 'finished' },
    });
  });

  it('leaves nothing running after stop(): a process that worked a job exits by itself', async () => {
    const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'jobs-exit.fixture.ts');
    const child = spawn(process.execPath, [fixture, ...(database.url ? [database.url] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const code = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('still running 20 s after start');
      }, 20_000);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode ?? 'killed');
      });
    });
    expect({ code, output }).toEqual({ code: 0, output: 'stopped\n' });
  });
});

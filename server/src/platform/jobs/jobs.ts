import type { JobQueueStatus } from '@madoguchi/contracts';
import { type Db, PgBoss, type Queue, type QueuePolicy } from 'pg-boss';
import { type Logger, pino } from 'pino';
import type { z } from 'zod';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../http/errors.ts';

/** A background job: its queue, its payload schema, its retry policy and optionally a cron schedule. */
export interface JobDefinition<P = unknown> {
  /** Queue name, e.g. `audit.purge` (letters, digits, `_`, `-`, `.`). */
  name: string;
  /** Japanese text shown in the console, e.g. `監査ログの保存期間を過ぎた記録を削除`. */
  description: string;
  /** Cron expression evaluated in Asia/Tokyo; a scheduled job's payload schema must accept `{}`. */
  schedule?: string;
  /** Validated on send and again before the handler runs; must describe JSON (it is stored as jsonb). */
  payload: z.ZodType<P>;
  /** Retries after the first attempt (default 2). */
  retryLimit?: number;
  /** Base delay before a retry; exponential backoff with jitter is added on top (default 30). */
  retryDelaySeconds?: number;
  /** A handler still running after this long is failed (and retried) (default 900). */
  expireInSeconds?: number;
  /**
   * pg-boss queue policy (default `standard`). `singletonKey` only deduplicates under `short` (one queued
   * job per key), `singleton` (one active), `stately` (one queued and one active) or `exclusive`.
   */
  policy?: 'standard' | 'short' | 'singleton' | 'stately' | 'exclusive';
  /** The work itself; the value it returns is stored as the job's output and shown in status. */
  handler: (payload: P, context: JobContext) => Promise<unknown>;
}

/** What a handler knows about the run in progress. */
export interface JobContext {
  jobId: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** Aborted when the job expires (`expireInSeconds`): long handlers should stop then. */
  signal: AbortSignal;
}

/** The job system of one process. */
export interface JobRunner {
  /**
   * Validates the payload and enqueues it; null when a queue policy refused a duplicate `singletonKey`.
   * Not part of the caller's transaction — and on PGlite it must not be called inside
   * `database.transaction` (it would wait for that transaction to end).
   */
  send<P>(name: string, payload: P, options?: SendJobOptions): Promise<string | null>;
  /** One entry per defined queue: job counts by state (jobs pg-boss still keeps) and the last run. */
  status(): Promise<JobQueueStatus[]>;
  /** Enqueues a scheduled job now, as its schedule would (admin action); AppError for other names. */
  runNow(name: string): Promise<string | null>;
  /** Stops fetching, waits for running handlers (up to the timeout given to startJobs), then returns. */
  stop(): Promise<void>;
}

/** Options of JobRunner.send. */
export interface SendJobOptions {
  startAfter?: Date;
  singletonKey?: string;
}

/** Options of startJobs. */
export interface StartJobsOptions {
  /** Run handlers and schedules in this process; false for a web-only process, which only sends. */
  work: boolean;
  logger?: Logger;
  /** How often an idle worker looks for new jobs (default 2, minimum 0.5). */
  pollingIntervalSeconds?: number;
  /** How long stop() waits for running handlers before failing them (default 30). */
  stopTimeoutSeconds?: number;
}

/** Thrown by send when the payload does not match the job's schema; `fields` names the offending paths. */
export class JobPayloadError extends Error {
  readonly jobName: string;
  readonly fields: string[];
  constructor(jobName: string, issues: readonly z.core.$ZodIssue[]) {
    super(`Invalid payload for job "${jobName}": ${describeIssues(issues)}`);
    this.name = 'JobPayloadError';
    this.jobName = jobName;
    this.fields = issues.map((issue) => pathOf(issue));
  }
}

/** Throw from a handler when retrying cannot help (e.g. the record it works on is gone): the job fails at once. */
export class UnrecoverableJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnrecoverableJobError';
  }
}

const TIMEZONE = 'Asia/Tokyo';
const BOSS_SCHEMA = 'pgboss';
// Without a cap, backoff reaches 2^16 s (18 h) by the 16th retry.
const RETRY_DELAY_MAX_SECONDS = 3600;
const DEFAULT_RETRY_LIMIT = 2;
const DEFAULT_RETRY_DELAY_SECONDS = 30;
const DEFAULT_EXPIRE_SECONDS = 15 * 60;

/** Helps TypeScript infer a handler's payload type from the zod schema. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/**
 * Starts the single pg-boss instance of this process on the app's database (PGlite or PostgreSQL), creates or
 * updates a queue per definition and, when `work` is set, registers the schedules and the handlers.
 */
export async function startJobs(
  database: Database,
  // biome-ignore lint/suspicious/noExplicitAny: each definition has its own payload type
  definitions: JobDefinition<any>[],
  options: StartJobsOptions,
): Promise<JobRunner> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const byName = new Map<string, JobDefinition<unknown>>();
  for (const definition of definitions) {
    if (byName.has(definition.name)) throw new Error(`Job "${definition.name}" is defined twice`);
    if (definition.schedule) {
      const parsed = definition.payload.safeParse({});
      if (!parsed.success) {
        throw new Error(
          `Scheduled job "${definition.name}" must accept an empty payload: ${describeIssues(parsed.error.issues)}`,
        );
      }
    }
    byName.set(definition.name, definition);
  }

  const boss = new PgBoss({
    db: pgBossDatabase(database),
    schema: BOSS_SCHEMA,
    // A web-only process must not run cron, expire jobs or purge them: the worker processes do.
    schedule: options.work,
    supervise: options.work,
    // Maintenance (deleting old jobs) is cheap; hourly keeps the table small on an embedded database.
    maintenanceIntervalSeconds: 3600,
  });
  // An 'error' event without a listener would crash the process.
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  boss.on('warning', (warning) => logger.warn({ data: warning.data }, warning.message));
  await boss.start();

  try {
    await syncQueues(boss, [...byName.values()]);
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }

  const workerIds = new Map<string, string>();
  if (options.work) {
    await syncSchedules(boss, [...byName.values()]);
    for (const definition of byName.values()) {
      const workerId = await boss.work<unknown>(
        definition.name,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        async ([job]) => {
          if (!job) return null;
          return await runHandler(definition, job, database, logger);
        },
      );
      workerIds.set(definition.name, workerId);
    }
  }

  function getDefinition(name: string): JobDefinition<unknown> {
    const definition = byName.get(name);
    if (!definition) throw new Error(`Unknown job "${name}"`);
    return definition;
  }

  let stopping: Promise<void> | null = null;

  async function send(
    name: string,
    payload: unknown,
    sendOptions: SendJobOptions = {},
  ): Promise<string | null> {
    const definition = getDefinition(name);
    const data = checkPayload(definition, payload);
    if (sendOptions.singletonKey !== undefined && (definition.policy ?? 'standard') === 'standard') {
      throw new Error(`Job "${name}" has the standard queue policy, under which singletonKey has no effect`);
    }
    const id = await boss.send(name, data as object, {
      ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
      ...(sendOptions.singletonKey !== undefined ? { singletonKey: sendOptions.singletonKey } : {}),
    });
    // A local worker starts at once instead of at its next poll.
    const workerId = workerIds.get(name);
    if (id && workerId && !sendOptions.startAfter) boss.notifyWorker(workerId);
    logger.debug({ job: name, jobId: id }, id ? 'job queued' : 'job not queued: duplicate singleton key');
    return id;
  }

  return {
    send,

    async status() {
      return await readStatus(database, [...byName.values()]);
    },

    async runNow(name) {
      const definition = byName.get(name);
      if (!definition) throw notFound('ジョブ');
      if (!definition.schedule)
        throw new AppError('bad_request', `${name} は定期ジョブではないため、今すぐ実行できません。`);
      return await send(name, {});
    },

    stop() {
      stopping ??= boss.stop({ graceful: true, timeout: (options.stopTimeoutSeconds ?? 30) * 1000 });
      return stopping;
    },
  };
}

/**
 * The `db` pg-boss runs on (exported for tests; not in index.ts). pg-boss talks to the app's own database
 * handle, so there is one connection pool per process and PGlite works.
 * Its transaction blocks (`BEGIN; …; COMMIT;`, sent without parameters) need PGlite's `exec`, which allows
 * several statements; everything else goes through `query`, which returns rows. pg-boss only reads rows of the
 * single statements (the multi-statement ones feed a queue-size warning at most).
 */
export function pgBossDatabase(database: Database): Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if ((!values || values.length === 0) && /^\s*BEGIN\s*;/i.test(text)) {
        try {
          await database.exec(text);
        } catch (error) {
          // A failed statement leaves PGlite's one connection inside an aborted transaction, which would
          // break every later query of the app; PostgreSQL's pool discards such a connection itself.
          if (database.kind === 'pglite') await database.exec('ROLLBACK').catch(() => {});
          throw error;
        }
        return { rows: [] };
      }
      return { rows: await database.query(text, values ?? []) };
    },
  };
}

function queueOptions(definition: JobDefinition<unknown>): Omit<Queue, 'name'> & { policy: QueuePolicy } {
  return {
    policy: definition.policy ?? 'standard',
    retryLimit: definition.retryLimit ?? DEFAULT_RETRY_LIMIT,
    retryDelay: definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    retryDelayMax: RETRY_DELAY_MAX_SECONDS,
    expireInSeconds: definition.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
  };
}

/** Creates missing queues and brings the retry settings of existing ones in line with the definitions. */
async function syncQueues(boss: PgBoss, definitions: JobDefinition<unknown>[]): Promise<void> {
  const existing = new Map((await boss.getQueues()).map((queue) => [queue.name, queue]));
  for (const definition of definitions) {
    const wanted = queueOptions(definition);
    const queue = existing.get(definition.name);
    if (!queue) {
      // Idempotent (ON CONFLICT DO NOTHING): several processes may start together.
      await boss.createQueue(definition.name, wanted);
      continue;
    }
    if (queue.policy !== wanted.policy) {
      throw new Error(
        `Queue "${definition.name}" exists with policy "${queue.policy}" but is defined with "${wanted.policy}"; ` +
          'pg-boss cannot change a policy: delete the queue (and its jobs) to change it',
      );
    }
    const { policy: _policy, ...settings } = wanted;
    const differs = (Object.keys(settings) as (keyof typeof settings)[]).some(
      (key) => queue[key] !== settings[key],
    );
    // Applies to jobs sent from now on; queued jobs keep the settings they were sent with.
    if (differs) await boss.updateQueue(definition.name, settings);
  }
}

/** Makes the stored schedules match the definitions: upserts each schedule, removes those no longer defined. */
async function syncSchedules(boss: PgBoss, definitions: JobDefinition<unknown>[]): Promise<void> {
  const scheduled = new Map(definitions.filter((d) => d.schedule).map((d) => [d.name, d.schedule as string]));
  for (const schedule of await boss.getSchedules()) {
    if (!scheduled.has(schedule.name)) await boss.unschedule(schedule.name, schedule.key);
  }
  // An upsert keyed by queue name, so workers starting together register each schedule once.
  for (const [name, cron] of scheduled) await boss.schedule(name, cron, {}, { tz: TIMEZONE });
}

interface BossJob {
  id: string;
  name: string;
  data: unknown;
  retryCount: number;
  retryLimit: number;
  signal: AbortSignal;
}

async function runHandler(
  definition: JobDefinition<unknown>,
  job: BossJob,
  database: Database,
  logger: Logger,
): Promise<{ result: unknown }> {
  const attempt = job.retryCount + 1;
  const log = logger.child({ job: definition.name, jobId: job.id, attempt });
  const parsed = definition.payload.safeParse(job.data);
  if (!parsed.success) {
    // A stored payload that no longer fits the schema (sent by an older version) will not fit on a retry either.
    await preventRetries(database, job);
    const message = `Stored payload of job "${definition.name}" is invalid: ${describeIssues(parsed.error.issues)}`;
    log.error(message);
    throw new UnrecoverableJobError(message);
  }
  const started = Date.now();
  const willRetry = job.retryCount < job.retryLimit;
  let running = true;
  // pg-boss aborts the signal when the job is over for it: while the handler still runs, that is the expiry,
  // which fails the job (and frees the worker) without waiting for the handler.
  job.signal.addEventListener(
    'abort',
    () => {
      if (running)
        log.error({ durationMs: Date.now() - started, willRetry }, 'job expired; handler still running');
    },
    { once: true },
  );
  try {
    const result = await definition.handler(parsed.data, { jobId: job.id, attempt, signal: job.signal });
    if (job.signal.aborted)
      log.warn({ durationMs: Date.now() - started }, 'expired job finished; result discarded');
    else log.info({ durationMs: Date.now() - started }, 'job completed');
    // Wrapped so that status can tell a returned `{ value }` from pg-boss's wrapping of non-object outputs.
    return { result: result ?? null };
  } catch (error) {
    if (job.signal.aborted) {
      log.warn({ err: error, durationMs: Date.now() - started }, 'expired job failed');
      throw error;
    }
    const unrecoverable = error instanceof UnrecoverableJobError;
    if (unrecoverable) await preventRetries(database, job);
    const details = { err: error, durationMs: Date.now() - started, willRetry: willRetry && !unrecoverable };
    if (details.willRetry) log.warn(details, 'job failed; will retry');
    else log.error(details, 'job failed');
    throw error;
  } finally {
    running = false;
  }
}

/** pg-boss retries while retry_count < retry_limit; lowering the limit makes its fail() final. */
async function preventRetries(database: Database, job: BossJob): Promise<void> {
  await database.query(
    `update ${BOSS_SCHEMA}.job set retry_limit = retry_count where name = $1 and id = $2`,
    [job.name, job.id],
  );
}

function checkPayload(definition: JobDefinition<unknown>, payload: unknown): unknown {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) throw new JobPayloadError(definition.name, parsed.error.issues);
  // The worker parses the stored JSON again: refuse now what it would refuse then (a Date for z.date(), say).
  const stored: unknown = JSON.parse(JSON.stringify(parsed.data) ?? 'null');
  const reparsed = definition.payload.safeParse(stored);
  if (!reparsed.success) throw new JobPayloadError(definition.name, reparsed.error.issues);
  return stored;
}

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.') || '(payload)';
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${pathOf(issue)}: ${issue.message}`).join('; ');
}

interface CountRow {
  name: string;
  state: string;
  count: number;
}
interface LastRunRow {
  name: string;
  state: string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  output: unknown;
}

async function readStatus(
  database: Database,
  definitions: JobDefinition<unknown>[],
): Promise<JobQueueStatus[]> {
  const names = definitions.map((d) => d.name);
  const counts = await database.query<CountRow>(
    `select name, state::text as state, count(*)::int as count from ${BOSS_SCHEMA}.job
      where name = any($1::text[]) group by name, state`,
    [names],
  );
  const lastRuns = await database.query<LastRunRow>(
    `select distinct on (name) name, state::text as state, started_on, completed_on, output from ${BOSS_SCHEMA}.job
      where name = any($1::text[]) and started_on is not null order by name, started_on desc`,
    [names],
  );
  const countOf = (name: string, ...states: string[]) =>
    counts
      .filter((row) => row.name === name && states.includes(row.state))
      .reduce((sum, row) => sum + row.count, 0);
  return definitions.map((definition) => {
    const last = lastRuns.find((row) => row.name === definition.name);
    return {
      name: definition.name,
      description: definition.description,
      schedule: definition.schedule ?? null,
      queued: countOf(definition.name, 'created', 'retry'),
      active: countOf(definition.name, 'active'),
      failed: countOf(definition.name, 'failed'),
      completed: countOf(definition.name, 'completed'),
      lastRun: last
        ? {
            state: last.state,
            startedAt: isoString(last.started_on),
            completedAt: isoString(last.completed_on),
            output: presentOutput(last.state, last.output),
          }
        : null,
    };
  });
}

function isoString(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/**
 * A completed job's output is what its handler returned; a failed (or retrying) job's is the error, reduced to
 * its message: the stack stays in the log, not in the console.
 */
function presentOutput(state: string, output: unknown): unknown {
  if (output === null || typeof output !== 'object') return output ?? null;
  const record = output as Record<string, unknown>;
  if (state === 'completed') return 'result' in record ? record.result : record;
  if (state === 'failed' || state === 'retry') {
    // pg-boss stores a thrown Error as itself, a timeout as { value: { message } }, a shutdown as { value: text }.
    const value = record.value as { message?: unknown } | string | undefined;
    const message =
      typeof record.message === 'string'
        ? record.message
        : typeof value === 'string'
          ? value
          : typeof value?.message === 'string'
            ? value.message
            : null;
    return { message };
  }
  return null;
}

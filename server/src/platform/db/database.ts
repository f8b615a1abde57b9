import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database handle or an open transaction: every repository function takes one. */
export type Executor =
  | PgDatabase<PgQueryResultHKT, Schema>
  | PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

/** Plain SQL access for the few places that need it (job queue, health checks, tests). */
export interface SqlClient {
  /** One statement with `$1` parameters; rows come back with int8 as numbers on both engines. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (PGlite needs `exec` for that). */
  exec(text: string): Promise<void>;
}

/** What `listen` calls: each payload, and `onResync` after a lost connection (notifications may be missed). */
export interface ListenHandlers {
  onMessage(payload: string): void;
  onResync?(): void;
}

export interface Database extends SqlClient {
  kind: 'pglite' | 'postgres';
  /**
   * Subscribes to a PostgreSQL notification channel (`pg_notify` in a transaction arrives at commit), in this
   * process: how a change made by one process reaches the in-memory state of every other. Returns unlisten.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  db: PgDatabase<PgQueryResultHKT, Schema>;
  migrate(): Promise<void>;
  /** Runs `fn` in one transaction; everything it writes commits together or not at all. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir: string | null; lock?: boolean }
  | { kind: 'postgres'; url: string; poolSize?: number; applicationName?: string };

const INT8_OID = 20;
/**
 * `count(*)` and bigint columns come back as strings from pg and as numbers from PGlite: normalise here,
 * once, to numbers. Values beyond 2^53 would lose precision, so refuse them rather than round.
 */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return parseInt8;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

// One advisory-lock key for migrations so that several processes starting together migrate once.
const MIGRATION_LOCK_KEY = 7_401_322_118;

/** Opens the embedded PGlite database (locked to this process) or a PostgreSQL pool. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres')
    return openPostgres(options.url, options.poolSize ?? 10, options.applicationName);
  return openPglite(options.dataDir, options.lock ?? true);
}

async function openPglite(dataDir: string | null, lock: boolean): Promise<Database> {
  const dirLock = dataDir && lock ? lockDataDir(dataDir) : null;
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir ? path.join(dataDir, 'pgdata') : undefined);
  } catch (error) {
    dirLock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema });
  return {
    kind: 'pglite',
    db: db as unknown as Database['db'],
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await client.exec(text);
    },
    async migrate() {
      await migratePglite(db, { migrationsFolder });
    },
    async listen(channel, handlers) {
      // One process owns the embedded database, so nothing is ever missed here: no resync needed.
      const unlisten = await client.listen(channel, (payload) => handlers.onMessage(payload));
      return () => unlisten();
    },
    transaction: (fn) => db.transaction(fn as never) as never,
    async close() {
      try {
        await client.close();
      } finally {
        dirLock?.release();
      }
    },
  };
}

/**
 * LISTEN on a dedicated connection (a pooled one would be handed to other queries). When the connection
 * drops it reconnects with backoff and calls `onResync`, because notifications sent meanwhile are lost.
 */
async function listenPostgres(
  url: string,
  applicationName: string,
  channel: string,
  handlers: ListenHandlers,
  openListeners: Set<() => Promise<void>>,
) {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  let failures = 0;
  const connect = async (isReconnect: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString: url, application_name: `${applicationName}-listen` });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) handlers.onMessage(message.payload);
    });
    const reconnect = () => {
      if (stopped || client !== next) return;
      client = null;
      failures++;
      retry = setTimeout(() => void connect(true), Math.min(30_000, 250 * 2 ** failures));
    };
    next.on('error', reconnect);
    next.on('end', reconnect);
    client = next;
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
      failures = 0;
      if (isReconnect) handlers.onResync?.();
    } catch (error) {
      if (!isReconnect) {
        client = null;
        await next.end().catch(() => {});
        throw error;
      }
      reconnect();
    }
  };
  await connect(false);
  const stop = async () => {
    stopped = true;
    openListeners.delete(stop);
    if (retry) clearTimeout(retry);
    const current = client;
    client = null;
    await current?.end().catch(() => {});
  };
  openListeners.add(stop);
  return stop;
}

async function openPostgres(url: string, poolSize: number, applicationName = 'madoguchi'): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes,
    application_name: applicationName,
  });
  const openListeners = new Set<() => Promise<void>>();
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema });
  await pool.query('select 1');
  return {
    kind: 'postgres',
    db: db as unknown as Database['db'],
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async migrate() {
      const lockClient = await pool.connect();
      try {
        await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(db, { migrationsFolder });
      } finally {
        await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
        lockClient.release();
      }
    },
    listen: (channel, handlers) => listenPostgres(url, applicationName, channel, handlers, openListeners),
    transaction: (fn) => db.transaction(fn as never) as never,
    async close() {
      await Promise.all([...openListeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

/** The rows of `executor.execute(sql…)`: both drivers (pg, PGlite) answer with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** `count(*)` as a number on both engines. */
export const countAll = sql<number>`count(*)`.mapWith(Number);

/** `$1`-style SQL text and parameters as a drizzle query (no `$n` may stand inside a string literal). */
function positionalSql(text: string, params: unknown[]) {
  const chunks = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${params[Number(match[1]) - 1]}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/**
 * A `Database` whose every statement runs inside an open transaction: services called with it take part
 * in the caller's transaction (their own transactions become savepoints). A seed or an import uses this to
 * commit a whole centre, or nothing, whatever the services do inside.
 */
export function withinTransaction(database: Database, tx: Executor): Database {
  return {
    kind: database.kind,
    db: tx as Database['db'],
    async query<T>(text: string, params: unknown[] = []) {
      // drizzle passes its own type parsers to pg for every query, so int8 is normalised here from the
      // field types the result reports (PGlite already gives numbers).
      const result = (await tx.execute(positionalSql(text, params))) as unknown as {
        rows: Record<string, unknown>[];
        fields?: { name: string; dataTypeID: number }[];
      };
      const int8 = (result.fields ?? []).filter((f) => f.dataTypeID === INT8_OID).map((f) => f.name);
      if (int8.length) {
        for (const row of result.rows) {
          for (const name of int8) if (typeof row[name] === 'string') row[name] = parseInt8(row[name]);
        }
      }
      return result.rows as T[];
    },
    async exec(text: string) {
      await tx.execute(sql.raw(text));
    },
    listen: (channel, handlers) => database.listen(channel, handlers),
    migrate: () => Promise.reject(new Error('migrations do not run inside a transaction')),
    transaction: (fn) => tx.transaction(fn as never) as never,
    close: () => Promise.reject(new Error('a transaction-bound database is closed by its owner')),
  };
}

// Store for @fastify/rate-limit. The plugin's own store counts in memory, per process: right for the general
// API limit (every request, where a database write would cost more than the limit saves), wrong for the limits
// that guard against abuse (login attempts, votes, the inquiry form), which several web processes on
// PostgreSQL would each allow in full. Those are marked with `sharedRateLimit` and counted in the table
// rate_limit_hits with the same semantics as the plugin's store (a window starts at a client's first hit).
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import { type Database, type Executor, rowsOf } from '../db/database.ts';
import { rateLimitHits } from '../db/schema.ts';
import { installationKey } from '../db/signing-keys.ts';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

// The plugin's in-memory store; the package has no exports map, and its file is part of the locked version.
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding?: boolean,
  exponentialBackoff?: boolean,
  cache?: number,
) => FastifyRateLimitStore;

const SHARED = Symbol('madoguchi.sharedRateLimit');
/** What the plugin passes to a store: its merged options, our mark among them. */
type StoreOptions = { continueExceeding?: boolean; exponentialBackoff?: boolean; [SHARED]?: string };

/** Rate-limit options whose count all processes share, under `name` (unique per limit). */
export function sharedRateLimit<T extends object>(name: string, options: T): T {
  return { ...options, [SHARED]: name };
}

/** Deletes the counters whose window has ended (the rate-limits.purge job); returns how many. */
export async function purgeRateLimitHits(executor: Executor): Promise<number> {
  const deleted = await executor
    .delete(rateLimitHits)
    .where(sql`${rateLimitHits.expiresAt} < clock_timestamp()`)
    .returning({ keyHash: rateLimitHits.keyHash });
  return deleted.length;
}

/** The store class for the plugin's `store` option, bound to the installation's database. */
export function rateLimitStore(database: Database): FastifyRateLimitStoreCtor {
  class DatabaseCounter implements FastifyRateLimitStore {
    private readonly name: string;

    constructor(name: string) {
      this.name = name;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      this.count(key, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    async count(key: string, timeWindow: number): Promise<{ current: number; ttl: number }> {
      const secret = await installationKey(database, 'rate-limit');
      // Keyed hash: the table never holds a client address, and two limits never share a row.
      const keyHash = createHmac('sha256', secret).update(`${this.name}|${key}`).digest('base64url');
      // The database's clock, so that processes on several hosts agree on when a window ends.
      const result = await database.db.execute(sql`
        insert into ${rateLimitHits} as h (key_hash, hits, expires_at)
        values (${keyHash}, 1, clock_timestamp() + ${timeWindow} * interval '1 millisecond')
        on conflict (key_hash) do update set
          hits = case when h.expires_at <= clock_timestamp() then 1 else h.hits + 1 end,
          expires_at = case when h.expires_at <= clock_timestamp() then excluded.expires_at else h.expires_at end
        returning hits,
          greatest(0, extract(epoch from expires_at - clock_timestamp()) * 1000)::float8 as ttl_ms`);
      const [row] = rowsOf<{ hits: number; ttl_ms: number | string }>(result);
      if (!row) throw new Error('rate-limit upsert returned no row');
      return { current: Number(row.hits), ttl: Math.ceil(Number(row.ttl_ms)) };
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  }

  return class Store implements FastifyRateLimitStore {
    private readonly inner: FastifyRateLimitStore;

    constructor(params: FastifyRateLimitOptions) {
      const options = params as StoreOptions;
      const name = options[SHARED];
      this.inner = name
        ? new DatabaseCounter(name)
        : new LocalStore(options.continueExceeding, options.exponentialBackoff);
    }

    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      this.inner.incr(key, callback, timeWindow, max);
    }

    child(params: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      return new Store(params as unknown as FastifyRateLimitOptions);
    }
  };
}

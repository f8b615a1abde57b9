import path from 'node:path';
import { z } from 'zod';

const durationDays = z.coerce.number().int();

/**
 * The one configuration schema. The server, the CLI and the worker read it through `loadConfig`; nothing
 * else reads `process.env`. Every key is documented in `.env.example`.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Public base URL, used in links and to decide whether cookies are `Secure`. */
  PUBLIC_URL: z.url().optional(),
  MADOGUCHI_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  /** Size of the pg connection pool (PostgreSQL only). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** web: HTTP only; worker: jobs only; all: both in one process (the default for a small centre). */
  PROCESS_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(3).max(20).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(10).max(128).default(12),
  /** Days until a password must be changed; 0 = never. */
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  /** seed 004 第2-9(1)エ: access logs are kept at least 3 months. */
  AUDIT_RETENTION_DAYS: durationDays
    .min(92, 'AUDIT_RETENTION_DAYS must be at least 92 (3 months)')
    .default(400),
  /**
   * Days the search log (normalised wordings, no user or address) is kept for the analytics: operators type
   * what callers say, so a wording may still name someone; nothing is kept longer than the work needs it.
   */
  SEARCH_LOG_RETENTION_DAYS: durationDays
    .min(28, 'SEARCH_LOG_RETENTION_DAYS must be at least 28 (four weeks of analytics)')
    .max(3650)
    .default(400),
  /** Rate limit for API requests per IP and minute. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).default(600),
  /** Login attempts per IP and minute, on top of the per-account lockout. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Trust X-Forwarded-For from a reverse proxy (set when one is in front). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Key that encrypts the centres' SMTP passwords at rest (AES-256-GCM): 32 random bytes as base64 or hex,
   * e.g. `openssl rand -base64 32`. Without it no SMTP password can be stored.
   */
  MAIL_CREDENTIALS_KEY: z
    .string()
    .trim()
    .refine(
      (v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32,
      'MAIL_CREDENTIALS_KEY must be 32 bytes as base64 (44 characters) or hex (64 characters)',
    )
    .optional(),
  /** Inquiry form submissions per client address and hour (spam protection without a CAPTCHA). */
  INQUIRY_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(10),
});

export type Config = z.infer<typeof configSchema> & {
  /** Absolute path of the embedded database directory. */
  dataDir: string;
  databaseKind: 'pglite' | 'postgres';
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment once at start; throws a `ConfigError` naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(configSchema.shape).flatMap((key) => {
      const value = env[key];
      return value === undefined || value === '' ? [] : [[key, value]];
    }),
  );
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.MADOGUCHI_DATA_DIR),
    databaseKind: parsed.data.DATABASE_URL ? 'postgres' : 'pglite',
  };
}

import os from 'node:os';
import pino from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config/config.ts';
import { demoLogins, demoPassword, seedDemo } from './demo/seed-demo.ts';
import { commandLineActor, type ServiceContext } from './modules/auth/actor.ts';
import { demoCenters } from './modules/centers/demo-data.ts';
import { jobDefinitions } from './modules/jobs/definitions.ts';
import { startSearchService } from './modules/search/index.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { type JobRunner, startJobs } from './platform/jobs/index.ts';

/** Opens the configured database: embedded PGlite under the data directory, or PostgreSQL. */
export function openConfiguredDatabase(config: Config, applicationName = 'madoguchi'): Promise<Database> {
  return config.DATABASE_URL
    ? openDatabase({
        kind: 'postgres',
        url: config.DATABASE_URL,
        poolSize: config.DATABASE_POOL_SIZE,
        applicationName,
      })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir });
}

/** A service context for work started from the command line (seeding, imports). */
export function commandLineContext(database: Database, config: Config): ServiceContext {
  return {
    database,
    config,
    actor: commandLineActor(os.userInfo().username),
    meta: { ip: null, userAgent: 'madoguchi-cli' },
    now: () => new Date(),
  };
}

export interface ServeOptions {
  demo?: boolean;
  /** Called once listening, with the URL. */
  onListening?: (url: string) => void;
}

/**
 * Runs the process: migrates (always on the embedded engine; on PostgreSQL too, under an advisory lock),
 * optionally seeds the demo, starts the jobs and the HTTP server according to PROCESS_ROLE.
 */
export async function serve(config: Config, options: ServeOptions = {}) {
  const logger = pino({ level: config.LOG_LEVEL, base: { pid: process.pid } });
  const database = await openConfiguredDatabase(config);
  let jobs: JobRunner | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app?.close().catch((err) => logger.error({ err }, 'http close failed'));
    await jobs?.stop().catch((err) => logger.error({ err }, 'jobs stop failed'));
    await database.close().catch((err) => logger.error({ err }, 'database close failed'));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  try {
    await database.migrate();
    if (options.demo) {
      const result = await seedDemo(commandLineContext(database, config));
      if (result.seeded.length) logger.info({ centers: result.seeded }, 'demo data seeded');
    }
    const definitions = jobDefinitions({ database, config, jobs: () => jobs });
    jobs = await startJobs(database, definitions, {
      work: config.PROCESS_ROLE !== 'web',
      logger,
      ...(config.DATABASE_URL ? { connectionString: config.DATABASE_URL } : {}),
    });
    if (config.PROCESS_ROLE === 'worker') {
      logger.info('worker started');
      return { database, jobs, app: null, url: null };
    }
    const search = startSearchService({ database, logger });
    app = await buildApp({ config, database, jobs, logger, search });
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    const url = address.replace('127.0.0.1', 'localhost');
    options.onListening?.(url);
    return { database, jobs, app, url };
  } catch (error) {
    await jobs?.stop().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
}

/** The banner `npm start` prints: where to go and how to log in. */
export function demoBanner(url: string): string {
  const rows = demoLogins().map(
    (l) => `  ${l.loginId.padEnd(12)} ${l.displayName}（${l.roles.join(', ')} / ${l.centers.join(', ')}）`,
  );
  return [
    '',
    `窓口 Madoguchi が起動しました: ${url}/console/`,
    `市民向けサイト（ホームページ・よくある質問）: ${demoCenters.map((c) => `${url}/c/${c.center.slug}/`).join('  ')}`,
    '',
    `デモ用ログイン（パスワードはすべて ${demoPassword}）:`,
    ...rows,
    '',
    '停止するには Ctrl+C を押してください。',
    '',
  ].join('\n');
}

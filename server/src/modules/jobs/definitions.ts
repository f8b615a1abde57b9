import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { purgeRateLimitHits } from '../../platform/http/rate-limit-store.ts';
import { defineJob, type JobDefinition, type JobRunner } from '../../platform/jobs/index.ts';
import { purgeAudit, recordAudit } from '../audit/audit.service.ts';
import { purgeSessions } from '../auth/auth.service.ts';
import { purgeConsoleViewMarks } from '../faq/console-views.ts';
import { mailJobDefinitions } from '../inquiries/mail.jobs.ts';
import { purgeSearchQueries } from '../search/search.repository.ts';

/** The installation's jobs. Later modules (reports, retention of recordings) add theirs here. */
export function jobDefinitions(deps: {
  database: Database;
  config: Config;
  now?: () => Date;
  /** The process's job runner once started, for jobs that queue others (the mail sweep). */
  jobs?: () => JobRunner | null;
  // biome-ignore lint/suspicious/noExplicitAny: each definition has its own payload type
}): JobDefinition<any>[] {
  const now = deps.now ?? (() => new Date());
  const system = { actor: null, meta: { ip: null, userAgent: 'job' } };
  return [
    defineJob({
      name: 'audit.purge',
      description: '保存期間を過ぎた監査ログ・アクセスログを削除（最低3か月保存）',
      // 03:15 JST, outside the centre's hours.
      schedule: '15 3 * * *',
      payload: z.object({}).strict(),
      retryLimit: 3,
      handler: async () =>
        deps.database.transaction(async (tx) => {
          const deleted = await purgeAudit(tx, deps.config.AUDIT_RETENTION_DAYS, now());
          await recordAudit(tx, system, {
            category: 'change',
            action: 'audit.purge',
            actorLoginId: 'job:audit.purge',
            detail: { deleted, retentionDays: deps.config.AUDIT_RETENTION_DAYS },
          });
          return { deleted, retentionDays: deps.config.AUDIT_RETENTION_DAYS };
        }),
    }),
    defineJob({
      name: 'sessions.purge',
      description: '有効期限の切れたログインセッションを削除',
      schedule: '*/30 * * * *',
      payload: z.object({}).strict(),
      retryLimit: 3,
      handler: async () => ({
        deleted: await purgeSessions(deps.database.db, now(), deps.config.SESSION_IDLE_MINUTES),
      }),
    }),
    defineJob({
      name: 'rate-limits.purge',
      description: '期間の終わったアクセス回数制限のカウンターを削除',
      schedule: '*/10 * * * *',
      payload: z.object({}).strict(),
      retryLimit: 3,
      handler: async () => ({ deleted: await purgeRateLimitHits(deps.database.db) }),
    }),
    defineJob({
      name: 'faq-views.purge',
      description: 'FAQ閲覧数の重複判定に使った前日以前の記録を削除',
      // 03:20 JST: yesterday's marks are of no more use once the day has ended.
      schedule: '20 3 * * *',
      payload: z.object({}).strict(),
      retryLimit: 3,
      handler: async () => ({ deleted: await purgeConsoleViewMarks(deps.database.db, now()) }),
    }),
    defineJob({
      name: 'search-log.purge',
      description: '保存期間を過ぎた検索ログ（検索分析の元データ）を削除',
      schedule: '25 3 * * *',
      payload: z.object({}).strict(),
      retryLimit: 3,
      handler: async () => {
        const retentionDays = deps.config.SEARCH_LOG_RETENTION_DAYS;
        return { deleted: await purgeSearchQueries(deps.database.db, retentionDays, now()), retentionDays };
      },
    }),
    // Auto-replies to web inquiries (seed 004 第2-8(2)エ): sending with retries, and the sweep.
    ...mailJobDefinitions({ ...deps, now }),
  ];
}

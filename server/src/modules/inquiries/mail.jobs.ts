// The jobs that send the auto-replies: `mail.send` (one mail, retried with backoff while the SMTP server is
// down) and `mail.sweep` (every five minutes, queues pending mails again so that none is forgotten).
import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { defineJob, type JobDefinition, type JobRunner } from '../../platform/jobs/index.ts';
import { deliverMail, MAIL_SEND_JOB, queuePendingMails } from './mail-delivery.ts';

export interface MailJobDeps {
  database: Database;
  config: Config;
  now?: () => Date;
  /** The process's job runner once started (the sweep queues through it); null in a process without jobs. */
  jobs?: () => JobRunner | null;
  /** Retries after the first attempt (default 8: with backoff, about four hours of an unreachable server). */
  retryLimit?: number;
  /** First retry delay; doubled each time up to an hour (default 60). */
  retryDelaySeconds?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: each definition has its own payload type
export function mailJobDefinitions(deps: MailJobDeps): JobDefinition<any>[] {
  const now = deps.now ?? (() => new Date());
  const retryLimit = deps.retryLimit ?? 8;
  return [
    defineJob({
      name: MAIL_SEND_JOB,
      description: '問合せの自動返信メールを送信（送信できないときは間隔を空けて再送）',
      payload: z.object({ mailId: z.uuid() }).strict(),
      // One job per mail (the singleton key is the mail's id), whether queued, retrying or running.
      policy: 'exclusive',
      retryLimit,
      retryDelaySeconds: deps.retryDelaySeconds ?? 60,
      expireInSeconds: 180,
      handler: async ({ mailId }, context) => {
        const outcome = await deliverMail({ database: deps.database, config: deps.config, now }, mailId, {
          finalAttempt: context.attempt > retryLimit,
        });
        // Thrown so that pg-boss retries later; the row already says why, in Japanese.
        if (outcome.state === 'retry') throw new Error(outcome.error);
        return outcome;
      },
    }),
    defineJob({
      name: 'mail.sweep',
      description: '送信待ちのメールを送信キューに入れ直す（取りこぼし防止）',
      schedule: '*/5 * * * *',
      payload: z.object({}).strict(),
      retryLimit: 1,
      handler: async () => {
        const jobs = deps.jobs?.();
        if (!jobs) return { queued: 0 };
        // A mail just written is queued by the request that wrote it; the sweep is for the ones missed.
        const olderThan = new Date(now().getTime() - 60_000);
        return { queued: await queuePendingMails(deps.database, jobs, { olderThan }) };
      },
    }),
  ];
}

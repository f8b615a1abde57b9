import { jobQueueStatusSchema } from '@madoguchi/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import type { Api } from '../../platform/http/types.ts';
import type { JobRunner } from '../../platform/jobs/index.ts';
import { type Actor, authorize, requireActor } from '../auth/actor.ts';

/** The job board is for the system administrator and the admins of any centre. */
export const canViewJobs = (actor: Actor) =>
  actor.systemAdmin || actor.memberships.some((m) => m.roles.includes('admin'));

export function jobRoutes(app: Api, jobs: JobRunner | null) {
  app.get(
    '/api/v1/jobs',
    { schema: { tags: ['jobs'], summary: 'ジョブの状況', response: { 200: z.array(jobQueueStatusSchema) } } },
    async (r) => {
      authorize(canViewJobs(requireActor(r.ctx)));
      if (!jobs) throw new AppError('unavailable', 'このプロセスではジョブが動いていません。');
      return jobs.status();
    },
  );
  app.post(
    '/api/v1/jobs/:name/run',
    {
      schema: {
        tags: ['jobs'],
        summary: '定期ジョブを今すぐ実行',
        params: z.object({ name: z.string().regex(/^[a-z][a-z0-9_.-]{0,60}$/) }),
      },
    },
    async (r, reply) => {
      const actor = requireActor(r.ctx);
      authorize(actor.systemAdmin);
      if (!jobs) throw new AppError('unavailable', 'このプロセスではジョブが動いていません。');
      const id = await jobs.runNow(r.params.name);
      return reply.code(202).send({ jobId: id });
    },
  );
}

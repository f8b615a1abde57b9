import { z } from 'zod';

export const jobQueueStatusSchema = z.object({
  name: z.string(),
  description: z.string(),
  schedule: z.string().nullable(),
  queued: z.number(),
  active: z.number(),
  failed: z.number(),
  completed: z.number(),
  lastRun: z
    .object({
      state: z.string(),
      startedAt: z.string().nullable(),
      completedAt: z.string().nullable(),
      output: z.unknown(),
    })
    .nullable(),
});
export type JobQueueStatus = z.infer<typeof jobQueueStatusSchema>;

/** Background jobs on pg-boss, on the app's database (PGlite or PostgreSQL). */
export {
  defineJob,
  type JobContext,
  type JobDefinition,
  JobPayloadError,
  type JobRunner,
  type SendJobOptions,
  type StartJobsOptions,
  startJobs,
  UnrecoverableJobError,
} from './jobs.ts';

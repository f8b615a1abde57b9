// Run by jobs.db.test.ts in a child process: starts jobs, works one, stops, closes the database and then does
// nothing, so the process only exits if stop() left no timer, worker loop or connection behind.
import { z } from 'zod';
import { openDatabase } from '../db/database.ts';
import { defineJob, startJobs } from './jobs.ts';

const url = process.argv[2];
const database = url
  ? await openDatabase({ kind: 'postgres', url, poolSize: 2 })
  : await openDatabase({ kind: 'pglite', dataDir: null });
let done: () => void;
const worked = new Promise<void>((resolve) => {
  done = resolve;
});
const jobs = await startJobs(
  database,
  [
    defineJob({
      name: 'exit.check',
      description: '終了確認',
      schedule: '0 3 * * *',
      payload: z.object({}),
      handler: async () => {
        done();
        return 'ok';
      },
    }),
  ],
  { work: true, pollingIntervalSeconds: 0.5 },
);
await jobs.runNow('exit.check');
await worked;
await jobs.stop();
await database.close();
process.stdout.write('stopped\n');

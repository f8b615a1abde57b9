import fs from 'node:fs';
import { defineConfig } from 'vitest/config';

// Database suites (`*.db.test.ts`) run on embedded PGlite always, and again on PostgreSQL when
// TEST_DATABASE_URL is set (CI sets it). Browser flows live in e2e/.
const dbSuites = ['server/src/**/*.db.test.ts'];
// Suites that only make sense on a PostgreSQL server (e.g. killing a process mid-transaction).
const postgresOnlySuites = ['server/src/**/*.pg.test.ts'];
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);
// Browser flows need Debian's Chromium. Under CI they always run (and fail loudly if it is missing).
const withBrowser = Boolean(process.env.CI) || fs.existsSync('/usr/bin/chromium');

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['contracts/src/**/*.test.ts', 'server/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...dbSuites, ...postgresOnlySuites, '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db-pglite',
          include: dbSuites,
          env: { MADOGUCHI_TEST_ENGINE: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'db-postgres',
                include: [...dbSuites, ...postgresOnlySuites],
                env: { MADOGUCHI_TEST_ENGINE: 'postgres' },
                globalSetup: ['server/src/testing/postgres-global-setup.ts'],
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      ...(withBrowser
        ? [
            {
              extends: true as const,
              test: {
                name: 'e2e',
                include: ['e2e/**/*.test.ts'],
                testTimeout: 60_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});

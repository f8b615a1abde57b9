import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('needs nothing to start: embedded database under ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.databaseKind).toBe('pglite');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.AUDIT_RETENTION_DAYS).toBeGreaterThanOrEqual(92);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/madoguchi' }).databaseKind).toBe('postgres');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).databaseKind).toBe('pglite');
  });

  it('names every bad key in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        AUDIT_RETENTION_DAYS: '10',
        SEARCH_LOG_RETENTION_DAYS: '7',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const key of ['PORT', 'DATABASE_URL', 'AUDIT_RETENTION_DAYS', 'SEARCH_LOG_RETENTION_DAYS'])
      expect(message).toContain(key);
  });
});

describe('.env.example', () => {
  it('documents exactly the keys the schema knows', async () => {
    const { configSchema } = await import('./config.ts');
    const fs = await import('node:fs');
    const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../../.env.example'), 'utf8');
    const documented = [...text.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(configSchema.shape).sort());
  });
});

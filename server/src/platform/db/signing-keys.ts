// Installation keys (table signing_keys): a random secret per purpose, made on first use and kept in the
// database, so that every process of the installation uses the same one and it survives a restart.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from './database.ts';
import { signingKeys } from './schema.ts';

const cache = new WeakMap<Database, Map<string, Promise<Buffer>>>();

/** The installation's key for `purpose` (concurrent first uses, in any process, agree on one). */
export function installationKey(database: Database, purpose: string): Promise<Buffer> {
  let keys = cache.get(database);
  if (!keys) {
    keys = new Map();
    cache.set(database, keys);
  }
  let key = keys.get(purpose);
  if (!key) {
    key = (async () => {
      await database.db
        .insert(signingKeys)
        .values({ purpose, secret: randomBytes(32) })
        .onConflictDoNothing();
      const [row] = await database.db
        .select({ secret: signingKeys.secret })
        .from(signingKeys)
        .where(eq(signingKeys.purpose, purpose));
      if (!row) throw new Error('signing key missing after insert');
      return Buffer.from(row.secret);
    })();
    const made = key;
    made.catch(() => keys.delete(purpose));
    keys.set(purpose, made);
  }
  return key;
}

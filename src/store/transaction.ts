import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import type { Db } from './db.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Runs `fn` in a transaction that will write. On SQLite it starts with BEGIN IMMEDIATE, which takes
 * the write lock up front: a plain BEGIN reads first and may then fail to upgrade (SQLITE_BUSY)
 * when another process wrote in between, and busy_timeout cannot help with that.
 */
export async function writeTransaction<T>(
  db: Kysely<Db>,
  dialect: Dialect,
  fn: (trx: Kysely<Db>) => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') return db.transaction().execute(fn);
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

/**
 * Retries `fn` while it fails with an error `shouldRetry` accepts, with a short random pause so
 * that colliding callers spread out. 20 tries is far above what 50 concurrent callers need.
 */
export async function retrying<T>(
  fn: () => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  maxTries = 20,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= maxTries || !shouldRetry(error)) throw error;
      await sleep(Math.random() * 5 * attempt);
    }
  }
}

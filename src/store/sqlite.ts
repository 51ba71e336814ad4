import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Db } from './db.js';
import { KyselyStore } from './kysely-store.js';

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating it and its directory when missing) a SQLite database file; ':memory:' gives a
 * private in-memory database. WAL lets readers run beside the one writer; foreign keys are off
 * in SQLite unless asked for on every connection.
 */
export function openSqliteDb(path: string): Kysely<Db> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  return new Kysely<Db>({ dialect: new SqliteDialect({ database }) });
}

export function openSqliteStore(path: string): KyselyStore {
  return new KyselyStore(openSqliteDb(path), 'sqlite');
}

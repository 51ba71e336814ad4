import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely';
import type { Db } from './db.js';
import { KyselyStore } from './kysely-store.js';

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/** Prepared statements kept per database; intake runs the same few queries thousands of times. */
const STATEMENT_CACHE = 256;

/**
 * Opens (creating it and its directory when missing) a SQLite database file; ':memory:' gives a
 * private in-memory database. WAL lets readers run beside the one writer; foreign keys are off
 * in SQLite unless asked for on every connection.
 *
 * synchronous=NORMAL is SQLite's recommendation with WAL: a committed transaction survives the
 * process being killed (it is in the WAL, written before COMMIT returns); only an operating system
 * crash or power loss can lose the last commits. FULL made every duplicate delivery wait for an
 * fsync, which halved bench:intake's throughput.
 */
export function openSqliteDb(path: string): Kysely<Db> {
  if (path !== ':memory:') createPrivately(path);
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  return new Kysely<Db>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/** The database holds alerts, reports and traces: owner-only files (0600) in an owner-only folder (0700). */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;
/** The folder Nightshift makes for itself; a folder the user chose keeps its permissions. */
const OWN_DIR = '.nightshift';

/**
 * Creates the database file (and its folder) before SQLite opens it, so it is never readable by
 * others, even for a moment; SQLite gives the -wal and -shm files the database file's mode. Files
 * left wider by an older version are narrowed.
 */
function createPrivately(path: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  if (basename(dir) === OWN_DIR) narrow(dir, DIR_MODE);
  closeSync(openSync(path, 'a', FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (existsSync(file)) narrow(file, FILE_MODE);
  }
}

/** Removes any permission beyond `mode` (never adds one). */
function narrow(path: string, mode: number): void {
  const current = statSync(path).mode & 0o777;
  if ((current & ~mode) !== 0) chmodSync(path, current & mode);
}

/** Kysely prepares every query it runs; reusing the prepared statement for the same SQL is safe and cheaper. */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // re-inserted below: the map's order is least recently used first
      } else {
        statement = database.prepare(sql);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement as unknown as SqliteStatement;
    },
  };
}

export function openSqliteStore(path: string): KyselyStore {
  return new KyselyStore(openSqliteDb(path), 'sqlite');
}

/**
 * DuckDB I/O: opening an instance, running statements, reading small results, locking it down.
 * Everything that talks to `@duckdb/node-api` outside a query's own streaming lives here.
 */
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue, type Json } from '@duckdb/node-api';
import { toJsonValue } from './map.js';

/** An open DuckDB database and the connection that loads and describes it. */
export interface DuckDb {
  readonly instance: DuckDBInstance;
  /**
   * For loading and describing. A user's query gets a connection of its own, so that a timeout
   * interrupts that query and nothing else.
   */
  readonly connection: DuckDBConnection;
}

/** Opens a database in memory, or in the file at `path`, with the session time zone set to UTC. */
export async function openDuckDb(path = ':memory:'): Promise<DuckDb> {
  // Bundles are local files: never fetch or autoload an extension, so no query reaches the network.
  const instance = await DuckDBInstance.create(path, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  // GLOBAL so that every later connection (one per query) renders and truncates times in UTC too.
  await connection.run(`SET GLOBAL TimeZone = 'UTC'`);
  return { instance, connection };
}

/** Runs a statement and discards its result. */
export async function runSql(db: DuckDb, sql: string, values?: DuckDBValue[]): Promise<void> {
  await db.connection.run(sql, values);
}

/** Runs a query whose result is small and returns its rows as JSON-safe objects. */
export async function readRows(db: DuckDb, sql: string): Promise<Record<string, Json>[]> {
  const reader = await db.connection.runAndReadAll(sql);
  return reader.convertRowObjects(toJsonValue);
}

/**
 * After loading, nothing a query runs may touch the file system or change settings: DuckDB's
 * `enable_external_access = false` blocks every file and URL (read_csv, COPY, ATTACH, glob), and
 * `lock_configuration` keeps a query from turning it back on.
 */
export async function lockDown(db: DuckDb): Promise<void> {
  await db.connection.run('SET GLOBAL enable_external_access = false');
  await db.connection.run('SET GLOBAL lock_configuration = true');
}

export function closeDuckDb(db: DuckDb): void {
  db.connection.closeSync();
  db.instance.closeSync();
}

/** DuckDB's error text without the wrapper the node binding adds to parse errors. */
export function duckDbMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Failed to extract statements: /, '').trim();
}

/**
 * DuckDB I/O: opening an instance, running statements, reading small results, locking it down.
 * Everything that talks to `@duckdb/node-api` outside a query's own streaming lives here.
 */
import { availableParallelism } from 'node:os';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue, type Json } from '@duckdb/node-api';
import { NightshiftError } from '../../core/index.js';
import { toJsonValue } from './map.js';

/**
 * What the queries run after `lockDown` may use. Both are settings of the whole database, so they
 * are chosen when it is opened and fixed when it is locked; a query cannot change them.
 */
export interface QueryLimits {
  /**
   * Memory a query may take beyond what the loaded tables hold (DuckDB's `memory_limit` is set to
   * the tables' memory plus this). Past it the query fails instead of growing the process. DuckDB
   * counts what its buffer manager holds (hash tables, sorts, aggregate states, materialised rows);
   * one value built by a single scalar call (`repeat('x', 2000000000)`, a `range(300000000)` list)
   * is allocated outside it, and in-process only the query's time limit bounds it; a database from
   * `loadIsolatedBundle` also holds its process's RSS to the loaded size plus this.
   */
  memoryLimitBytes: number;
  /** Threads DuckDB runs a query on, so that one query cannot take every core of the host. */
  threads: number;
}

/**
 * 1 GB is far more than an investigation query over one incident's telemetry needs (a grouped count
 * over a million log lines takes a few MB) and small enough to run beside the server. Two threads
 * keep a careless query from starving the intake and other investigations of CPU.
 */
export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = {
  memoryLimitBytes: 1_000_000_000,
  threads: Math.min(2, availableParallelism()),
};

/** An open DuckDB database and the connection that loads and describes it. */
export interface DuckDb {
  readonly instance: DuckDBInstance;
  /**
   * For loading and describing. A user's query gets a connection of its own, so that a timeout
   * interrupts that query and nothing else.
   */
  readonly connection: DuckDBConnection;
  /** Applied by `lockDown`; loading itself runs with DuckDB's defaults (every core, 80% of RAM). */
  readonly limits: Readonly<QueryLimits>;
}

/**
 * Opens a database in memory, or in the file at `path`, with the session time zone set to UTC.
 * `limits` fills in from `DEFAULT_QUERY_LIMITS`; a limit that is not a positive integer is BAD_INPUT.
 */
export async function openDuckDb(path = ':memory:', limits: Partial<QueryLimits> = {}): Promise<DuckDb> {
  const checked = queryLimits(limits);
  // Bundles are local files: never fetch or autoload an extension, so no query reaches the network.
  const instance = await DuckDBInstance.create(path, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  // GLOBAL so that every later connection (one per query) renders and truncates times in UTC too.
  await connection.run(`SET GLOBAL TimeZone = 'UTC'`);
  return { instance, connection, limits: checked };
}

function queryLimits(limits: Partial<QueryLimits>): QueryLimits {
  const merged = { ...DEFAULT_QUERY_LIMITS, ...limits };
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new NightshiftError('BAD_INPUT', `query limit ${name} must be a positive integer; got ${value}`);
    }
  }
  return merged;
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
 * `lock_configuration` keeps a query from turning it back on, or from lifting `db.limits`.
 *
 * Queries get `memory_limit` = what the tables hold now + `limits.memoryLimitBytes` (an in-memory
 * database counts its tables against the limit, and they cannot be evicted), and no temporary
 * directory: a read-only investigation query has no business spilling gigabytes to disk, so one
 * that outgrows its memory fails with an Out of Memory error rather than filling the disk.
 */
export async function lockDown(db: DuckDb): Promise<void> {
  const [usage] = await readRows(
    db,
    'SELECT CAST(coalesce(sum(memory_usage_bytes), 0) AS BIGINT) AS used FROM duckdb_memory()',
  );
  const tablesBytes = Number(usage?.used ?? 0);
  await db.connection.run(`SET GLOBAL threads = ${db.limits.threads}`);
  await db.connection.run(`SET GLOBAL temp_directory = ''`);
  await db.connection.run(`SET GLOBAL max_temp_directory_size = '0B'`);
  await db.connection.run(`SET GLOBAL memory_limit = '${tablesBytes + db.limits.memoryLimitBytes}B'`);
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

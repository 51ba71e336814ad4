/**
 * Read-only SQL over a loaded bundle, for people (`nightshift sql`) and models (the `sql` tool).
 * Three guards, each enough alone for its own risk: the database has no file access and locked
 * settings (see `lockDown`), a statement must be a single SELECT (or EXPLAIN of one), and every query
 * has a row cap, a memory limit (`QueryLimits`, set when the bundle is loaded) and a time limit, so a
 * careless query costs a bounded amount of memory and time.
 */
import {
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBResult,
  StatementType,
} from '@duckdb/node-api';
import { formatDuration, NightshiftError } from '../../core/index.js';
import { duckDbMessage, type QueryLimits } from './client.js';
import type { BundleDb } from './load.js';
import { parseJson, toJsonValue, typeName } from './map.js';
import { tableSignatures } from './schema.js';

export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** setTimeout fires at once for delays past 2^31 - 1 ms; longer limits are held to that (~24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;
/** How often a timed-out query is interrupted again until DuckDB lets go of it; see `stopWhenLate`. */
const INTERRUPT_REPEAT_MS = 50;

export interface QueryOptions {
  /** Rows returned at most; more set `truncated`. Default 1000. */
  maxRows?: number;
  /**
   * The query is interrupted, and `query` rejects with QUERY_TIMEOUT, after this long. Default 10 s.
   * Memory and threads are limits of the database, not of one query: see `LoadOptions.queryLimits`.
   */
  timeoutMs?: number;
  /**
   * Stops the query as its deadline would (QUERY_TIMEOUT), for a caller that keeps its own clock:
   * the parent of an isolated database (`loadIsolatedBundle`) aborts it when its deadline passes.
   */
  signal?: AbortSignal;
  /**
   * Called once DuckDB has let go of the query and its connection is closed: as it settles for a
   * query that ends by itself, later for one stopped in a call that does not see interrupts.
   */
  onReleased?: () => void;
}

export interface QueryColumn {
  name: string;
  /** DuckDB type, e.g. `TIMESTAMPTZ`, `BIGINT`, `JSON`. */
  type: string;
}

export interface QueryResult {
  columns: QueryColumn[];
  /** JSON-safe: instants as ISO 8601 UTC strings, integers as numbers when they fit, JSON parsed. */
  rows: Record<string, unknown>[];
  /** The query had more rows than `maxRows`; only the first `maxRows` are returned. */
  truncated: boolean;
  elapsedMs: number;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Runs one read-only statement. Throws NightshiftError `READ_ONLY` for anything but a SELECT or
 * EXPLAIN (and for file access), `BAD_INPUT` for zero or several statements, `QUERY_TIMEOUT` when it
 * runs past `timeoutMs`, `QUERY_FAILED` saying so when it needs more memory than the database's
 * `QueryLimits` allow, and `QUERY_FAILED` with DuckDB's message (which points at the line and
 * column) for any other error.
 *
 * The answer comes at the deadline even when DuckDB has not stopped yet: `interrupt()` is only seen
 * between units of work, and some work is one long call that never looks (a constant expression such
 * as `levenshtein(repeat('a', 30000), …)` is folded while the statement is prepared). The query is
 * interrupted until it unwinds, and its connection is closed then, in the background. Meanwhile it
 * holds its memory and a thread; where the limits must hold whatever the query (SQL a model wrote),
 * use `loadIsolatedBundle`, which kills the process instead.
 */
export async function query(db: BundleDb, sql: string, options: QueryOptions = {}): Promise<QueryResult> {
  const maxRows = positiveInteger('maxRows', options.maxRows ?? DEFAULT_MAX_ROWS);
  const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  // A connection per query: interrupting it on timeout stops this query and no other.
  const connection = await db.duckdb.instance.connect();
  const started = performance.now();
  const late = new AbortController();
  const running = readQuery(connection, sql, maxRows, late.signal);
  const stop = stopWhenLate(connection, running, options.onReleased);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.min(timeoutMs, MAX_TIMER_MS));
    onAbort = () => resolve(TIMED_OUT);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const outcome = await Promise.race([running, deadline]);
    if (outcome === TIMED_OUT) {
      late.abort();
      stop();
      throw timeoutError(performance.now() - started, timeoutMs);
    }
    return { ...outcome, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    throw queryError(error, db.duckdb.limits);
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Closes `connection` once `running` settles, and returns the function that stops it when late: it
 * interrupts at once and again every INTERRUPT_REPEAT_MS, because DuckDB clears the interrupt flag
 * when a statement starts, so an interrupt that lands between two calls (prepare, then execute) would
 * otherwise be forgotten and the next call run unbounded.
 */
function stopWhenLate(
  connection: DuckDBConnection,
  running: Promise<unknown>,
  onReleased?: () => void,
): () => void {
  let settled = false;
  let repeat: NodeJS.Timeout | undefined;
  const release = (): void => {
    settled = true;
    clearInterval(repeat);
    connection.closeSync();
    onReleased?.();
  };
  running.then(release, release);
  return () => {
    if (settled) return;
    connection.interrupt();
    repeat = setInterval(() => connection.interrupt(), INTERRUPT_REPEAT_MS);
  };
}

/** Prepares, runs and reads the query; starts no further DuckDB call once `late` is aborted. */
async function readQuery(
  connection: DuckDBConnection,
  sql: string,
  maxRows: number,
  late: AbortSignal,
): Promise<Omit<QueryResult, 'elapsedMs'>> {
  const prepared = await prepareReadOnly(connection, sql, late);
  late.throwIfAborted();
  const result = await prepared.stream();
  // One row past the cap tells whether there were more, without reading the rest.
  const rows = await readUpTo(result, maxRows + 1, late);
  const types = result.columnTypes();
  return {
    // Deduplicated (`n`, `n:1`) so that every column is a distinct key of the row objects.
    columns: result.deduplicatedColumnNames().map((name, i) => ({ name, type: typeName(types[i]!) })),
    rows: rows.slice(0, maxRows),
    truncated: rows.length > maxRows,
  };
}

function queryError(error: unknown, limits: Readonly<QueryLimits>): NightshiftError {
  if (error instanceof NightshiftError) return error;
  const message = duckDbMessage(error);
  // DuckDB refuses file access (read_csv, COPY, sniff_csv…) while binding or running, once locked down.
  if (message.startsWith('Permission Error')) return fileAccessError(message, error);
  if (message.startsWith('Out of Memory Error')) return memoryError(limits.memoryLimitBytes, error);
  return new NightshiftError('QUERY_FAILED', message, {
    hint: `Tables: ${tableSignatures()}.`,
    cause: error,
  });
}

/** Parses and binds `sql`, and returns it only if it is a single statement that reads. */
async function prepareReadOnly(
  connection: DuckDBConnection,
  sql: string,
  late: AbortSignal,
): Promise<DuckDBPreparedStatement> {
  const extracted = await connection.extractStatements(sql);
  if (extracted.count !== 1) {
    throw new NightshiftError('BAD_INPUT', `give exactly one SQL statement; got ${extracted.count}`, {
      hint: 'Combine steps into one SELECT with WITH … AS (…) subqueries.',
    });
  }
  late.throwIfAborted();
  const prepared = await extracted.prepare(0);
  const type = prepared.statementType;
  if (type === StatementType.SELECT) return prepared;
  // EXPLAIN ANALYZE runs the statement it explains, so that statement must be a SELECT as well.
  if (type === StatementType.EXPLAIN) {
    const inner = explainedStatement(sql);
    if (inner !== undefined && (await isSelect(connection, inner, late))) return prepared;
    throw readOnlyError('an EXPLAIN of a statement that is not a SELECT');
  }
  const name = StatementType[type] ?? 'non-SELECT';
  throw readOnlyError(`${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} statement`);
}

const EXPLAIN_PREFIX = /^(?:\s+|--[^\n]*\n|\/\*[\s\S]*?\*\/)*explain\s+(?:analy[sz]e\s+|\([^)]*\)\s*)?/i;

/** The statement an EXPLAIN explains, or undefined when its prefix is not one we recognise. */
function explainedStatement(sql: string): string | undefined {
  const match = EXPLAIN_PREFIX.exec(sql);
  return match === null ? undefined : sql.slice(match[0].length);
}

async function isSelect(connection: DuckDBConnection, sql: string, late: AbortSignal): Promise<boolean> {
  late.throwIfAborted();
  const extracted = await connection.extractStatements(sql);
  if (extracted.count !== 1) return false;
  late.throwIfAborted();
  const prepared = await extracted.prepare(0);
  return prepared.statementType === StatementType.SELECT;
}

async function readUpTo(
  result: DuckDBResult,
  limit: number,
  late: AbortSignal,
): Promise<Record<string, unknown>[]> {
  const names = result.deduplicatedColumnNames();
  // A chunk's vectors lose the JSON alias of their type; the result's column types keep it.
  const isJson = result.columnTypes().map((type) => type.alias === 'JSON');
  const rows: Record<string, unknown>[] = [];
  while (rows.length < limit) {
    late.throwIfAborted();
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    for (const values of chunk.convertRows(toJsonValue)) {
      if (rows.length === limit) break;
      rows.push(
        Object.fromEntries(names.map((name, i) => [name, isJson[i] ? parseJson(values[i]) : values[i]])),
      );
    }
  }
  return rows;
}

function readOnlyError(what: string): NightshiftError {
  return new NightshiftError('READ_ONLY', `only SELECT queries are allowed; this is ${what}`, {
    hint: 'The bundle is loaded read-only: query its tables with SELECT (or EXPLAIN).',
  });
}

function fileAccessError(message: string, cause: unknown): NightshiftError {
  return new NightshiftError(
    'READ_ONLY',
    `only SELECT queries over the bundle's tables are allowed: ${message}`,
    {
      hint: 'Files and URLs cannot be read from a query; the bundle is already loaded into the tables.',
      cause,
    },
  );
}

export function memoryError(limitBytes: number, cause: unknown): NightshiftError {
  return new NightshiftError(
    'QUERY_FAILED',
    `the query needed more than ${formatBytes(limitBytes)}; narrow it with WHERE or LIMIT`,
    {
      hint: 'Filter to the incident window, aggregate before joining, and do not join a large table with itself. The limit is set when the bundle is loaded (nightshift sql --memory-limit).',
      cause,
    },
  );
}

/** `1 GB`, `64 MB`, `1.5 GB`: decimal units, as the limits are given. */
function formatBytes(bytes: number): string {
  const [unit, size] = bytes >= 1e9 ? ['GB', 1e9] : bytes >= 1e6 ? ['MB', 1e6] : ['kB', 1e3];
  return `${Number((bytes / size).toFixed(1))} ${unit}`;
}

export function timeoutError(elapsedMs: number, timeoutMs: number): NightshiftError {
  return new NightshiftError(
    'QUERY_TIMEOUT',
    `query stopped after ${formatDuration(elapsedMs)}: it ran past the ${formatDuration(timeoutMs)} limit`,
    {
      hint: 'Narrow the time range (e.g. WHERE ts >= (SELECT starts_at FROM incident) - INTERVAL 30 MINUTE), add a LIMIT, or allow more time.',
    },
  );
}

export function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new NightshiftError('BAD_INPUT', `${name} must be a positive integer; got ${value}`);
  }
  return value;
}

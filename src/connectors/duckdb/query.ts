/**
 * Read-only SQL over a loaded bundle, for people (`nightshift sql`) and models (the `sql` tool).
 * Three guards, each enough alone for its own risk: the database has no file access and locked
 * settings (see `lockDown`), a statement must be a single SELECT (or EXPLAIN of one), and every query
 * has a row cap and a time limit, so a careless query costs a bounded amount of memory and time.
 */
import {
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBResult,
  StatementType,
} from '@duckdb/node-api';
import { formatDuration, NightshiftError } from '../../core/index.js';
import { duckDbMessage } from './client.js';
import type { BundleDb } from './load.js';
import { parseJson, toJsonValue, typeName } from './map.js';
import { tableSignatures } from './schema.js';

export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** setTimeout fires at once for delays past 2^31 - 1 ms; longer limits are held to that (~24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

export interface QueryOptions {
  /** Rows returned at most; more set `truncated`. Default 1000. */
  maxRows?: number;
  /** The query is interrupted after this long. Default 10 s. */
  timeoutMs?: number;
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

/**
 * Runs one read-only statement. Throws NightshiftError `READ_ONLY` for anything but a SELECT or
 * EXPLAIN (and for file access), `BAD_INPUT` for zero or several statements, `QUERY_TIMEOUT` when it
 * runs past `timeoutMs`, and `QUERY_FAILED` with DuckDB's message (which points at the line and
 * column) for any other error.
 */
export async function query(db: BundleDb, sql: string, options: QueryOptions = {}): Promise<QueryResult> {
  const maxRows = positiveInteger('maxRows', options.maxRows ?? DEFAULT_MAX_ROWS);
  const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  // A connection per query: interrupting it on timeout stops this query and no other.
  const connection = await db.duckdb.instance.connect();
  const started = performance.now();
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      connection.interrupt();
    },
    Math.min(timeoutMs, MAX_TIMER_MS),
  );
  try {
    const prepared = await prepareReadOnly(connection, sql);
    const result = await prepared.stream();
    // One row past the cap tells whether there were more, without reading the rest.
    const rows = await readUpTo(result, maxRows + 1);
    const types = result.columnTypes();
    return {
      // Deduplicated (`n`, `n:1`) so that every column is a distinct key of the row objects.
      columns: result.deduplicatedColumnNames().map((name, i) => ({ name, type: typeName(types[i]!) })),
      rows: rows.slice(0, maxRows),
      truncated: rows.length > maxRows,
      elapsedMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (error instanceof NightshiftError) throw error;
    if (timedOut) throw timeoutError(performance.now() - started, timeoutMs, error);
    const message = duckDbMessage(error);
    // DuckDB refuses file access (read_csv, COPY, sniff_csv…) while binding or running, once locked down.
    if (message.startsWith('Permission Error')) throw fileAccessError(message, error);
    throw new NightshiftError('QUERY_FAILED', message, {
      hint: `Tables: ${tableSignatures()}.`,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    connection.closeSync();
  }
}

/** Parses and binds `sql`, and returns it only if it is a single statement that reads. */
async function prepareReadOnly(connection: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const extracted = await connection.extractStatements(sql);
  if (extracted.count !== 1) {
    throw new NightshiftError('BAD_INPUT', `give exactly one SQL statement; got ${extracted.count}`, {
      hint: 'Combine steps into one SELECT with WITH … AS (…) subqueries.',
    });
  }
  const prepared = await extracted.prepare(0);
  const type = prepared.statementType;
  if (type === StatementType.SELECT) return prepared;
  // EXPLAIN ANALYZE runs the statement it explains, so that statement must be a SELECT as well.
  if (type === StatementType.EXPLAIN) {
    const inner = explainedStatement(sql);
    if (inner !== undefined && (await isSelect(connection, inner))) return prepared;
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

async function isSelect(connection: DuckDBConnection, sql: string): Promise<boolean> {
  const extracted = await connection.extractStatements(sql);
  if (extracted.count !== 1) return false;
  const prepared = await extracted.prepare(0);
  return prepared.statementType === StatementType.SELECT;
}

async function readUpTo(result: DuckDBResult, limit: number): Promise<Record<string, unknown>[]> {
  const names = result.deduplicatedColumnNames();
  // A chunk's vectors lose the JSON alias of their type; the result's column types keep it.
  const isJson = result.columnTypes().map((type) => type.alias === 'JSON');
  const rows: Record<string, unknown>[] = [];
  while (rows.length < limit) {
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

function timeoutError(elapsedMs: number, timeoutMs: number, cause: unknown): NightshiftError {
  return new NightshiftError(
    'QUERY_TIMEOUT',
    `query stopped after ${formatDuration(elapsedMs)}: it ran past the ${formatDuration(timeoutMs)} limit`,
    {
      hint: 'Narrow the time range (e.g. WHERE ts >= (SELECT starts_at FROM incident) - INTERVAL 30 MINUTE), add a LIMIT, or allow more time.',
      cause,
    },
  );
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new NightshiftError('BAD_INPUT', `${name} must be a positive integer; got ${value}`);
  }
  return value;
}

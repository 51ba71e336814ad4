/**
 * Loads a bundle into DuckDB with DuckDB's own readers: `read_json` with an explicit column map for
 * JSON Lines and `read_csv` with explicit columns for metrics.csv, so that no row passes through
 * JavaScript and a million log lines load in a few seconds. Gzip is read by DuckDB from the `.gz`
 * suffix. A source the bundle lacks still gets its table, empty, with the same columns.
 */
import { assertBundleFile, type DataFile, findBundleFiles } from '../../bundle/index.js';
import { type Incident, NightshiftError } from '../../core/index.js';
import {
  closeDuckDb,
  type DuckDb,
  duckDbMessage,
  lockDown,
  openDuckDb,
  type QueryLimits,
  readRows,
  runSql,
} from './client.js';
import { createIncidentTable, readIncident } from './incident.js';
import {
  type ColumnDef,
  DATA_TABLES,
  type DataTableDef,
  emptyTableSql,
  METRICS_CSV_FIXED_COLUMNS,
  metricsTable,
  type TableDef,
} from './schema.js';

/** A bundle loaded into DuckDB, read-only from the moment `loadBundle` returns. */
export interface BundleDb {
  readonly dir: string;
  readonly incident: Incident;
  readonly duckdb: DuckDb;
  /** How long loading took, for people deciding whether to keep a database file. */
  readonly loadMs: number;
  /** Closes the database; the handle cannot be used afterwards. */
  close(): void;
}

export interface LoadOptions {
  /** DuckDB database file to load into; in memory when omitted. */
  databasePath?: string;
  /** What each query may use once loaded; defaults in `DEFAULT_QUERY_LIMITS` (1 GB, 2 threads). */
  queryLimits?: Partial<QueryLimits>;
}

/**
 * Loads the bundle in `dir` into DuckDB: tables `metrics`, `logs`, `spans`, `changes`, `events`,
 * `incidents` (history.jsonl) and `incident` (incident.yaml); see `schema.ts` for their columns.
 * Afterwards the database has no file access and its settings are locked.
 */
export async function loadBundle(dir: string, options: LoadOptions = {}): Promise<BundleDb> {
  const started = performance.now();
  const files = await findBundleFiles(dir);
  const incident = await readIncident(files.incident);
  const duckdb = await open(options.databasePath, options.queryLimits);
  try {
    await createIncidentTable(duckdb, incident);
    // One table at a time: DuckDB already spreads each read over every core.
    for (const table of DATA_TABLES) {
      const file = files.data[table.source];
      // Checked again right before DuckDB opens the path: a FIFO swapped in since findBundleFiles
      // would block DuckDB's read forever, and DuckDB cannot be given an opened descriptor.
      if (file) await assertBundleFile(file.path);
      await loadTable(duckdb, table, file);
    }
    await lockDown(duckdb);
  } catch (error) {
    closeDuckDb(duckdb);
    throw error;
  }
  return {
    dir,
    incident,
    duckdb,
    loadMs: Math.round(performance.now() - started),
    close: () => closeDuckDb(duckdb),
  };
}

async function open(path: string | undefined, limits: Partial<QueryLimits> | undefined): Promise<DuckDb> {
  try {
    return await openDuckDb(path, limits);
  } catch (cause) {
    if (cause instanceof NightshiftError) throw cause;
    const message = `${path ?? ':memory:'}: cannot open DuckDB database: ${duckDbMessage(cause)}`;
    throw new NightshiftError('BAD_INPUT', message, { cause });
  }
}

async function loadTable(db: DuckDb, table: DataTableDef, file: DataFile | undefined): Promise<void> {
  try {
    await runSql(db, await tableSql(db, table, file));
  } catch (cause) {
    if (file === undefined) throw cause;
    throw new NightshiftError('BAD_BUNDLE', `${file.path}: cannot be loaded: ${duckDbMessage(cause)}`, {
      hint: 'Run `nightshift validate` on the bundle to see each problem with its line and field.',
      cause,
    });
  }
}

async function tableSql(db: DuckDb, table: DataTableDef, file: DataFile | undefined): Promise<string> {
  if (file === undefined) return emptyTableSql(table);
  if (table === metricsTable && file.format === 'csv') {
    return metricsCsvSql(file.path, await csvHeader(db, file.path));
  }
  return jsonLinesSql(table, file.path);
}

/** The SQL that reads a JSON Lines file (optionally .gz) into its table. */
function jsonLinesSql(table: DataTableDef, path: string): string {
  const read = table.columns
    .filter((c) => c.field !== undefined)
    .map((c) => `${sqlString(c.field!)}: ${sqlString(readType(c))}`)
    .join(', ');
  const from = `read_json(${sqlString(path)}, format = 'newline_delimited', columns = {${read}})`;
  return createTableSql(table, from, (c) => transformSql(c, quoteIdent(c.field!)));
}

/**
 * The SQL that reads metrics.csv (optionally .gz): the four fixed columns, then every further
 * header column as a label. Empty label cells are left out of `labels`, as a label that was not set.
 */
function metricsCsvSql(path: string, header: readonly string[]): string {
  const fixed: readonly string[] = METRICS_CSV_FIXED_COLUMNS.map((c) => c.header);
  if (fixed.some((name, i) => header[i] !== name)) {
    throw new Error(`header must start with ${fixed.join(',')}; got ${header.join(',')}`);
  }
  const labelNames = header.slice(fixed.length);
  const csvColumns = [
    ...METRICS_CSV_FIXED_COLUMNS.map((c) => [c.header, c.column === 'value' ? 'DOUBLE' : 'VARCHAR']),
    ...labelNames.map((name) => [name, 'VARCHAR']),
  ]
    .map(([name, type]) => `${sqlString(name!)}: ${sqlString(type!)}`)
    .join(', ');
  const from =
    `read_csv(${sqlString(path)}, header = true, auto_detect = false, delim = ',', quote = '"', ` +
    `escape = '"', columns = {${csvColumns}})`;
  const entries = labelNames.map((name) => `{'key': ${sqlString(name)}, 'value': ${quoteIdent(name)}}`);
  const labels =
    entries.length === 0
      ? `MAP {}`
      : `map_from_entries(list_filter([${entries.join(', ')}], lambda e: e.value IS NOT NULL))`;
  return createTableSql(metricsTable, from, (c) => {
    if (c.name === 'labels') return labels;
    const csv = METRICS_CSV_FIXED_COLUMNS.find((f) => f.column === c.name);
    return transformSql(c, quoteIdent(csv!.header));
  });
}

/** Column names of a CSV file's header, as DuckDB reads them (gzip included). */
async function csvHeader(db: DuckDb, path: string): Promise<string[]> {
  const rows = await readRows(
    db,
    `DESCRIBE SELECT * FROM read_csv(${sqlString(path)}, header = true, delim = ',', all_varchar = true)`,
  );
  return rows.map((row) => String(row.column_name));
}

/**
 * Reads in an inner query and casts in an outer one, so that every column has its declared type and
 * derived columns (spans.end_ts) can use the converted values.
 */
function createTableSql(table: TableDef, from: string, read: (column: ColumnDef) => string): string {
  const stored = table.columns.filter((c) => c.derived === undefined);
  const inner = stored.map((c) => `${read(c)} AS ${c.name}`).join(',\n    ');
  const outer = table.columns
    .map((c) => `CAST(${c.derived ?? c.name} AS ${c.type}) AS ${c.name}`)
    .join(',\n  ');
  return `CREATE OR REPLACE TABLE ${table.name} AS\nSELECT\n  ${outer}\nFROM (\n  SELECT\n    ${inner}\n  FROM ${from}\n)`;
}

/** The type read_json reads a field as: timestamps as text, so both of the spec's forms arrive intact. */
function readType(column: ColumnDef): string {
  return column.transform === 'timestamp' ? 'VARCHAR' : column.type;
}

function transformSql(column: ColumnDef, raw: string): string {
  switch (column.transform) {
    case 'timestamp':
      return timestampSql(raw);
    case 'lower':
      return `lower(${raw})`;
    case 'empty-map':
      return `coalesce(${raw}, MAP {})`;
    case 'empty-list':
      return `coalesce(${raw}, [])`;
    case undefined:
      return raw;
  }
}

/**
 * RFC 3339 text or integer epoch milliseconds → TIMESTAMPTZ. A JSON number read as VARCHAR is its
 * digits; `make_timestamptz(micros)` is exact and independent of the session time zone.
 */
function timestampSql(raw: string): string {
  return (
    `CASE WHEN regexp_full_match(${raw}, '-?[0-9]+') ` +
    `THEN make_timestamptz(CAST(${raw} AS BIGINT) * 1000) ELSE CAST(${raw} AS TIMESTAMPTZ) END`
  );
}

/** A SQL string literal; DuckDB strings have no backslash escapes, only doubled quotes. */
function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

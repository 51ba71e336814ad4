/**
 * The tables a bundle becomes in DuckDB, in one place: `load.ts` builds its SQL from them and
 * `describeTables` shows them to people and models writing queries. Names are snake_case so that a
 * query never needs quoted identifiers; each column says which bundle field it comes from
 * (docs/bundles.md) and how that field is turned into the column.
 */
import type { DataSource } from '../../bundle/index.js';

/**
 * How a bundle field becomes a column value:
 * - `timestamp`: RFC 3339 with a zone or integer epoch ms (mixed within a file) → TIMESTAMPTZ;
 * - `lower`: lower-cased text (log levels are "any case" in the spec);
 * - `empty-map`, `empty-list`: a missing collection reads as empty, as core's schemas default it.
 */
export type ColumnTransform = 'timestamp' | 'lower' | 'empty-map' | 'empty-list';

export interface ColumnDef {
  name: string;
  /** DuckDB type of the column; the table has exactly this type even when its source is absent. */
  type: string;
  description: string;
  /** Field of the JSON Lines record it is read from; absent for derived columns. */
  field?: string;
  transform?: ColumnTransform;
  /** SQL over the table's other columns, for a column computed after reading. */
  derived?: string;
}

export type TableName = 'metrics' | 'logs' | 'spans' | 'changes' | 'events' | 'incidents' | 'incident';

export interface TableDef {
  name: TableName;
  /** The bundle data file it is read from, or incident.yaml. */
  source: DataSource | 'incident.yaml';
  description: string;
  columns: readonly ColumnDef[];
}

/** Bundle sources whose files are read with DuckDB's own readers. */
export interface DataTableDef extends TableDef {
  source: DataSource;
}

const LABELS_TYPE = 'MAP(VARCHAR, VARCHAR)';

export const metricsTable: DataTableDef = {
  name: 'metrics',
  source: 'metrics',
  description: 'metric samples, long format: one row per (ts, service, metric, labels)',
  columns: [
    { name: 'ts', type: 'TIMESTAMPTZ', field: 'ts', transform: 'timestamp', description: 'sample time' },
    { name: 'service', type: 'VARCHAR', field: 'service', description: 'service the sample is about' },
    { name: 'metric', type: 'VARCHAR', field: 'metric', description: 'e.g. latency_p99_ms, error_ratio' },
    { name: 'value', type: 'DOUBLE', field: 'value', description: 'sample value' },
    {
      name: 'labels',
      type: LABELS_TYPE,
      field: 'labels',
      transform: 'empty-map',
      description: "extra labels (CSV label columns); read one with labels['route']",
    },
  ],
};

/** metrics.csv: `timestamp,service,metric,value` then label columns, one per label name. */
export const METRICS_CSV_FIXED_COLUMNS = [
  { header: 'timestamp', column: 'ts' },
  { header: 'service', column: 'service' },
  { header: 'metric', column: 'metric' },
  { header: 'value', column: 'value' },
] as const;

export const logsTable: DataTableDef = {
  name: 'logs',
  source: 'logs',
  description: 'log records',
  columns: [
    { name: 'ts', type: 'TIMESTAMPTZ', field: 'ts', transform: 'timestamp', description: 'record time' },
    { name: 'service', type: 'VARCHAR', field: 'service', description: 'emitting service' },
    {
      name: 'level',
      type: 'VARCHAR',
      field: 'level',
      transform: 'lower',
      description: 'trace, debug, info, warn, error or fatal (lower case)',
    },
    { name: 'message', type: 'VARCHAR', field: 'message', description: 'log message' },
    { name: 'trace_id', type: 'VARCHAR', field: 'traceId', description: 'trace id, joins spans.trace_id' },
    { name: 'attrs', type: 'JSON', field: 'attrs', description: "attributes; read one with attrs->>'pod'" },
  ],
};

export const spansTable: DataTableDef = {
  name: 'spans',
  source: 'traces',
  description: 'trace spans, one per row',
  columns: [
    { name: 'trace_id', type: 'VARCHAR', field: 'traceId', description: 'trace id' },
    { name: 'span_id', type: 'VARCHAR', field: 'spanId', description: 'span id' },
    {
      name: 'parent_span_id',
      type: 'VARCHAR',
      field: 'parentSpanId',
      description: 'parent span id; NULL for a root span',
    },
    { name: 'service', type: 'VARCHAR', field: 'service', description: 'service that ran the span' },
    { name: 'name', type: 'VARCHAR', field: 'name', description: 'operation, e.g. POST /checkout' },
    { name: 'start', type: 'TIMESTAMPTZ', field: 'start', transform: 'timestamp', description: 'start time' },
    { name: 'duration_ms', type: 'DOUBLE', field: 'durationMs', description: 'duration in milliseconds' },
    // `end` is a reserved word in SQL; `end_ts` needs no quoting.
    {
      name: 'end_ts',
      type: 'TIMESTAMPTZ',
      derived: 'start + to_microseconds(CAST(round(duration_ms * 1000) AS BIGINT))',
      description: 'start + duration',
    },
    { name: 'status', type: 'VARCHAR', field: 'status', description: 'ok or error' },
    { name: 'attrs', type: 'JSON', field: 'attrs', description: "attributes; read one with attrs->>'key'" },
  ],
};

export const changesTable: DataTableDef = {
  name: 'changes',
  source: 'changes',
  description: 'deploys, config changes, feature flags, scaling, migrations',
  columns: [
    { name: 'id', type: 'VARCHAR', field: 'id', description: 'change id, e.g. chg-0042' },
    { name: 'ts', type: 'TIMESTAMPTZ', field: 'ts', transform: 'timestamp', description: 'when it happened' },
    { name: 'service', type: 'VARCHAR', field: 'service', description: 'changed service' },
    {
      name: 'kind',
      type: 'VARCHAR',
      field: 'kind',
      description: 'deploy, config, feature_flag, scale, migration, infra or rollback',
    },
    { name: 'summary', type: 'VARCHAR', field: 'summary', description: 'one-line summary' },
    { name: 'version', type: 'VARCHAR', field: 'version', description: 'released version, if any' },
    { name: 'author', type: 'VARCHAR', field: 'author', description: 'who made it, if known' },
    { name: 'diff', type: 'VARCHAR', field: 'diff', description: 'the change itself, if recorded' },
    { name: 'url', type: 'VARCHAR', field: 'url', description: 'link to the change, if any' },
  ],
};

export const eventsTable: DataTableDef = {
  name: 'events',
  source: 'events',
  description: 'infrastructure events (Kubernetes-style)',
  columns: [
    { name: 'ts', type: 'TIMESTAMPTZ', field: 'ts', transform: 'timestamp', description: 'event time' },
    { name: 'service', type: 'VARCHAR', field: 'service', description: 'affected service' },
    { name: 'object', type: 'VARCHAR', field: 'object', description: 'e.g. pod/payments-7d9f' },
    { name: 'type', type: 'VARCHAR', field: 'type', description: 'Normal or Warning' },
    { name: 'reason', type: 'VARCHAR', field: 'reason', description: 'e.g. OOMKilled, BackOff' },
    { name: 'message', type: 'VARCHAR', field: 'message', description: 'event message' },
  ],
};

export const incidentsTable: DataTableDef = {
  name: 'incidents',
  source: 'history',
  description: 'past incidents of the same system (history.jsonl)',
  columns: [
    { name: 'id', type: 'VARCHAR', field: 'id', description: 'incident id' },
    { name: 'title', type: 'VARCHAR', field: 'title', description: 'title' },
    {
      name: 'started_at',
      type: 'TIMESTAMPTZ',
      field: 'startedAt',
      transform: 'timestamp',
      description: 'start',
    },
    {
      name: 'resolved_at',
      type: 'TIMESTAMPTZ',
      field: 'resolvedAt',
      transform: 'timestamp',
      description: 'resolution; NULL if unknown',
    },
    {
      name: 'services',
      type: 'VARCHAR[]',
      field: 'services',
      transform: 'empty-list',
      description: "services involved; filter with list_contains(services, 'x')",
    },
    { name: 'category', type: 'VARCHAR', field: 'category', description: 'root-cause category' },
    { name: 'root_cause', type: 'VARCHAR', field: 'rootCause', description: 'what caused it' },
    { name: 'resolution', type: 'VARCHAR', field: 'resolution', description: 'what fixed it' },
  ],
};

/** One row: the alert under investigation and the window the telemetry covers. */
export const incidentTable: TableDef = {
  name: 'incident',
  source: 'incident.yaml',
  description: 'the alert under investigation and the window the telemetry covers',
  columns: [
    { name: 'id', type: 'VARCHAR', description: 'bundle id' },
    { name: 'title', type: 'VARCHAR', description: 'incident title' },
    { name: 'alert_name', type: 'VARCHAR', description: 'alert name' },
    { name: 'service', type: 'VARCHAR', description: 'where the symptom was seen' },
    { name: 'severity', type: 'VARCHAR', description: 'critical, warning or info' },
    { name: 'starts_at', type: 'TIMESTAMPTZ', description: 'when the alert fired' },
    { name: 'window_start', type: 'TIMESTAMPTZ', description: 'start of the telemetry window' },
    { name: 'window_end', type: 'TIMESTAMPTZ', description: 'end of the telemetry window' },
  ],
};

/** Tables read from data files, in load order. */
export const DATA_TABLES: readonly DataTableDef[] = [
  metricsTable,
  logsTable,
  spansTable,
  changesTable,
  eventsTable,
  incidentsTable,
];

/** Every table a loaded bundle has, in the order `describeTables` lists them. */
export const TABLES: readonly TableDef[] = [incidentTable, ...DATA_TABLES];

/** `CREATE TABLE` with the table's columns and no rows: what a source the bundle lacks becomes. */
export function emptyTableSql(table: TableDef): string {
  const columns = table.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  return `CREATE OR REPLACE TABLE ${table.name} (${columns})`;
}

/** `logs(ts, service, …)` for each table: short enough for an error hint. */
export function tableSignatures(): string {
  return TABLES.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(', ')})`).join('; ');
}

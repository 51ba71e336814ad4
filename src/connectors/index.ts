export type {
  BundleDb,
  LoadOptions,
  QueryColumn,
  QueryOptions,
  QueryResult,
  TableDescription,
} from './duckdb/index.js';
export { DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_MS, describeTables, loadBundle, query } from './duckdb/index.js';
export { bundleSources } from './files/index.js';
export type {
  ChangeSource,
  EventSource,
  HistorySource,
  LogSource,
  MetricSource,
  ReadHints,
  Sources,
  TimeRange,
  TraceSource,
} from './sources.js';

export type { DuckDb } from './client.js';
export type { TableDescription } from './describe.js';
export { describeTables } from './describe.js';
export type { BundleDb, LoadOptions } from './load.js';
export { loadBundle } from './load.js';
export type { QueryColumn, QueryOptions, QueryResult } from './query.js';
export { DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_MS, query } from './query.js';
export type { ColumnDef, TableDef, TableName } from './schema.js';
export { TABLES } from './schema.js';

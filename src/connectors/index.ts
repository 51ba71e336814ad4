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
export { createGitSource, gitConfigSchema } from './git/index.js';
export { createJaegerSource, jaegerConfigSchema } from './jaeger/index.js';
export { createLokiSource, lokiConfigSchema } from './loki/index.js';
export { createPrometheusSource, prometheusConfigSchema } from './prometheus/index.js';
export type {
  ConnectorAuth,
  ConnectorContext,
  ConnectorDef,
  ConnectorName,
  ConnectorSecurity,
  SourceOfKind,
  SourcesConfig,
  TelemetryKind,
} from './registry.js';
export {
  CONNECTOR_NAMES,
  configuredConnectors,
  connector,
  connectors,
  createConnector,
  describeConnector,
  describeSources,
  sourcesConfigSchema,
} from './registry.js';
export type {
  ChangeSource,
  EventSource,
  HistorySource,
  LogSource,
  MetricSource,
  ReadHints,
  Sources,
  TraceSource,
} from './sources.js';

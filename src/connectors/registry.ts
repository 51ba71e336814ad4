/**
 * The live telemetry connectors, one entry each: the single source of truth for nightshift.yaml's
 * `sources:` section (`sourcesConfigSchema`), for the server's wiring (server/sources.ts iterates
 * `connectors`) and for `config check`'s sources line (`describeSources`). Adding a connector is
 * its folder plus one line here; an entry missing a property does not compile (registry.test.ts).
 *
 * `bundle` and `topology` stay two plain settings beside the connectors rather than entries: they
 * are not backends. A bundle directory serves every kind it holds at once (and enables the SQL
 * tool), under whatever the connectors configure; a topology file is the service graph, not
 * telemetry read over a time range. Neither has credentials, a client or a kind.
 */
import { z } from 'zod';
import { safeEndpoint } from '../core/index.js';
import { createGitSource, describeGit, gitConfigSchema } from './git/index.js';
import { createJaegerSource, describeJaeger, jaegerConfigSchema } from './jaeger/index.js';
import { createLokiSource, describeLoki, lokiConfigSchema } from './loki/index.js';
import { createPrometheusSource, prometheusConfigSchema } from './prometheus/index.js';
import type { ChangeSource, LogSource, MetricSource, TraceSource } from './sources.js';

/** The source interface each kind of telemetry is read through (keys of `Sources`). */
export interface SourceOfKind {
  metrics: MetricSource;
  logs: LogSource;
  traces: TraceSource;
  changes: ChangeSource;
}
export type TelemetryKind = keyof SourceOfKind;

/** What a connector gets from whoever builds it (the server, from nightshift.yaml). */
export interface ConnectorContext {
  /** A path from the config file, resolved against the file's folder. */
  resolvePath(path: string): string;
  /** Told about what a read did not do fully (a backend's warnings, a capped read). */
  warn(message: string): void;
}

/** How a connector authenticates: what a reviewer checks before pointing it at production. */
export type ConnectorAuth = 'bearer' | 'basic' | 'url-userinfo' | 'headers' | 'tenant-header' | 'none';

export interface ConnectorSecurity {
  /** Whether requests carry credentials (which core/http.ts then scrubs from every error). */
  sendsCredentials: boolean;
  /** The ways of authenticating the settings accept. */
  auth: readonly ConnectorAuth[];
  /** `network`: HTTP to the configured url (redirects refused); `local`: files or a local process. */
  reaches: 'network' | 'local';
}

/** One connector: what it serves, its settings, how it is built and described. */
export interface ConnectorDef<K extends TelemetryKind, S extends z.ZodType> {
  kind: K;
  /** One line for docs and `config check`. */
  description: string;
  /** Its part of nightshift.yaml's `sources:` (zod, parsed once where the file is read). */
  configSchema: S;
  create(settings: z.output<S>, context: ConnectorContext): SourceOfKind[K];
  /** Names the source for messages, spans and `config check`, e.g. `loki http://loki:3100`; no credentials. */
  describe(settings: z.output<S>, context?: Pick<ConnectorContext, 'resolvePath'>): string;
  security: ConnectorSecurity;
}

/** An entry, with `create` and `describe` typed by its schema. */
export function connector<K extends TelemetryKind, S extends z.ZodType>(
  def: ConnectorDef<K, S>,
): ConnectorDef<K, S> {
  return def;
}

/** Every live connector, by its key in nightshift.yaml's `sources:`. */
export const connectors = {
  prometheus: connector({
    kind: 'metrics',
    description: 'Prometheus or a compatible API (Thanos, Mimir): series via /api/v1/series and query_range',
    configSchema: prometheusConfigSchema,
    create: (settings, context) => createPrometheusSource(settings, { warn: context.warn }),
    describe: (settings) => `prometheus ${safeEndpoint(settings.url)}`,
    security: {
      sendsCredentials: true,
      auth: ['bearer', 'basic', 'url-userinfo', 'headers'],
      reaches: 'network',
    },
  }),
  loki: connector({
    kind: 'logs',
    description: 'Grafana Loki: log streams via /loki/api/v1/query_range, paged forward',
    configSchema: lokiConfigSchema,
    create: (settings) => createLokiSource(settings),
    describe: (settings) => describeLoki(settings),
    security: {
      sendsCredentials: true,
      auth: ['bearer', 'basic', 'url-userinfo', 'tenant-header'],
      reaches: 'network',
    },
  }),
  jaeger: connector({
    kind: 'traces',
    description: "Jaeger's query service: spans via its OTLP JSON API (v3) or the UI's JSON API (v1)",
    configSchema: jaegerConfigSchema,
    create: (settings) => createJaegerSource(settings),
    describe: (settings) => describeJaeger(settings),
    security: { sendsCredentials: true, auth: ['bearer', 'basic', 'url-userinfo'], reaches: 'network' },
  }),
  git: connector({
    kind: 'changes',
    description:
      'A local git repository: commits touching mapped paths become deploys, config changes, rollbacks',
    configSchema: gitConfigSchema,
    create: (settings, context) => createGitSource({ ...settings, repo: context.resolvePath(settings.repo) }),
    describe: (settings, context) =>
      describeGit({ ...settings, repo: context ? context.resolvePath(settings.repo) : settings.repo }),
    security: { sendsCredentials: false, auth: ['none'], reaches: 'local' },
  }),
} satisfies Record<string, ConnectorDef<TelemetryKind, z.ZodType>>;

export type ConnectorName = keyof typeof connectors;
export const CONNECTOR_NAMES = Object.keys(connectors) as ConnectorName[];

/** `{ prometheus: prometheusConfigSchema, … }`, typed entry by entry. */
function connectorShape(): { [N in ConnectorName]: (typeof connectors)[N]['configSchema'] } {
  return Object.fromEntries(CONNECTOR_NAMES.map((name) => [name, connectors[name].configSchema])) as {
    [N in ConnectorName]: (typeof connectors)[N]['configSchema'];
  };
}

/** nightshift.yaml's `sources:` section: each connector's settings, plus `bundle` and `topology`. */
export const sourcesConfigSchema = z
  .object({
    ...connectorShape(),
    /** An incident bundle directory serving whatever the connectors above do not. */
    bundle: z.string().min(1),
    /** A topology.yaml describing the service graph (as in bundles). */
    topology: z.string().min(1),
  })
  .partial()
  .strict();
export type SourcesConfig = z.output<typeof sourcesConfigSchema>;

/** The configured connectors, each with its settings, in registry order. */
export function configuredConnectors(config: SourcesConfig): { name: ConnectorName; settings: unknown }[] {
  return CONNECTOR_NAMES.flatMap((name) =>
    config[name] === undefined ? [] : [{ name, settings: config[name] }],
  );
}

/**
 * One phrase per configured source, without credentials, for `config check` and the server log:
 * e.g. `['bundle ./incident', 'prometheus http://prom:9090', 'topology ./topology.yaml']`.
 */
export function describeSources(config: SourcesConfig): string[] {
  return [
    ...(config.bundle === undefined ? [] : [`bundle ${config.bundle}`]),
    ...configuredConnectors(config).map(({ name, settings }) => describeConnector(name, settings)),
    ...(config.topology === undefined ? [] : [`topology ${config.topology}`]),
  ];
}

/** `connectors[name].describe(settings)`, for a name known only at run time. */
export function describeConnector(
  name: ConnectorName,
  settings: unknown,
  context?: Pick<ConnectorContext, 'resolvePath'>,
): string {
  // Settings come from sourcesConfigSchema, which parsed them with this entry's own schema.
  const def = connectors[name] as ConnectorDef<TelemetryKind, z.ZodType>;
  return def.describe(settings, context);
}

/** `connectors[name].create(settings, context)` with its kind, for a name known only at run time. */
export function createConnector(
  name: ConnectorName,
  settings: unknown,
  context: ConnectorContext,
): { kind: TelemetryKind; source: SourceOfKind[TelemetryKind] } {
  const def = connectors[name] as ConnectorDef<TelemetryKind, z.ZodType>;
  return { kind: def.kind, source: def.create(settings, context) };
}

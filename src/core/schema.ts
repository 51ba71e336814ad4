/**
 * Zod schemas of the domain, as they enter Nightshift (bundles, APIs, config). Each schema parses
 * the wire form and yields the internal form: timestamps become epoch milliseconds, levels lower
 * case, optional collections empty rather than missing. Types are inferred from the schemas.
 */
import { z } from 'zod';
import { parseTimestamp, TIMESTAMP_EXPECTATION } from './time.js';

/** RFC 3339 with a zone, or integer epoch ms → epoch ms. */
export const timestampSchema = z.unknown().transform((value, ctx) => {
  const ms = parseTimestamp(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `${TIMESTAMP_EXPECTATION}, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return ms;
});

const name = z.string().trim().min(1, 'must not be empty');
const labelsSchema = z.record(z.string(), z.string());
const attrsSchema = z.record(z.string(), z.unknown());

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** The root-cause categories of the bundle format (docs/bundles.md, truth.yaml). */
export const ROOT_CAUSE_CATEGORIES = [
  'bad_deploy',
  'code_error',
  'config_change',
  'feature_flag',
  'resource_cpu',
  'resource_memory',
  'resource_disk',
  'connection_pool_exhaustion',
  'database',
  'cache_failure',
  'queue_backlog',
  'network',
  'dependency_outage',
  'third_party_outage',
  'traffic_surge',
  'certificate_expiry',
  'other',
] as const;
export const rootCauseCategorySchema = z.enum(ROOT_CAUSE_CATEGORIES);
export type RootCauseCategory = z.infer<typeof rootCauseCategorySchema>;

export const timeWindowSchema = z
  .object({ start: timestampSchema, end: timestampSchema })
  .refine((w) => w.end > w.start, { message: 'window end must be after its start', path: ['end'] });
export type TimeWindow = z.infer<typeof timeWindowSchema>;

export const alertSchema = z.object({
  name,
  service: name,
  severity: severitySchema,
  startsAt: timestampSchema,
  endsAt: timestampSchema.optional(),
  labels: labelsSchema.default({}),
  annotations: labelsSchema.default({}),
});
export type Alert = z.infer<typeof alertSchema>;

/** incident.yaml */
export const incidentSchema = z.object({
  version: z.literal(1, { error: 'only bundle version 1 is supported' }),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-" only'),
  title: name,
  alert: alertSchema,
  window: timeWindowSchema,
});
export type Incident = z.infer<typeof incidentSchema>;

export const SERVICE_KINDS = ['service', 'database', 'cache', 'queue', 'external'] as const;
export const serviceKindSchema = z.enum(SERVICE_KINDS);
export type ServiceKind = z.infer<typeof serviceKindSchema>;

/** topology.yaml */
export const topologySchema = z
  .object({
    services: z
      .array(
        z.object({
          name,
          kind: serviceKindSchema.default('service'),
          dependsOn: z.array(name).default([]),
        }),
      )
      .min(1, 'list at least one service'),
  })
  .superRefine((topology, ctx) => {
    const names = new Set(topology.services.map((s) => s.name));
    topology.services.forEach((service, i) => {
      service.dependsOn.forEach((dep, j) => {
        if (!names.has(dep)) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', i, 'dependsOn', j],
            message: `"${dep}" is not a service listed in this topology`,
          });
        }
      });
    });
  });
export type Topology = z.infer<typeof topologySchema>;
export type TopologyService = Topology['services'][number];

export const metricSampleSchema = z.object({
  ts: timestampSchema,
  service: name,
  metric: name,
  value: z.number().refine(Number.isFinite, 'must be a finite number'),
  labels: labelsSchema.default({}),
});
export type MetricSample = z.infer<typeof metricSampleSchema>;

/** A metric series in columnar form: timestamps (ascending epoch ms) and values side by side. */
export interface Series {
  service: string;
  metric: string;
  labels: Record<string, string>;
  timestamps: number[];
  values: number[];
}

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const logLevelSchema = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')} (any case)` }));
export type LogLevel = (typeof LOG_LEVELS)[number];

export const logRecordSchema = z.object({
  ts: timestampSchema,
  service: name,
  level: logLevelSchema,
  message: z.string(),
  traceId: z.string().optional(),
  attrs: attrsSchema.optional(),
});
export type LogRecord = z.infer<typeof logRecordSchema>;

export const spanSchema = z.object({
  traceId: name,
  spanId: name,
  parentSpanId: name
    .nullish()
    .transform((v) => v ?? undefined)
    .optional(),
  service: name,
  name,
  start: timestampSchema,
  durationMs: z.number().nonnegative('must be zero or more'),
  status: z.enum(['ok', 'error']),
  attrs: attrsSchema.optional(),
});
export type Span = z.infer<typeof spanSchema>;

export const CHANGE_KINDS = [
  'deploy',
  'config',
  'feature_flag',
  'scale',
  'migration',
  'infra',
  'rollback',
] as const;
export const changeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof changeKindSchema>;

export const changeSchema = z.object({
  id: name,
  ts: timestampSchema,
  service: name,
  kind: changeKindSchema,
  summary: z.string(),
  version: z.string().optional(),
  author: z.string().optional(),
  diff: z.string().optional(),
  url: z.string().optional(),
});
export type Change = z.infer<typeof changeSchema>;

export const infraEventSchema = z.object({
  ts: timestampSchema,
  service: name,
  object: name,
  type: name,
  reason: name,
  message: z.string(),
});
export type InfraEvent = z.infer<typeof infraEventSchema>;

export const pastIncidentSchema = z.object({
  id: name,
  title: name,
  startedAt: timestampSchema,
  resolvedAt: timestampSchema.optional(),
  services: z.array(name).default([]),
  category: rootCauseCategorySchema,
  rootCause: z.string(),
  resolution: z.string().optional(),
});
export type PastIncident = z.infer<typeof pastIncidentSchema>;

/** truth.yaml: read only by scoring code (backtests, benchmarks), never by an investigation. */
export const truthSchema = z.object({
  rootCause: z.object({
    service: name,
    category: rootCauseCategorySchema,
    change: name.optional(),
    startedAt: timestampSchema.optional(),
    summary: z.string().optional(),
  }),
  alsoAcceptable: z
    .array(z.object({ service: name.optional(), category: rootCauseCategorySchema.optional() }))
    .default([]),
});
export type Truth = z.infer<typeof truthSchema>;

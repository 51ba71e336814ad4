/**
 * Evidence: what one investigation collected (redacted), with the alert, the window and range it was
 * read for and the topology its service graph came from. It is everything a brain reads (the
 * built-in brain through `ctx.data`, the LLM brain through tools that compute from it), so an
 * investigation re-runs from it with no source at all: `evidenceInput` turns it back into sources.
 *
 * The schema checks shape, not the domain rules of the bundle format: evidence is what Nightshift
 * itself collected from any connector, and a replay must see it exactly as the original did (a
 * name is not trimmed, an empty one is not refused).
 */
import { z } from 'zod';
import type { Sources } from '../connectors/sources.js';
import { NightshiftError, SEVERITIES, type TimeRange } from '../core/index.js';
import { SOURCES, type SourceName } from './collect.js';
import type { InvestigationEvidence, InvestigationInput } from './run.js';

export const EVIDENCE_VERSION = 1;

const labels = z.record(z.string(), z.string());
const attrs = z.record(z.string(), z.unknown());
const range = z.object({ start: z.number(), end: z.number() }).strict();
const sourceName = z.enum(SOURCES);

const alertSchema = z.object({
  name: z.string(),
  service: z.string(),
  severity: z.enum(SEVERITIES),
  startsAt: z.number(),
  endsAt: z.number().optional(),
  labels,
  annotations: labels,
});

/** JSON has no NaN: a NaN sample was written as null and reads back as NaN, as it was collected. */
const sampleValue = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);

const seriesSchema = z.object({
  service: z.string(),
  metric: z.string(),
  labels,
  timestamps: z.array(z.number()),
  values: z.array(sampleValue),
});

const logSchema = z.object({
  ts: z.number(),
  service: z.string(),
  level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']),
  message: z.string(),
  traceId: z.string().optional(),
  attrs: attrs.optional(),
});

const spanSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  service: z.string(),
  name: z.string(),
  start: z.number(),
  durationMs: z.number(),
  status: z.enum(['ok', 'error']),
  attrs: attrs.optional(),
});

const changeSchema = z.object({
  id: z.string(),
  ts: z.number(),
  service: z.string(),
  kind: z.enum(['deploy', 'config', 'feature_flag', 'scale', 'migration', 'infra', 'rollback']),
  summary: z.string(),
  version: z.string().optional(),
  author: z.string().optional(),
  diff: z.string().optional(),
  url: z.string().optional(),
});

const eventSchema = z.object({
  ts: z.number(),
  service: z.string(),
  object: z.string(),
  type: z.string(),
  reason: z.string(),
  message: z.string(),
});

const pastIncidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  startedAt: z.number(),
  resolvedAt: z.number().optional(),
  services: z.array(z.string()),
  category: z.string(),
  rootCause: z.string(),
  resolution: z.string().optional(),
});

const topologySchema = z.object({
  services: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['service', 'database', 'cache', 'queue', 'external']),
      dependsOn: z.array(z.string()),
    }),
  ),
});

export const evidenceSchema = z
  .object({
    version: z.literal(EVIDENCE_VERSION, { error: `only evidence version ${EVIDENCE_VERSION} is known` }),
    incidentId: z.string(),
    alert: alertSchema,
    window: range,
    range,
    topology: topologySchema.optional(),
    collected: z.object({
      series: z.array(seriesSchema),
      logs: z.array(logSchema),
      spans: z.array(spanSchema),
      changes: z.array(changeSchema),
      events: z.array(eventSchema),
      history: z.array(pastIncidentSchema),
      missing: z.array(z.object({ source: sourceName, reason: z.string() })),
      elapsedMs: z.record(sourceName, z.number()),
    }),
  })
  .strict();

/** The evidence of one investigation; the same shape `investigate` keeps with `keepEvidence`. */
export type Evidence = InvestigationEvidence;

/**
 * Reads evidence JSON; BAD_INPUT names `where` (a file or a store row) and the first bad field.
 * The result is typed as the collect's own types: the categories and kinds the schema leaves open
 * (a past incident's category) are whatever the original collect held.
 */
export function parseEvidence(json: unknown, where: string): Evidence {
  const parsed = evidenceSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(top level)';
    throw new NightshiftError(
      'BAD_INPUT',
      `${where}: evidence field "${field}": ${issue?.message ?? 'invalid'}`,
      {
        hint: 'Evidence is written by Nightshift (evidence.json.gz); export or save the investigation again rather than editing it.',
      },
    );
  }
  return parsed.data as unknown as Evidence;
}

/**
 * The investigation input that re-runs `evidence`: every source that answered answers again with
 * exactly what it returned (whatever range it is asked for: it was read for `evidence.range`, and
 * a replay reads the same range), every source that was missing is absent and reported with its
 * recorded reason, and the topology is the one the graph was built from.
 */
export function evidenceInput(evidence: Evidence): InvestigationInput {
  const { collected } = evidence;
  const missing = new Map(collected.missing.map((m) => [m.source, m.reason]));
  const answers = (source: SourceName) => !missing.has(source);
  const replayed =
    <T>(records: T[]) =>
    async (_range: TimeRange, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      return records;
    };
  const sources: Sources = {
    ...(answers('metrics') && { metrics: { series: replayed(collected.series) } }),
    ...(answers('logs') && { logs: { logs: replayed(collected.logs) } }),
    ...(answers('traces') && { traces: { spans: replayed(collected.spans) } }),
    ...(answers('changes') && { changes: { changes: replayed(collected.changes) } }),
    ...(answers('events') && { events: { events: replayed(collected.events) } }),
    ...(answers('history') && {
      history: { incidents: (signal?: AbortSignal) => replayed(collected.history)(evidence.range, signal) },
    }),
    ...(evidence.topology && { topology: evidence.topology }),
    describe: Object.fromEntries(SOURCES.map((s) => [s, 'recorded evidence'])),
  };
  return {
    incidentId: evidence.incidentId,
    alert: evidence.alert,
    sources,
    window: evidence.window,
    missingReasons: Object.fromEntries(missing),
  };
}

/**
 * The coordinator: one investigation of one incident bundle. Reads every source in parallel with a
 * per-source time limit (a slow or failing source becomes a missing source, never a failed run),
 * finds the incident's windows, hands the brain the tools, and keeps the whole run as a trace.
 */
import {
  redactAlert,
  redactChange,
  redactDeep,
  redactInfraEvent,
  redactLogRecord,
  redactPastIncident,
  redactSeriesLabels,
  redactSpan,
  redactString,
} from '../anonymise/index.js';
import { type BundleCacheOptions, openBundle } from '../bundle/index.js';
import { bundleSources } from '../connectors/files/index.js';
import type { Sources } from '../connectors/sources.js';
import type { Alert, Report, TimeRange, Topology } from '../core/index.js';
import { type TraceRecord, Tracer } from '../tracing/index.js';
import { type Brain, type BrainName, brains } from './brains/index.js';
import { type Collected, collectSources, DEFAULT_SOURCE_TIMEOUT_MS, type SourceName } from './collect.js';
import { CONTEXT_ATTRIBUTE, summariseContext } from './context-summary.js';
import { graphOf } from './graph.js';
import { type ToolContext, withInvestigationScope } from './tools/index.js';
import { findWindows, readRange } from './windows.js';

export interface InvestigateOptions {
  brain?: BrainName | Brain;
  /** Hypothesise → review → revise rounds at most. */
  maxRounds?: number;
  /** Time limit for reading each source. */
  sourceTimeoutMs?: number;
  /** Clock, for ids and the trace; injected by tests. */
  now?: () => number;
  /** Keep what was collected as `Investigation.evidence`, so the run can be replayed (src/replay). */
  keepEvidence?: boolean;
  /**
   * The bundle read cache (src/bundle/cache) for `investigateBundle`, or false to read the files
   * every time. Default: on, unless the environment sets NIGHTSHIFT_BUNDLE_CACHE=off.
   */
  bundleCache?: BundleCacheOptions | false;
}

/**
 * What an investigation collected, redacted, with what it was read for: everything a brain needs to
 * run again without the sources (src/investigate/evidence.ts is its schema and docs/replay.md its story).
 */
export interface InvestigationEvidence {
  version: 1;
  incidentId: string;
  alert: Alert;
  window: TimeRange;
  /** The stretch read (`readRange` of the alert and the window). */
  range: TimeRange;
  /** The topology the service graph was built from; absent when the graph came from traces. */
  topology?: Topology;
  collected: Collected;
}

export interface Investigation {
  id: string;
  incidentId: string;
  /** The bundle read, when the evidence was one. */
  bundleDir?: string;
  alert: Alert;
  brain: string;
  startedAt: number;
  elapsedMs: number;
  rounds: number;
  notes: string[];
  report: Report;
  trace: TraceRecord;
  /** Only with `keepEvidence`: what was collected, for replay. */
  evidence?: InvestigationEvidence;
}

export const DEFAULT_MAX_ROUNDS = 3;

/** What one investigation examines: an alert, where its evidence is, and the incident's window. */
export interface InvestigationInput {
  /** Names the incident in ids and traces: a bundle's id, or intake's investigation id. */
  incidentId: string;
  alert: Alert;
  sources: Sources;
  /** The telemetry window; the read range is cut from it around the alert. */
  window: TimeRange;
  /** Why an absent source is missing, in the brief. */
  absentReason?: string;
  /** The investigation's id; by default derived from the incident id and the start time. */
  id?: string;
  /** A replay's recorded reason for each missing source, kept over the reason the collect gives. */
  missingReasons?: Partial<Record<SourceName, string>>;
}

export async function investigateBundle(
  dir: string,
  options: InvestigateOptions = {},
): Promise<Investigation> {
  const cache = options.bundleCache ?? bundleCacheFromEnv(process.env);
  return investigate(await bundleInvestigationInput(dir, cache === false ? undefined : cache), options);
}

/** The read cache is on unless NIGHTSHIFT_BUNDLE_CACHE is `off` (or `0`, `false`). */
export function bundleCacheFromEnv(env: NodeJS.ProcessEnv): BundleCacheOptions | false {
  const value = env.NIGHTSHIFT_BUNDLE_CACHE?.trim().toLowerCase();
  return value === 'off' || value === '0' || value === 'false' ? false : {};
}

/**
 * What an investigation of a bundle folder examines: its incident's alert, its files, its window.
 * With `cache`, the large files are read through the bundle read cache.
 */
export async function bundleInvestigationInput(
  dir: string,
  cache?: BundleCacheOptions,
): Promise<InvestigationInput> {
  const bundle = await openBundle(dir, cache ? { cache } : {});
  const { incident } = bundle;
  return {
    incidentId: incident.id,
    alert: incident.alert,
    sources: bundleSources(bundle, dir),
    window: incident.window,
    absentReason: 'not in the bundle',
  };
}

export async function investigate(
  input: InvestigationInput,
  options: InvestigateOptions = {},
): Promise<Investigation> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const started = performance.now();
  const brain = typeof options.brain === 'object' ? options.brain : brains[options.brain ?? 'builtin'];
  const { sources, incidentId } = input;
  const alert = redactAlert(input.alert);
  const id = input.id ?? investigationId(incidentId, startedAt);
  const tracer = new Tracer({ traceId: id, name: `investigate ${incidentId}`, now });
  let evidence: InvestigationEvidence | undefined;
  const onCollected: ToolContextOptions['onCollected'] = options.keepEvidence
    ? ({ range, data }) => {
        const { topology } = sources;
        evidence = {
          version: 1,
          incidentId,
          alert,
          window: input.window,
          range,
          ...(topology && { topology: redactDeep(topology) }),
          collected: data,
        };
      }
    : undefined;

  const result = await tracer.span(
    `investigation ${incidentId}`,
    'investigation',
    {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'coordinator',
      'nightshift.brain': brain.name,
    },
    (root) =>
      withToolContext(
        { ...input, alert },
        { tracer, sourceTimeoutMs: options.sourceTimeoutMs, onCollected },
        (ctx) => {
          // Kept with the trace, so a stored investigation can become an eval case or be replayed.
          root.setAttributes({ [CONTEXT_ATTRIBUTE]: JSON.stringify(summariseContext(ctx)) });
          return brain.investigate({
            ctx,
            tracer,
            incidentId,
            maxRounds: options.maxRounds ?? DEFAULT_MAX_ROUNDS,
          });
        },
      ),
  );
  // Again at the way out: notes (provider errors), the trace (prompts, tool JSON) and the report.
  // The evidence is added after: it was redacted as it was collected, and it is the bulk.
  const done: Investigation = redactDeep({
    id,
    incidentId,
    ...(sources.bundleDir !== undefined && { bundleDir: sources.bundleDir }),
    alert,
    brain: brain.name,
    startedAt,
    elapsedMs: performance.now() - started,
    rounds: result.rounds,
    notes: result.notes,
    report: result.report,
    trace: tracer.toRecord(),
  });
  return evidence === undefined ? done : { ...done, evidence };
}

/** How `withToolContext` reads the sources and records what it did. */
export interface ToolContextOptions {
  /** The collect and window-detection spans go into this trace. */
  tracer: Tracer;
  /** Time limit for reading each source. */
  sourceTimeoutMs?: number | undefined;
  /** Sees what was collected (redacted) and the range read, before any analysis: to keep it. */
  onCollected?: ((collected: { range: TimeRange; data: Collected }) => void) | undefined;
}

/**
 * Builds the context every tool of an investigation sees, the way an investigation does: reads
 * every source in parallel (each read traced), redacts the telemetry once, finds the incident's
 * windows and the service graph; then runs `work` with it inside an investigation scope, released
 * when `work` ends. The eval targets call it too, so a tool or a stage is judged on exactly the
 * context an investigation would give it.
 */
export async function withToolContext<T>(
  input: InvestigationInput,
  options: ToolContextOptions,
  work: (ctx: ToolContext) => Promise<T>,
): Promise<T> {
  const { tracer } = options;
  const { sources } = input;
  const alert = redactAlert(input.alert);
  const range = readRange(alert, input.window);
  const collected = await tracer.span('collect', 'step', {}, () =>
    collectSources(sources, range, {
      timeoutMs: options.sourceTimeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS,
      absentReason: input.absentReason,
      services: [alert.service],
      around: (source, read) =>
        tracer.span(
          `read ${source}`,
          'step',
          { 'nightshift.source': source, 'nightshift.source.from': sources.describe?.[source] ?? 'none' },
          async (span) => {
            const fetched = await read();
            if (!fetched.ok) span.markError(`${source}: ${fetched.reason}`);
            return fetched;
          },
        ),
    }),
  );
  // Once, before any analysis: evidence, hypotheses, the report and the trace see no secret.
  const data = withRecordedReasons(redactCollected(collected), input.missingReasons);
  options.onCollected?.({ range, data });
  const windows = await tracer.span('detect incident window', 'analysis', {}, (span) => {
    const w = findWindows(data.series, alert, range);
    span.setAttributes({
      'nightshift.onset': new Date(w.onset).toISOString(),
      'nightshift.onset_from': w.onsetFrom,
    });
    return w;
  });
  // Whatever the tools open (a DuckDB process, a cache of mined logs) ends with this scope.
  return withInvestigationScope((scope) =>
    work({
      ...(sources.bundleDir !== undefined && { bundleDir: sources.bundleDir }),
      alert,
      data,
      graph: graphOf(sources.topology, data.spans),
      range,
      windows,
      cache: scope.cache,
      defer: scope.defer,
    }),
  );
}

/** Every free-text field of the telemetry with its secrets replaced (see src/anonymise). */
function redactCollected(data: Collected): Collected {
  return {
    ...data,
    series: data.series.map(redactSeriesLabels),
    logs: data.logs.map(redactLogRecord),
    spans: data.spans.map(redactSpan),
    changes: data.changes.map(redactChange),
    events: data.events.map(redactInfraEvent),
    history: data.history.map(redactPastIncident),
    missing: data.missing.map((m) => ({ ...m, reason: redactString(m.reason) })),
  };
}

/** A replayed source reports why it was missing when it was recorded, not that it is absent now. */
function withRecordedReasons(data: Collected, reasons: InvestigationInput['missingReasons']): Collected {
  if (reasons === undefined) return data;
  return { ...data, missing: data.missing.map((m) => ({ ...m, reason: reasons[m.source] ?? m.reason })) };
}

/** `<incident id>-<UTC yyyymmddhhmmss>`: sortable, readable, unique per incident and second. */
export function investigationId(incidentId: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${incidentId}-${stamp}`;
}

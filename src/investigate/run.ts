/**
 * The coordinator: one investigation of one incident bundle. Reads every source in parallel with a
 * per-source time limit (a slow or failing source becomes a missing source, never a failed run),
 * finds the incident's windows, hands the brain the tools, and keeps the whole run as a trace.
 */
import { openBundle } from '../bundle/index.js';
import type { Alert, Report } from '../core/index.js';
import { type TraceRecord, Tracer } from '../tracing/index.js';
import { type Brain, type BrainName, brains } from './brains/index.js';
import { collectSources, DEFAULT_SOURCE_TIMEOUT_MS } from './collect.js';
import { graphOf } from './graph.js';
import { closeSql, type ToolContext } from './tools/index.js';
import { findWindows, readRange } from './windows.js';

export interface InvestigateOptions {
  brain?: BrainName | Brain;
  /** Hypothesise → review → revise rounds at most. */
  maxRounds?: number;
  /** Time limit for reading each source. */
  sourceTimeoutMs?: number;
  /** Clock, for ids and the trace; injected by tests. */
  now?: () => number;
}

export interface Investigation {
  id: string;
  incidentId: string;
  bundleDir: string;
  alert: Alert;
  brain: string;
  startedAt: number;
  elapsedMs: number;
  rounds: number;
  notes: string[];
  report: Report;
  trace: TraceRecord;
}

export const DEFAULT_MAX_ROUNDS = 3;

export async function investigateBundle(
  dir: string,
  options: InvestigateOptions = {},
): Promise<Investigation> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const started = performance.now();
  const brain = typeof options.brain === 'object' ? options.brain : brains[options.brain ?? 'builtin'];
  const bundle = await openBundle(dir);
  const { incident } = bundle;
  const id = investigationId(incident.id, startedAt);
  const tracer = new Tracer({ traceId: id, name: `investigate ${incident.id}`, now });

  const result = await tracer.span(
    `investigation ${incident.id}`,
    'investigation',
    {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'coordinator',
      'nightshift.brain': brain.name,
    },
    async () => {
      const range = readRange(incident.alert, incident.window);
      const data = await tracer.span('collect', 'step', {}, () =>
        collectSources(bundle, range, {
          timeoutMs: options.sourceTimeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS,
          around: (source, read) =>
            tracer.span(`read ${source}`, 'step', { 'nightshift.source': source }, async (span) => {
              const fetched = await read();
              if (!fetched.ok) span.markError(`${source}: ${fetched.reason}`);
              return fetched;
            }),
        }),
      );
      const windows = await tracer.span('detect incident window', 'analysis', {}, (span) => {
        const w = findWindows(data.series, incident.alert, range);
        span.setAttributes({
          'nightshift.onset': new Date(w.onset).toISOString(),
          'nightshift.onset_from': w.onsetFrom,
        });
        return w;
      });
      const ctx: ToolContext = {
        bundleDir: dir,
        alert: incident.alert,
        data,
        graph: graphOf(bundle.topology, data.spans),
        range,
        windows,
      };
      try {
        return await brain.investigate({
          ctx,
          tracer,
          incidentId: incident.id,
          maxRounds: options.maxRounds ?? DEFAULT_MAX_ROUNDS,
        });
      } finally {
        await closeSql(ctx);
      }
    },
  );
  return {
    id,
    incidentId: incident.id,
    bundleDir: dir,
    alert: incident.alert,
    brain: brain.name,
    startedAt,
    elapsedMs: performance.now() - started,
    rounds: result.rounds,
    notes: result.notes,
    report: result.report,
    trace: tracer.toRecord(),
  };
}

/** `<incident id>-<UTC yyyymmddhhmmss>`: sortable, readable, unique per incident and second. */
export function investigationId(incidentId: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${incidentId}-${stamp}`;
}

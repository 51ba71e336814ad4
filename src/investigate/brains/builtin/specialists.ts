/**
 * The built-in specialists: each asks its tools for one kind of evidence. They run in parallel,
 * each in its own traced span, and keep the tool calls' ids and queries so every evidence item in
 * the report can name the call that produced it.
 */
import type { EventShift, LogShift, MetricShift, Silence } from '../../../analysis/rca/index.js';
import type { ErrorOrigin, LatencyShift } from '../../../analysis/traces/index.js';
import type { Change } from '../../../core/index.js';
import type { Tracer } from '../../../tracing/index.js';
import { callTool, type ToolCallResult, type ToolContext, tools } from '../../tools/index.js';

/** Where a piece of evidence came from: the tool call that produced it. */
export interface Provenance {
  tool: string;
  query: string;
  callId: string;
}

export interface Findings {
  metrics: { shifts: MetricShift[]; silences: Silence[]; from: Provenance } | undefined;
  logs: { patterns: LogShift[]; from: Provenance } | undefined;
  traces: { origins: ErrorOrigin[]; latency: LatencyShift[]; from: Provenance } | undefined;
  changes: { changes: Change[]; from: Provenance } | undefined;
  events: { shifts: EventShift[]; from: Provenance } | undefined;
  /** Tool calls that failed: the evidence they would have given is missing. */
  failed: { tool: string; error: string }[];
}

/** Enough to take every shift and pattern the analyses found, not a model-sized page. */
const ALL = 1000;

export async function runSpecialists(ctx: ToolContext, tracer: Tracer): Promise<Findings> {
  const failed: Findings['failed'] = [];
  const use = <O, T>(result: ToolCallResult<O>, pick: (output: O, from: Provenance) => T): T | undefined => {
    if (!result.ok) {
      failed.push({ tool: result.tool, error: result.error });
      return undefined;
    }
    return pick(result.output, { tool: result.tool, query: result.query, callId: result.callId });
  };
  const specialist = <T>(name: string, work: () => Promise<T>) =>
    tracer.span(`specialist ${name}`, 'agent', { 'gen_ai.agent.name': `${name} specialist` }, () => work());

  const [metrics, logs, traces, changes, events] = await Promise.all([
    specialist('metrics', async () =>
      use(await callTool(tools.query_metrics, { limit: ALL }, ctx, tracer), (o, from) => ({
        shifts: o.shifts,
        silences: o.silences,
        from,
      })),
    ),
    specialist('logs', async () =>
      use(await callTool(tools.log_patterns, { limit: ALL }, ctx, tracer), (o, from) => ({
        patterns: o.patterns,
        from,
      })),
    ),
    specialist('traces', async () =>
      use(await callTool(tools.trace_errors, { limit: 50 }, ctx, tracer), (o, from) => ({
        origins: o.origins,
        latency: o.latency,
        from,
      })),
    ),
    specialist('changes', async () =>
      use(await callTool(tools.recent_changes, { hoursBefore: 6, limit: ALL }, ctx, tracer), (o, from) => ({
        changes: o.changes,
        from,
      })),
    ),
    specialist('events', async () =>
      use(await callTool(tools.infra_events, { limit: ALL }, ctx, tracer), (o, from) => ({
        shifts: o.shifts,
        from,
      })),
    ),
  ]);
  return { metrics, logs, traces, changes, events, failed };
}

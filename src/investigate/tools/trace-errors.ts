/** trace_errors: where failing traces start, whose own time grew, and the call graph. */
import { z } from 'zod';
import {
  buildCallGraph,
  type CallEdge,
  type ErrorOrigin,
  type LatencyShift,
} from '../../analysis/traces/index.js';
import { traceLatencyOf, traceOriginsOf } from './derived.js';
import { round } from './detect-incident-window.js';
import { defineTool } from './tool.js';

export const traceErrorsTool = defineTool({
  name: 'trace_errors',
  description:
    "From the traces: the services where errors start (deepest erroring span of each failing trace), each service's self-time shift between baseline and incident, and the call edges with their error counts in the incident.",
  input: z.object({
    limit: z.number().int().min(1).max(50).default(10),
  }),
  run: (
    input,
    ctx,
  ): { origins: ErrorOrigin[]; latency: LatencyShift[]; edges: CallEdge[]; spans: number } => {
    const incidentSpans = ctx.data.spans.filter(
      (s) => s.start >= ctx.windows.incident.start && s.start < ctx.windows.incident.end,
    );
    return {
      origins: traceOriginsOf(ctx).slice(0, input.limit),
      latency: [...traceLatencyOf(ctx)].sort((a, b) => b.shiftP95Ms - a.shiftP95Ms).slice(0, input.limit),
      edges: buildCallGraph(incidentSpans).sort((a, b) => b.errors - a.errors || b.calls - a.calls),
      spans: incidentSpans.length,
    };
  },
  present: (out) => ({
    incidentSpans: out.spans,
    errorOrigins: out.origins.map((o) => ({ service: o.service, traces: o.traces, share: round(o.share) })),
    selfTimeShifts: out.latency.map((l) => ({
      service: l.service,
      p50Ms: { baseline: round(l.baseline.p50Ms), incident: round(l.incident.p50Ms) },
      p95Ms: { baseline: round(l.baseline.p95Ms), incident: round(l.incident.p95Ms) },
    })),
    callEdges: out.edges.map((e) => ({ from: e.from, to: e.to, calls: e.calls, errors: e.errors })),
  }),
});

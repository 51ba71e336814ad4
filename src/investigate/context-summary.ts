/**
 * The facts about an investigation that a model's prompt is built from, besides the alert: the
 * onset and incident window, the service graph, and the ids of the changes in the window. Kept with
 * every investigation (so it can become an eval case or be replayed without telemetry) and given to
 * the LLM brain in place of the whole tool context when it runs on a recording.
 */
import { z } from 'zod';
import type { TraceRecord } from '../tracing/index.js';
import type { ToolContext } from './tools/index.js';

export interface InvestigationContext {
  /** Epoch ms. */
  onset: number;
  /** Which signal set the onset: `telemetry`, or `alert` when it was assumed. */
  onsetFrom: string;
  incidentEnd: number;
  /** Service → the services it calls (every service of the graph is a key). */
  services: Record<string, string[]>;
  /** Ids of the changes read for the window; an answer may only name one of these. */
  changeIds: string[];
}

export function summariseContext(ctx: ToolContext): InvestigationContext {
  const services: Record<string, string[]> = {};
  for (const name of ctx.graph.services) services[name] = [...(ctx.graph.dependsOn.get(name) ?? [])];
  return {
    onset: ctx.windows.onset,
    onsetFrom: ctx.windows.onsetFrom,
    incidentEnd: ctx.windows.incident.end,
    services,
    changeIds: ctx.data.changes.map((c) => c.id),
  };
}

/** The root investigation span's attribute that holds the context as JSON. */
export const CONTEXT_ATTRIBUTE = 'nightshift.investigation.context';

const contextSchema = z.object({
  onset: z.number(),
  onsetFrom: z.string(),
  incidentEnd: z.number(),
  services: z.record(z.string(), z.array(z.string())),
  changeIds: z.array(z.string()),
});

/**
 * The context kept in a trace, or undefined for a trace made before it was kept (or one whose
 * attribute does not parse: an old or hand-edited record is not an error here).
 */
export function contextOfTrace(trace: TraceRecord): InvestigationContext | undefined {
  for (const span of trace.spans) {
    const value = span.attributes[CONTEXT_ATTRIBUTE];
    if (typeof value !== 'string') continue;
    try {
      const parsed = contextSchema.safeParse(JSON.parse(value));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: fall through to the next span that might carry it.
    }
  }
  return undefined;
}

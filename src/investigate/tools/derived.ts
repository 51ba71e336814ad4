/**
 * The analyses behind the tools, computed once per investigation and shared by every tool call
 * that needs them (mining an hour of logs costs seconds; a model may ask three times).
 */
import type { EventShift, LogShift, MetricShift, Silence } from '../../analysis/rca/index.js';
import {
  type ErrorOrigin,
  errorOrigins,
  type LatencyShift,
  latencyAttribution,
} from '../../analysis/traces/index.js';
import { eventShifts } from '../evidence-events.js';
import { logShifts } from '../evidence-logs.js';
import { metricShifts } from '../evidence-metrics.js';
import { silences } from '../evidence-silence.js';
import type { ToolContext } from './tool.js';

const cache = new WeakMap<ToolContext, Map<string, unknown>>();

function memo<T>(ctx: ToolContext, key: string, compute: () => T): T {
  let entries = cache.get(ctx);
  if (!entries) {
    entries = new Map();
    cache.set(ctx, entries);
  }
  if (!entries.has(key)) entries.set(key, compute());
  return entries.get(key) as T;
}

const windowsOf = (ctx: ToolContext) => ({ baseline: ctx.windows.baseline, incident: ctx.windows.incident });

export const metricShiftsOf = (ctx: ToolContext): MetricShift[] =>
  memo(ctx, 'metrics', () => metricShifts(ctx.data.series, windowsOf(ctx)).sort((a, b) => b.score - a.score));

export const silencesOf = (ctx: ToolContext): Silence[] =>
  memo(ctx, 'silences', () => silences(ctx.data.series, windowsOf(ctx)));

export const logShiftsOf = (ctx: ToolContext): LogShift[] =>
  memo(ctx, 'logs', () => logShifts(ctx.data.logs, windowsOf(ctx), ctx.graph.services));

export const traceOriginsOf = (ctx: ToolContext): ErrorOrigin[] =>
  memo(ctx, 'origins', () => errorOrigins(ctx.data.spans, ctx.windows.incident));

export const traceLatencyOf = (ctx: ToolContext): LatencyShift[] =>
  memo(ctx, 'latency', () => latencyAttribution(ctx.data.spans, windowsOf(ctx)));

export const eventShiftsOf = (ctx: ToolContext): EventShift[] =>
  memo(ctx, 'events', () => eventShifts(ctx.data.events, windowsOf(ctx)));

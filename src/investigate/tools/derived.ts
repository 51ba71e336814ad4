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
import { type CacheKey, cacheKey } from './scope.js';
import type { ToolContext } from './tool.js';

const METRIC_SHIFTS: CacheKey<MetricShift[]> = cacheKey('metric shifts');
const SILENCES: CacheKey<Silence[]> = cacheKey('silences');
const LOG_SHIFTS: CacheKey<LogShift[]> = cacheKey('log shifts');
const TRACE_ORIGINS: CacheKey<ErrorOrigin[]> = cacheKey('trace error origins');
const TRACE_LATENCY: CacheKey<LatencyShift[]> = cacheKey('trace latency attribution');
const EVENT_SHIFTS: CacheKey<EventShift[]> = cacheKey('event shifts');

const windowsOf = (ctx: ToolContext) => ({ baseline: ctx.windows.baseline, incident: ctx.windows.incident });

export const metricShiftsOf = (ctx: ToolContext): MetricShift[] =>
  ctx.cache.get(METRIC_SHIFTS, () =>
    metricShifts(ctx.data.series, windowsOf(ctx)).sort((a, b) => b.score - a.score),
  );

export const silencesOf = (ctx: ToolContext): Silence[] =>
  ctx.cache.get(SILENCES, () => silences(ctx.data.series, windowsOf(ctx)));

export const logShiftsOf = (ctx: ToolContext): LogShift[] =>
  ctx.cache.get(LOG_SHIFTS, () => logShifts(ctx.data.logs, windowsOf(ctx), ctx.graph.services));

export const traceOriginsOf = (ctx: ToolContext): ErrorOrigin[] =>
  ctx.cache.get(TRACE_ORIGINS, () => errorOrigins(ctx.data.spans, ctx.windows.incident));

export const traceLatencyOf = (ctx: ToolContext): LatencyShift[] =>
  ctx.cache.get(TRACE_LATENCY, () => latencyAttribution(ctx.data.spans, windowsOf(ctx)));

export const eventShiftsOf = (ctx: ToolContext): EventShift[] =>
  ctx.cache.get(EVENT_SHIFTS, () => eventShifts(ctx.data.events, windowsOf(ctx)));

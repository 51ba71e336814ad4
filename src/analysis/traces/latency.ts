/**
 * Latency attribution: each service's self time (a span's duration less the time its children
 * ran) in a baseline range and in the incident range. The service whose self time moved is where
 * the time went; its callers only waited. Client spans to a peer without a server span count as
 * the peer's time (an external API, a failed call).
 */
import type { Span } from '../../core/index.js';
import { peerOf } from './call-graph.js';
import { inRange, type Range } from './window.js';

export interface LatencyShift {
  service: string;
  baseline: { spans: number; p50Ms: number; p95Ms: number };
  incident: { spans: number; p50Ms: number; p95Ms: number };
  /** Incident p95 minus baseline p95 of self time. */
  shiftP95Ms: number;
  /** Incident p50 over baseline p50 (1 when unchanged). */
  ratioP50: number;
}

/** Self times per span, keyed by the service they are charged to. */
export function selfTimes(spans: readonly Span[], range: Range): Map<string, number[]> {
  const childTime = new Map<string, number>();
  for (const s of spans) {
    if (s.parentSpanId === undefined) continue;
    const key = `${s.traceId}/${s.parentSpanId}`;
    childTime.set(key, (childTime.get(key) ?? 0) + s.durationMs);
  }
  const out = new Map<string, number[]>();
  for (const s of spans) {
    if (!inRange(s.start, range)) continue;
    const self = Math.max(0, s.durationMs - (childTime.get(`${s.traceId}/${s.spanId}`) ?? 0));
    const service = peerOf(s) ?? s.service;
    const list = out.get(service);
    if (list) list.push(self);
    else out.set(service, [self]);
  }
  return out;
}

/** Services ranked by how much their self time grew, with at least `minSpans` in each range. */
export function latencyAttribution(
  spans: readonly Span[],
  ranges: { baseline: Range; incident: Range },
  minSpans = 5,
): LatencyShift[] {
  const before = selfTimes(spans, ranges.baseline);
  const during = selfTimes(spans, ranges.incident);
  const out: LatencyShift[] = [];
  for (const [service, incident] of during) {
    const baseline = before.get(service) ?? [];
    if (incident.length < minSpans || baseline.length < minSpans) continue;
    const b = summarise(baseline);
    const i = summarise(incident);
    out.push({
      service,
      baseline: b,
      incident: i,
      shiftP95Ms: i.p95Ms - b.p95Ms,
      ratioP50: b.p50Ms > 0 ? i.p50Ms / b.p50Ms : i.p50Ms > 0 ? Number.POSITIVE_INFINITY : 1,
    });
  }
  return out.sort((a, b) => b.shiftP95Ms - a.shiftP95Ms || a.service.localeCompare(b.service));
}

function summarise(values: number[]): { spans: number; p50Ms: number; p95Ms: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { spans: sorted.length, p50Ms: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95) };
}

/** Quantile of sorted values by linear interpolation between closest ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

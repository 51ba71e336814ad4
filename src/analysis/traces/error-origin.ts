/**
 * Where errors start: in each failing trace, the erroring spans none of whose children erred are
 * the origins (a parent that fails because its child failed is a victim). An origin that is a
 * client span with `peer.service` is charged to the peer: the call failed on the way to it, or
 * inside it where no server span exists. Counted per service over the traces in the range.
 */
import type { Span } from '../../core/index.js';
import { peerOf } from './call-graph.js';
import { inRange, type Range } from './window.js';

export interface ErrorOrigin {
  service: string;
  /** Failing traces in which this service is an origin. */
  traces: number;
  /** Share of all failing traces in the range. */
  share: number;
  /** How the origin showed: own error spans, or failed calls to it from a caller. */
  via: { ownSpans: number; failedCalls: number };
}

export function errorOrigins(spans: readonly Span[], range: Range): ErrorOrigin[] {
  const traces = new Map<string, Span[]>();
  for (const s of spans) {
    if (!inRange(s.start, range)) continue;
    const list = traces.get(s.traceId);
    if (list) list.push(s);
    else traces.set(s.traceId, [s]);
  }
  const counts = new Map<string, { traces: number; ownSpans: number; failedCalls: number }>();
  let failing = 0;
  for (const list of traces.values()) {
    const erroredParents = new Set<string>();
    let anyError = false;
    for (const s of list) {
      if (s.status !== 'error') continue;
      anyError = true;
      if (s.parentSpanId !== undefined) erroredParents.add(s.parentSpanId);
    }
    if (!anyError) continue;
    failing++;
    const seen = new Set<string>();
    for (const s of list) {
      if (s.status !== 'error' || erroredParents.has(s.spanId)) continue;
      const peer = peerOf(s);
      const service = peer ?? s.service;
      const c = counts.get(service) ?? { traces: 0, ownSpans: 0, failedCalls: 0 };
      if (peer) c.failedCalls++;
      else c.ownSpans++;
      if (!seen.has(service)) {
        c.traces++;
        seen.add(service);
      }
      counts.set(service, c);
    }
  }
  return [...counts.entries()]
    .map(([service, c]) => ({
      service,
      traces: c.traces,
      share: failing === 0 ? 0 : c.traces / failing,
      via: { ownSpans: c.ownSpans, failedCalls: c.failedCalls },
    }))
    .sort((a, b) => b.traces - a.traces || a.service.localeCompare(b.service));
}

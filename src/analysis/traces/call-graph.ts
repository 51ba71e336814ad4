/**
 * The call graph as the spans show it: an edge from a span's service to each child span's service,
 * and from a client span's service to its `peer.service` (a call that left no server span: an
 * uninstrumented dependency, or a call that never arrived).
 */
import type { Span } from '../../core/index.js';

export interface CallEdge {
  from: string;
  to: string;
  calls: number;
  errors: number;
}

export function peerOf(span: Span): string | undefined {
  const peer = span.attrs?.['peer.service'];
  return typeof peer === 'string' && peer.length > 0 ? peer : undefined;
}

export function buildCallGraph(spans: readonly Span[]): CallEdge[] {
  const byId = new Map<string, Span>();
  for (const s of spans) byId.set(`${s.traceId}/${s.spanId}`, s);
  const edges = new Map<string, CallEdge>();
  const add = (from: string, to: string, error: boolean) => {
    if (from === to) return;
    const key = `${from}\u0000${to}`;
    const edge = edges.get(key) ?? { from, to, calls: 0, errors: 0 };
    edge.calls++;
    if (error) edge.errors++;
    edges.set(key, edge);
  };
  for (const s of spans) {
    const peer = peerOf(s);
    if (peer) add(s.service, peer, s.status === 'error');
    if (s.parentSpanId === undefined) continue;
    const parent = byId.get(`${s.traceId}/${s.parentSpanId}`);
    if (parent) add(parent.service, s.service, s.status === 'error');
  }
  return [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

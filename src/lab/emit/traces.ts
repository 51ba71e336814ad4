/**
 * Sampled traces along real call paths. Each span's self time is drawn from its service's simulated
 * self-time distribution for the step, its children follow the topology, and errors propagate to
 * callers as in the simulator, so the traces tell the same story as the metrics.
 */
import type { Span } from '../../core/index.js';
import type { Random } from '../random.js';
import { EDGE_TLS, type Index } from '../sim/conditions.js';
import type { SimResult } from '../sim/state.js';

export interface TraceStep {
  spans: Span[];
  /** Spans with status error, by service index, for log lines that carry their trace id. */
  errorTraces: Array<{ service: number; traceId: string }>;
}

const DEADLINE_MS = 5_000;
/** Round trip inside a cluster. */
const BASE_WIRE_MS = 0.3;

export class TraceEmitter {
  constructor(
    private readonly index: Index,
    private readonly result: SimResult,
    private readonly rng: Random,
  ) {}

  /** Traces that start during `step`: `count` from the entry plus `workerCounts` from each worker. */
  step(step: number, count: number, workerCounts: ReadonlyMap<number, number>): TraceStep {
    const out: TraceStep = { spans: [], errorTraces: [] };
    const t0 = this.result.start + step * this.result.stepMs;
    const roots: number[] = [];
    for (let k = 0; k < count; k++) roots.push(this.index.entry);
    for (const [worker, n] of workerCounts) for (let k = 0; k < n; k++) roots.push(worker);
    for (const root of roots) {
      const traceId = this.rng.hex(32);
      this.span(out, step, root, traceId, undefined, t0 + this.rng.next() * this.result.stepMs, undefined);
    }
    return out;
  }

  private span(
    out: TraceStep,
    step: number,
    i: number,
    traceId: string,
    parent: string | undefined,
    start: number,
    op: string | undefined,
    caller?: string,
  ): { end: number; error: boolean } {
    const r = this.result;
    const s = this.index.services[i];
    const cell = step * r.services + i;
    const spanId = this.rng.hex(16);
    const self = this.rng.logNormal(r.fields.selfMedianMs[cell] ?? 1, s?.latencySigma ?? 0.5);
    let cursor = start + self * 0.3;
    let error = this.rng.chance(r.fields.selfErrorRatio[cell] ?? 0);
    let status = error ? 500 : 200;
    const name = op ?? (s ? this.rng.pick(s.operations) : 'request');

    const edges = this.index.out[i] ?? [];
    const calls = s?.role === 'edge' ? [this.route(edges)] : edges;
    calls.forEach((e) => {
      const edge = this.index.edges[e];
      if (!edge) return;
      const n =
        s?.role === 'edge'
          ? 1
          : Math.floor(edge.callsPerRequest) + (this.rng.chance(edge.callsPerRequest % 1) ? 1 : 0);
      const soft = s?.dependsOn.find((d) => d.service === this.index.services[edge.to]?.name)?.soft ?? false;
      const edgeCell = step * this.index.edges.length + e;
      const wireMs = BASE_WIRE_MS + (r.edgeLatencyMs[edgeCell] ?? 0);
      for (let k = 0; k < n; k++) {
        const calleeDown = r.down[step * r.services + edge.to] === 1;
        const lost = this.rng.chance(r.edgeError[edgeCell] ?? 0);
        let failed: boolean;
        if (calleeDown || lost) {
          // The callee never saw the request: only the caller's client span records the call.
          const spent = calleeDown ? 1 : wireMs + 5;
          out.spans.push(
            this.failedCall(
              traceId,
              spanId,
              s?.name ?? 'unknown',
              this.index.services[edge.to]?.name ?? 'unknown',
              cursor,
              spent,
              calleeDown ? 'connection_refused' : failureType(r.edgeFailure[edgeCell] ?? 0),
            ),
          );
          cursor += spent;
          failed = true;
        } else {
          const routeOp = s?.role === 'edge' ? s.operations[edges.indexOf(e)] : undefined;
          const child = this.span(out, step, edge.to, traceId, spanId, cursor + wireMs / 2, routeOp, s?.name);
          cursor = child.end + wireMs / 2;
          failed = child.error;
        }
        if (failed && this.rng.chance(s?.role === 'edge' ? 1 : soft ? 0.05 : 0.9)) {
          error = true;
          status = calleeDown ? 503 : lost ? 502 : 500;
        }
      }
    });
    let end = cursor + self * 0.7;
    if (end - start > DEADLINE_MS * (s?.role === 'edge' ? 3 : 1)) {
      end = start + DEADLINE_MS * (s?.role === 'edge' ? 3 : 1);
      error = true;
      status = 504;
    }
    const attrs = spanAttributes(s?.role, s?.name ?? '', status);
    out.spans.push({
      traceId,
      spanId,
      parentSpanId: parent,
      // An external API is not instrumented: its calls show as the caller's client spans.
      service: s?.role === 'external' ? (caller ?? 'unknown') : (s?.name ?? 'unknown'),
      name,
      start,
      durationMs: Math.round((end - start) * 100) / 100,
      status: error ? 'error' : 'ok',
      attrs,
    });
    if (error) out.errorTraces.push({ service: i, traceId });
    return { end, error };
  }

  /** A client span for a call that failed before reaching its callee, as HTTP/gRPC client instrumentation records it. */
  private failedCall(
    traceId: string,
    parent: string,
    caller: string,
    callee: string,
    start: number,
    durationMs: number,
    errorType: string,
  ): Span {
    return {
      traceId,
      spanId: this.rng.hex(16),
      parentSpanId: parent,
      service: caller,
      name: `call ${callee}`,
      start,
      durationMs: Math.round(durationMs * 100) / 100,
      status: 'error',
      attrs: { 'span.kind': 'client', 'peer.service': callee, 'error.type': errorType },
    };
  }

  private route(edges: readonly number[]): number {
    const weights = edges.map((e) => this.index.edges[e]?.callsPerRequest ?? 0);
    return this.rng.weighted(edges, weights);
  }
}

/** OpenTelemetry semantic-convention attributes a span of this kind of component carries. */
function spanAttributes(role: string | undefined, name: string, status: number): Record<string, unknown> {
  switch (role) {
    case 'external':
      return { 'span.kind': 'client', 'peer.service': name, 'http.status_code': status };
    case 'database':
      return { 'db.system': 'postgresql', ...(status >= 500 ? { 'error.type': 'db_error' } : {}) };
    case 'cache':
      return { 'db.system': 'redis', ...(status >= 500 ? { 'error.type': 'redis_error' } : {}) };
    case 'queue':
      return { 'messaging.system': 'rabbitmq', ...(status >= 500 ? { 'error.type': 'amqp_error' } : {}) };
    default:
      return { 'http.status_code': status };
  }
}

function failureType(edgeFailure: number): string {
  return edgeFailure === EDGE_TLS ? 'tls_handshake' : 'connection_reset';
}

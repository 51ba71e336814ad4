/**
 * A local stand-in for jaeger-query, for tests: a real HTTP server on 127.0.0.1 that holds spans
 * and answers both query APIs as Jaeger does. v1: GET /api/services and GET /api/traces
 * (service, start and end in µs, limit in traces) with typed tags, `error=true` on failed spans
 * and processes per trace. v3: GET /api/v3/services and GET /api/v3/traces (RFC 3339 bounds,
 * camelCase parameters with the older snake_case ones accepted) answering OTLP JSON, and 404
 * "No traces found" when nothing matches. A search returns whole traces that have a span of the
 * service starting within the (inclusive) bounds, most recent first, at most `limit` of them.
 * Every request is recorded; what a real Jaeger would reject is answered with 400 and listed in
 * `problems`.
 */
import { Hono } from 'hono';
import type { Span } from '../../src/core/index.js';
import { listenOnLoopback, type StandIn } from '../loopback.js';

export interface JaegerRequest {
  path: string;
  params: Record<string, string>;
}

export type JaegerStandIn = StandIn<JaegerRequest>;

interface Trace {
  traceId: string;
  spans: Span[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const MICROS = /^\d{16}$/;

function v1Tags(span: Span) {
  const tags = Object.entries(span.attrs ?? {}).map(([key, value]) => {
    if (typeof value === 'boolean') return { key, type: 'bool', value };
    if (typeof value === 'number') return { key, type: Number.isInteger(value) ? 'int64' : 'float64', value };
    return { key, type: 'string', value: String(value) };
  });
  if (span.status === 'error') tags.push({ key: 'error', type: 'bool', value: true });
  return tags;
}

function v1Trace(trace: Trace) {
  const processIds = new Map<string, string>();
  for (const s of trace.spans)
    if (!processIds.has(s.service)) processIds.set(s.service, `p${processIds.size + 1}`);
  return {
    traceID: trace.traceId,
    spans: trace.spans.map((s) => ({
      traceID: s.traceId,
      spanID: s.spanId,
      flags: 1,
      operationName: s.name,
      references:
        s.parentSpanId === undefined
          ? []
          : [{ refType: 'CHILD_OF', traceID: s.traceId, spanID: s.parentSpanId }],
      startTime: s.start * 1000,
      duration: Math.round(s.durationMs * 1000),
      tags: v1Tags(s),
      logs: [],
      processID: processIds.get(s.service),
      warnings: null,
    })),
    processes: Object.fromEntries(
      [...processIds].map(([serviceName, id]) => [
        id,
        { serviceName, tags: [{ key: 'hostname', type: 'string', value: 'lab' }] },
      ]),
    ),
    warnings: null,
  };
}

function anyValue(value: unknown) {
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: String(value) };
}

function otlpResourceSpans(traces: readonly Trace[]) {
  const out = [];
  for (const trace of traces) {
    const byService = new Map<string, Span[]>();
    for (const s of trace.spans) byService.set(s.service, [...(byService.get(s.service) ?? []), s]);
    for (const [service, spans] of byService) {
      out.push({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: {},
            spans: spans.map((s) => {
              const startNs = BigInt(s.start) * 1_000_000n;
              return {
                traceId: s.traceId,
                spanId: s.spanId,
                parentSpanId: s.parentSpanId ?? '',
                name: s.name,
                kind: 2,
                startTimeUnixNano: startNs.toString(),
                endTimeUnixNano: (startNs + BigInt(Math.round(s.durationMs * 1e6))).toString(),
                attributes: Object.entries(s.attrs ?? {}).map(([key, value]) => ({
                  key,
                  value: anyValue(value),
                })),
                status: s.status === 'error' ? { code: 2 } : {},
              };
            }),
          },
        ],
      });
    }
  }
  return out;
}

export async function startJaegerStandIn(spans: readonly Span[]): Promise<JaegerStandIn> {
  const byTrace = new Map<string, Span[]>();
  for (const s of spans) byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s]);
  const traces: Trace[] = [...byTrace].map(([traceId, list]) => ({ traceId, spans: list }));
  const services = [...new Set(spans.map((s) => s.service))].sort();
  const requests: JaegerRequest[] = [];
  const problems: string[] = [];
  const app = new Hono();

  /** Whole traces with a span of the service starting in [startMs, endMs], latest first. */
  const find = (service: string, startMs: number, endMs: number, limit: number): Trace[] =>
    traces
      .map((t) => ({
        t,
        latest: Math.max(
          ...t.spans
            .filter((s) => s.service === service && s.start >= startMs && s.start <= endMs)
            .map((s) => s.start),
        ),
      }))
      .filter((x) => Number.isFinite(x.latest))
      .sort((a, b) => b.latest - a.latest)
      .slice(0, limit)
      .map((x) => x.t);

  const record = (path: string, params: Record<string, string>) => requests.push({ path, params });

  app.get('/api/services', (c) => {
    record('/api/services', c.req.query());
    return c.json({ data: services, total: services.length, limit: 0, offset: 0, errors: null });
  });

  app.get('/api/traces', (c) => {
    const q = c.req.query();
    record('/api/traces', q);
    const fail = (msg: string) => {
      problems.push(msg);
      return c.json({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 400, msg }] }, 400);
    };
    if (!q.service) return fail("parameter 'service' is required");
    if (!MICROS.test(q.start ?? '') || !MICROS.test(q.end ?? ''))
      return fail(`start and end must be µs epochs: ${q.start}, ${q.end}`);
    const limit = Number(q.limit);
    if (!Number.isInteger(limit) || limit <= 0) return fail(`bad limit ${q.limit}`);
    const found = find(q.service, Number(q.start) / 1000, Number(q.end) / 1000, limit);
    return c.json({ data: found.map(v1Trace), total: found.length, limit: 0, offset: 0, errors: null });
  });

  app.get('/api/v3/services', (c) => {
    record('/api/v3/services', c.req.query());
    return c.json({ services });
  });

  app.get('/api/v3/traces', (c) => {
    const q = c.req.query();
    record('/api/v3/traces', q);
    const fail = (message: string) => {
      problems.push(message);
      return c.json({ error: { httpCode: 400, message } }, 400);
    };
    const pick = (canonical: string, old: string) => {
      if (q[canonical] !== undefined && q[old] !== undefined && q[canonical] !== q[old])
        problems.push(`${canonical} and ${old} differ: ${q[canonical]} vs ${q[old]}`);
      return q[canonical] ?? q[old] ?? '';
    };
    const service = pick('query.serviceName', 'query.service_name');
    const min = pick('query.startTimeMin', 'query.start_time_min');
    const max = pick('query.startTimeMax', 'query.start_time_max');
    const depth = pick('query.searchDepth', 'query.num_traces');
    if (min === '' || max === '') return fail('query.startTimeMin and query.startTimeMax are required');
    if (!RFC3339.test(min)) return fail(`malformed parameter query.startTimeMin: ${min}`);
    if (!RFC3339.test(max)) return fail(`malformed parameter query.startTimeMax: ${max}`);
    const limit = depth === '' ? 20 : Number(depth);
    if (!Number.isInteger(limit) || limit <= 0)
      return fail(`malformed parameter query.searchDepth: ${depth}`);
    const found = find(service, Date.parse(min), Date.parse(max), limit);
    if (found.length === 0) return c.json({ error: { httpCode: 404, message: 'No traces found' } }, 404);
    return c.json({ result: { resourceSpans: otlpResourceSpans(found) } });
  });

  const server = await listenOnLoopback(app.fetch);
  return {
    url: server.url,
    requests,
    problems,
    close: server.close,
  };
}

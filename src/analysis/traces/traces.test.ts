import { describe, expect, test } from 'vitest';
import type { Span } from '../../core/index.js';
import { buildCallGraph } from './call-graph.js';
import { errorOrigins } from './error-origin.js';
import { latencyAttribution, quantile } from './latency.js';

let nextId = 0;
function span(fields: Partial<Span> & Pick<Span, 'traceId' | 'service'>): Span {
  return { spanId: `s${nextId++}`, name: 'op', start: 1000, durationMs: 10, status: 'ok', ...fields };
}

/** gateway → checkout → payments, with a client span from payments to an external peer. */
function trace(
  traceId: string,
  o: { start?: number; failAt?: 'payments' | 'provider' | 'none'; paymentsSelfMs?: number },
) {
  const start = o.start ?? 1000;
  const fail = o.failAt ?? 'none';
  const gw = span({
    traceId,
    service: 'gateway',
    start,
    durationMs: 40 + (o.paymentsSelfMs ?? 5),
    status: fail === 'none' ? 'ok' : 'error',
  });
  const co = span({
    traceId,
    service: 'checkout',
    parentSpanId: gw.spanId,
    start,
    durationMs: 30 + (o.paymentsSelfMs ?? 5),
    status: fail === 'none' ? 'ok' : 'error',
  });
  const pay = span({
    traceId,
    service: 'payments',
    parentSpanId: co.spanId,
    start,
    durationMs: 20 + (o.paymentsSelfMs ?? 5),
    status: fail === 'none' ? 'ok' : 'error',
  });
  const ext = span({
    traceId,
    service: 'payments',
    parentSpanId: pay.spanId,
    start,
    durationMs: 20,
    status: fail === 'provider' ? 'error' : 'ok',
    attrs: { 'span.kind': 'client', 'peer.service': 'provider' },
  });
  return [gw, co, pay, ext];
}

describe('buildCallGraph', () => {
  test('edges from parent to child service and from client spans to their peer, with error counts', () => {
    const spans = [...trace('t1', {}), ...trace('t2', { failAt: 'provider' })];
    expect(buildCallGraph(spans)).toEqual([
      { from: 'checkout', to: 'payments', calls: 2, errors: 1 },
      { from: 'gateway', to: 'checkout', calls: 2, errors: 1 },
      { from: 'payments', to: 'provider', calls: 2, errors: 1 },
    ]);
  });
});

describe('errorOrigins', () => {
  test.each([
    { name: 'no failing traces', fails: ['none', 'none'], expected: [] },
    {
      name: 'the deepest erroring span is the origin; its erroring parents are victims',
      fails: ['payments', 'payments', 'none'],
      expected: [{ service: 'payments', traces: 2, share: 1, via: { ownSpans: 2, failedCalls: 0 } }],
    },
    {
      name: 'a failing client span is charged to its peer',
      fails: ['provider', 'payments'],
      expected: [
        { service: 'payments', traces: 1, share: 0.5, via: { ownSpans: 1, failedCalls: 0 } },
        { service: 'provider', traces: 1, share: 0.5, via: { ownSpans: 0, failedCalls: 1 } },
      ],
    },
  ] as const)('$name', ({ fails, expected }) => {
    const spans = fails.flatMap((f, k) => trace(`t${k}`, { failAt: f }));
    expect(errorOrigins(spans, { start: 0, end: 10_000 })).toEqual(expected);
  });

  test('only traces starting in the range count', () => {
    const spans = [
      ...trace('early', { failAt: 'payments', start: 0 }),
      ...trace('late', { failAt: 'provider', start: 5000 }),
    ];
    expect(errorOrigins(spans, { start: 4000, end: 6000 }).map((o) => o.service)).toEqual(['provider']);
  });
});

describe('latencyAttribution', () => {
  test('the service whose own time grew ranks first; callers that only waited do not move', () => {
    const baseline = Array.from({ length: 10 }, (_, k) =>
      trace(`b${k}`, { start: 1000, paymentsSelfMs: 5 }),
    ).flat();
    const incident = Array.from({ length: 10 }, (_, k) =>
      trace(`i${k}`, { start: 5000, paymentsSelfMs: 200 }),
    ).flat();
    const shifts = latencyAttribution([...baseline, ...incident], {
      baseline: { start: 0, end: 2000 },
      incident: { start: 4000, end: 6000 },
    });
    expect(shifts[0]?.service).toBe('payments');
    expect(shifts[0]?.shiftP95Ms).toBeCloseTo(195);
    const gateway = shifts.find((s) => s.service === 'gateway');
    expect(gateway?.shiftP95Ms).toBeCloseTo(0);
    expect(shifts.find((s) => s.service === 'provider')?.ratioP50).toBeCloseTo(1);
  });

  test('services with too few spans in either range are left out', () => {
    const spans = trace('only', { start: 5000 });
    expect(
      latencyAttribution(spans, { baseline: { start: 0, end: 2000 }, incident: { start: 4000, end: 6000 } }),
    ).toEqual([]);
  });
});

test.each([
  { values: [], q: 0.5, expected: 0 },
  { values: [4], q: 0.95, expected: 4 },
  { values: [1, 2, 3, 4, 5], q: 0.5, expected: 3 },
  { values: [0, 10], q: 0.95, expected: 9.5 },
])('quantile($values, $q) = $expected', ({ values, q, expected }) => {
  expect(quantile(values, q)).toBeCloseTo(expected);
});

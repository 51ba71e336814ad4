import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JaegerStandIn, startJaegerStandIn } from '../../../testing/connectors/jaeger-stand-in.js';
import { sourceContract } from '../../../testing/connectors/sources-contract.js';
import { generateOptions } from '../../../testing/lab/support.js';
import { openBundle } from '../../bundle/index.js';
import type { Span, TimeRange } from '../../core/index.js';
import { DAY_MS, NightshiftError } from '../../core/index.js';
import { generateBundle } from '../../lab/index.js';
import { bundleSources } from '../files/index.js';
import type { Sources } from '../sources.js';
import { createJaegerSource, spansFromV1, spansFromV3 } from './index.js';

/** Small, so that full searches are split and the splitting is exercised. */
const LIMIT = 40;

interface Lab {
  root: string;
  expected: Sources;
  spans: Span[];
  range: TimeRange;
}
let lab: Promise<Lab> | undefined;
/** One lab bundle for both APIs. */
function labBundle(): Promise<Lab> {
  lab ??= (async () => {
    const root = await mkdtemp(join(tmpdir(), 'ns-jaeger-'));
    const dir = join(root, 'bundle');
    await generateBundle(dir, generateOptions('bad-deploy', { seed: 3 }));
    const bundle = await openBundle(dir);
    const expected = bundleSources(bundle, dir);
    const range = bundle.incident.window;
    const spans =
      (await expected.traces?.spans({ start: range.start - DAY_MS, end: range.end + DAY_MS })) ?? [];
    return { root, expected, spans, range };
  })();
  return lab;
}

const standIns: Partial<Record<'v1' | 'v3', JaegerStandIn>> = {};
for (const api of ['v1', 'v3'] as const) {
  sourceContract(`jaeger ${api}`, ['traces'], async () => {
    const { expected, spans, range } = await labBundle();
    const standIn = await startJaegerStandIn(spans);
    standIns[api] = standIn;
    return {
      actual: { traces: createJaegerSource({ url: standIn.url, api, limit: LIMIT }) },
      expected,
      range,
      close: () => standIn.close(),
    };
  });
}

afterAll(async () => {
  if (lab) await rm((await lab).root, { recursive: true, force: true });
});

const byId = (a: Span, b: Span) => `${a.traceId}/${a.spanId}`.localeCompare(`${b.traceId}/${b.spanId}`);

describe('jaeger: the lab spans through each API', () => {
  for (const api of ['v1', 'v3'] as const) {
    it(`${api}: whole spans come back as the bundle has them (durations, attributes, status)`, async () => {
      const { spans, range } = await labBundle();
      const standIn = await startJaegerStandIn(spans);
      try {
        const actual = await createJaegerSource({ url: standIn.url, api, limit: LIMIT }).spans(range);
        const expected = spans.filter((s) => s.start >= range.start && s.start < range.end);
        expect(actual.length).toBe(expected.length);
        expect([...actual].sort(byId)).toEqual([...expected].sort(byId));
        expect(standIn.problems).toEqual([]);
      } finally {
        await standIn.close();
      }
    });
  }

  it('v1 searched every listed service with µs bounds and split full searches', () => {
    const requests = standIns.v1?.requests ?? [];
    expect(requests[0]?.path).toBe('/api/services');
    const searches = requests.filter((r) => r.path === '/api/traces');
    expect(searches.length).toBeGreaterThan(18);
    for (const r of searches) {
      expect(r.params.start).toMatch(/^\d{16}$/);
      expect(r.params.end).toMatch(/^\d{16}$/);
      expect(r.params.limit).toBe(String(LIMIT));
    }
    expect(new Set(searches.map((r) => r.params.service)).size).toBe(18);
    // A split search asks for a window narrower than the range.
    const widths = searches.map((r) => Number(r.params.end) - Number(r.params.start));
    expect(Math.min(...widths)).toBeLessThan(Math.max(...widths) / 2);
    expect(standIns.v1?.problems).toEqual([]);
  });

  it('v3 sent RFC 3339 bounds in both parameter spellings', () => {
    const requests = standIns.v3?.requests ?? [];
    expect(requests[0]?.path).toBe('/api/v3/services');
    const searches = requests.filter((r) => r.path === '/api/v3/traces');
    expect(searches.length).toBeGreaterThan(18);
    for (const r of searches) {
      expect(r.params['query.startTimeMin']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(r.params['query.start_time_max']).toBe(r.params['query.startTimeMax']);
      expect(r.params['query.service_name']).toBe(r.params['query.serviceName']);
      expect(r.params['query.num_traces']).toBe(String(LIMIT));
    }
    expect(standIns.v3?.problems).toEqual([]);
  });
});

describe('jaeger: mapping', () => {
  it('v1: parent from CHILD_OF, service from the process, error tag to status, typed tags to attrs', () => {
    const spans = spansFromV1([
      {
        traceID: 't1',
        processes: { p1: { serviceName: 'cart' } },
        spans: [
          {
            traceID: 't1',
            spanID: 's2',
            operationName: 'GET /cart',
            references: [
              { refType: 'FOLLOWS_FROM', traceID: 't1', spanID: 's0' },
              { refType: 'CHILD_OF', traceID: 't1', spanID: 's1' },
            ],
            startTime: 1_774_286_340_123_456,
            duration: 1_500,
            tags: [
              { key: 'error', type: 'bool', value: true },
              { key: 'http.status_code', type: 'int64', value: 500 },
              { key: 'retry', type: 'bool', value: false },
            ],
            processID: 'p1',
          },
          {
            traceID: 't1',
            spanID: 's3',
            operationName: 'query',
            references: null,
            startTime: 1_774_286_340_200_000,
            duration: 10,
            tags: [{ key: 'otel.status_code', type: 'string', value: 'ERROR' }],
            processID: 'p1',
          },
        ],
      },
    ]);
    expect(spans).toEqual([
      {
        traceId: 't1',
        spanId: 's2',
        parentSpanId: 's1',
        service: 'cart',
        name: 'GET /cart',
        start: 1_774_286_340_123,
        durationMs: 1.5,
        status: 'error',
        attrs: { 'http.status_code': 500, retry: false },
      },
      {
        traceId: 't1',
        spanId: 's3',
        service: 'cart',
        name: 'query',
        start: 1_774_286_340_200,
        durationMs: 0.01,
        status: 'error',
      },
    ]);
  });

  it('v3: service from the resource, empty parent dropped, status ERROR by number or name', () => {
    const span = (id: string, status: { code?: number | string }) => ({
      traceId: 'ab',
      spanId: id,
      parentSpanId: '',
      name: 'op',
      startTimeUnixNano: '1774286340123999999',
      endTimeUnixNano: '1774286340125499999',
      attributes: [
        { key: 'http.status_code', value: { intValue: '503' } },
        { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }] } } },
      ],
      status,
    });
    const spans = spansFromV3({
      result: {
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'users' } }] },
            scopeSpans: [
              { spans: [span('a', { code: 2 }), span('b', { code: 'STATUS_CODE_ERROR' }), span('c', {})] },
            ],
          },
        ],
      },
    });
    expect(spans.map((s) => s.status)).toEqual(['error', 'error', 'ok']);
    expect(spans[2]).toEqual({
      traceId: 'ab',
      spanId: 'c',
      service: 'users',
      name: 'op',
      start: 1_774_286_340_123,
      durationMs: 1.5,
      status: 'ok',
      attrs: { 'http.status_code': 503, tags: ['a'] },
    });
  });
});

describe('jaeger: hints, services and errors', () => {
  const T0 = Date.UTC(2026, 2, 1, 12);
  const span = (
    traceId: string,
    spanId: string,
    service: string,
    start: number,
    parentSpanId?: string,
  ): Span => ({
    traceId,
    spanId,
    ...(parentSpanId !== undefined && { parentSpanId }),
    service,
    name: 'op',
    start,
    durationMs: 1,
    status: 'ok',
  });
  let standIn: JaegerStandIn;
  beforeAll(async () => {
    standIn = await startJaegerStandIn([
      span('t1', 'a', 'front', T0 + 10),
      span('t1', 'b', 'back', T0 + 11, 'a'),
      span('t2', 'c', 'back', T0 + 5000),
    ]);
  });
  afterAll(() => standIn.close());
  const range = { start: T0, end: T0 + 60_000 };

  for (const api of ['v1', 'v3'] as const) {
    it(`${api}: a trace found through two services is kept once`, async () => {
      const spans = await createJaegerSource({ url: standIn.url, api }).spans(range);
      expect(spans.map((s) => s.spanId)).toEqual(['a', 'b', 'c']);
    });

    it(`${api}: configured services are searched without listing, hinted ones when none are configured`, async () => {
      standIn.requests.length = 0;
      await createJaegerSource({ url: standIn.url, api, services: ['front'] }).spans(range);
      expect(standIn.requests.every((r) => !r.path.endsWith('/services'))).toBe(true);
      standIn.requests.length = 0;
      const hinted = await createJaegerSource({ url: standIn.url, api }).spans(range, undefined, {
        services: ['back'],
      });
      // Whole traces come back, so front's span in t1 comes along: a source may return more.
      expect(hinted.map((s) => s.spanId)).toEqual(['a', 'b', 'c']);
      expect(standIn.requests.map((r) => r.params.service ?? r.params['query.serviceName'])).toEqual([
        'back',
      ]);
    });

    it(`${api}: nothing found is an empty answer`, async () => {
      expect(
        await createJaegerSource({ url: standIn.url, api }).spans({ start: T0 - 60_000, end: T0 }),
      ).toEqual([]);
    });
  }

  it('a wrong base URL is BAD_INPUT that names it and never the token', async () => {
    const token = 'tok-8d1e55aa90';
    const source = createJaegerSource({ url: `${standIn.url}/nope`, auth: { bearer: token } });
    const error = await source.spans(range).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NightshiftError);
    expect((error as NightshiftError).code).toBe('BAD_INPUT');
    expect((error as NightshiftError).message).toContain(`${standIn.url}/nope/api/v3/services`);
    expect(JSON.stringify({ ...(error as NightshiftError), m: (error as Error).message })).not.toContain(
      token,
    );
  });

  it('a rejected search quotes Jaeger’s message', async () => {
    // The stand-in takes µs bounds of 2001 for a client bug and answers 400 as Jaeger does.
    const error = await createJaegerSource({ url: standIn.url, api: 'v1', services: ['front'] })
      .spans({ start: 1e9, end: 1e9 + 1000 })
      .then(
        () => undefined,
        (e: unknown) => e as NightshiftError,
      );
    expect(error?.code).toBe('BAD_INPUT');
    expect(error?.message).toContain('HTTP 400: start and end must be µs epochs');
    standIn.problems.length = 0;
  });

  it('an unreachable Jaeger is QUERY_FAILED', async () => {
    const closed = await startJaegerStandIn([]);
    await closed.close();
    const error = await createJaegerSource({ url: closed.url })
      .spans(range)
      .then(
        () => undefined,
        (e: unknown) => e as NightshiftError,
      );
    expect(error?.code).toBe('QUERY_FAILED');
    expect(error?.message).toContain(closed.url);
  });
});

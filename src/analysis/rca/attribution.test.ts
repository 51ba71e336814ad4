/**
 * Who is blamed when evidence could point at several services: a cache behind which a store
 * takes the load, failures on the wire, a service whose connections fail both ways, a blip below
 * a failing service, background patterns that merely doubled, and a change that came after an
 * early, noisy incident onset.
 */
import { expect, test } from 'vitest';
import { MINUTE_MS } from '../../core/index.js';
import type { LogShift, MetricShift, RcaInput } from './evidence.js';
import { rankSuspects } from './rank.js';

const onset = 1000 * MINUTE_MS;

/** edge → front → {api → {store(database), cache(cache)}, other}. */
function input(over: Partial<RcaInput>): RcaInput {
  return {
    services: ['edge', 'front', 'api', 'store', 'cache', 'other'],
    dependsOn: new Map([
      ['edge', ['front']],
      ['front', ['api', 'other']],
      ['api', ['store', 'cache']],
    ]),
    kinds: new Map([
      ['store', 'database'],
      ['cache', 'cache'],
    ]),
    onset,
    metrics: [],
    silences: [],
    logs: [],
    traceOrigins: [],
    traceLatency: [],
    events: [],
    changes: [],
    ...over,
  };
}

const metric = (service: string, name: string, over: Partial<MetricShift> = {}): MetricShift => ({
  service,
  metric: name,
  labels: {},
  score: 20,
  direction: 'up',
  baselineMedian: 0.001,
  incidentMedian: 0.3,
  incidentPeak: 0.3,
  departedShare: 0.9,
  ...over,
});
const log = (service: string, template: string, over: Partial<LogShift> = {}): LogShift => ({
  service,
  template,
  level: 'error',
  kind: 'new',
  baselineCount: 0,
  incidentCount: 5000,
  significance: 500,
  ...over,
});

test.each([
  {
    name: 'a cache that went down: the store its misses fell through to is its victim',
    over: {
      silences: [{ service: 'cache', seriesBefore: 9, seriesDuring: 0 }],
      logs: [
        log('api', 'call to cache failed: dial tcp <*>: connect: connection refused'),
        log('store', 'request <*> cancelled: deadline exceeded after <*>'),
      ],
      metrics: [
        metric('store', 'error_ratio'),
        metric('store', 'latency_p99_ms', { baselineMedian: 12, incidentMedian: 900 }),
        metric('api', 'error_ratio'),
      ],
      traceOrigins: [{ service: 'cache', share: 0.9, traces: 100 }],
    },
    top: 'cache',
    category: 'cache_failure',
  },
  {
    name: 'a caller whose calls fail to resolve its dependency: the dependency’s edge, not the caller’s code',
    over: {
      metrics: [metric('front', 'error_ratio'), metric('edge', 'error_ratio')],
      logs: [log('front', 'call to api failed: dial tcp: lookup api.prod.svc on <*>: no such host')],
      traceOrigins: [{ service: 'front', share: 0.9, traces: 100 }],
    },
    top: 'api',
    category: 'network',
  },
  {
    name: 'connections failing on both sides of a service: the service, not its dependency',
    over: {
      logs: [
        log('edge', 'upstream reset: connection termination cluster=front path=<*>'),
        log('front', 'call to api failed: read tcp <*>: read: connection reset by peer'),
        log('front', 'TCP retransmission rate <*> on eth0', { level: 'warn' }),
      ],
      // A few failing traces end at the dependency: the resets cut its calls short too.
      traceOrigins: [{ service: 'api', share: 0.3, traces: 10 }],
    },
    top: 'front',
    category: 'network',
  },
  {
    name: 'a blip below a service that is failing outright does not make it a victim',
    over: {
      metrics: [
        metric('api', 'error_ratio'),
        metric('api', 'latency_p99_ms', { baselineMedian: 50, incidentMedian: 900 }),
        metric('store', 'error_ratio', { incidentMedian: 0.001, incidentPeak: 0.02, departedShare: 0.05 }),
      ],
      logs: [
        log('api', 'new code path failed: missing field "taxRate"'),
        log('front', 'call to store failed: 500 Internal Server Error', {
          kind: 'increased',
          baselineCount: 70,
          incidentCount: 115,
          significance: 20,
          rateRatio: 2,
        }),
      ],
    },
    top: 'api',
    category: 'code_error',
  },
  {
    name: 'background failures that merely doubled say less than new ones',
    over: {
      logs: [
        log('front', 'call to api failed: 503 Service Unavailable', {
          kind: 'increased',
          baselineCount: 200,
          incidentCount: 300,
          significance: 40,
          rateRatio: 2,
        }),
        log('front', 'call to other failed: unexpected EOF', { incidentCount: 300, significance: 40 }),
      ],
    },
    top: 'other',
    category: 'other',
  },
])('$name', ({ over, top, category }) => {
  const [first] = rankSuspects(input(over as Partial<RcaInput>));
  expect({ service: first?.service, category: first?.category }).toEqual({ service: top, category });
});

test('a change on the service is judged against when most of its series departed, not the earliest', () => {
  const at = (minutes: number) => onset + minutes * MINUTE_MS;
  const ranked = rankSuspects(
    input({
      metrics: [
        // Dated at the window's start by noise; the others agree on 24 minutes later.
        metric('api', 'error_ratio', { onset: at(0) }),
        metric('api', 'latency_p50_ms', { onset: at(24), baselineMedian: 10, incidentMedian: 50 }),
        metric('api', 'latency_p99_ms', { onset: at(24), baselineMedian: 50, incidentMedian: 300 }),
      ],
      logs: [log('api', 'new code path failed: missing field "taxRate"')],
      changes: [
        { id: 'chg-1', ts: at(23), service: 'api', kind: 'feature_flag', summary: 'enable new path' },
      ],
    }),
  );
  expect(ranked[0]).toMatchObject({ service: 'api', category: 'feature_flag' });
  expect(ranked[0]?.change?.change.id).toBe('chg-1');
});

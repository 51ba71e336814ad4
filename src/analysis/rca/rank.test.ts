import { describe, expect, test } from 'vitest';
import { MINUTE_MS } from '../../core/index.js';
import type { EventShift, LogShift, MetricShift, RcaInput } from './evidence.js';
import { rankSuspects } from './rank.js';
import { mentionedServices } from './signals.js';

const onset = 1000 * MINUTE_MS;

/** gateway → checkout → {payments → provider(external), db(database)}; worker → queue. */
function input(over: Partial<RcaInput>): RcaInput {
  return {
    services: ['gateway', 'checkout', 'payments', 'provider', 'db', 'queue', 'worker'],
    dependsOn: new Map([
      ['gateway', ['checkout']],
      ['checkout', ['payments', 'db', 'queue']],
      ['payments', ['provider', 'db']],
      ['worker', ['queue', 'db']],
    ]),
    kinds: new Map([
      ['provider', 'external'],
      ['db', 'database'],
      ['queue', 'queue'],
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

const metric = (service: string, name: string, score: number, from: number, to: number): MetricShift => ({
  service,
  metric: name,
  labels: {},
  score,
  direction: to >= from ? 'up' : 'down',
  baselineMedian: from,
  incidentMedian: to,
  incidentPeak: to,
});
const log = (service: string, template: string, significance = 20): LogShift => ({
  service,
  template,
  level: 'error',
  kind: 'new',
  baselineCount: 0,
  incidentCount: 100,
  significance,
});
const event = (service: string, reason: string, n: number): EventShift => ({
  service,
  reason,
  incidentCount: n,
  baselineCount: 0,
  message: reason,
});

describe('rankSuspects', () => {
  test.each([
    {
      name: 'callers failing with their dependency: the dependency is the cause',
      over: {
        metrics: [
          metric('gateway', 'error_ratio', 30, 0.001, 0.1),
          metric('checkout', 'error_ratio', 40, 0.001, 0.2),
          metric('payments', 'error_ratio', 40, 0.001, 0.3),
        ],
        logs: [log('payments', 'unhandled error in charge: TypeError <*>')],
      },
      top: 'payments',
      category: 'code_error',
    },
    {
      name: 'callers name a service in their errors while it looks healthy (TLS)',
      over: {
        metrics: [
          metric('checkout', 'error_ratio', 40, 0.001, 0.4),
          metric('payments', 'requests_per_second', 20, 50, 2),
        ],
        logs: [log('checkout', 'call to payments failed: x509: certificate has expired or is not yet valid')],
        traceOrigins: [{ service: 'payments', share: 0.9, traces: 50 }],
      },
      top: 'payments',
      category: 'certificate_expiry',
    },
    {
      name: 'a service that went silent and crash-loops',
      over: {
        metrics: [metric('checkout', 'error_ratio', 40, 0.001, 0.5)],
        silences: [{ service: 'payments', seriesBefore: 9, seriesDuring: 0 }],
        events: [event('payments', 'BackOff', 6)],
        logs: [log('checkout', 'call to payments failed: dial tcp <*>: connect: connection refused')],
      },
      top: 'payments',
      category: 'dependency_outage',
    },
    {
      name: 'an external API failing',
      over: {
        metrics: [
          metric('provider', 'error_ratio', 50, 0.002, 0.6),
          metric('payments', 'error_ratio', 40, 0.001, 0.5),
          metric('checkout', 'error_ratio', 30, 0.001, 0.4),
        ],
      },
      top: 'provider',
      category: 'third_party_outage',
    },
    {
      name: 'traffic surge at the entry saturating a dependency',
      over: {
        metrics: [
          metric('gateway', 'requests_per_second', 60, 800, 2800),
          metric('checkout', 'requests_per_second', 50, 30, 100),
          metric('db', 'requests_per_second', 50, 500, 1700),
          metric('db', 'cpu_utilization', 40, 0.4, 0.99),
          metric('db', 'latency_p99_ms', 40, 12, 900),
          metric('checkout', 'latency_p99_ms', 40, 200, 5000),
        ],
      },
      top: 'gateway',
      category: 'traffic_surge',
    },
    {
      name: 'a queue backing up is its consumer’s fault',
      over: {
        metrics: [
          metric('queue', 'queue_depth', 80, 0, 40000),
          metric('worker', 'latency_p99_ms', 30, 150, 4000),
        ],
        logs: [log('worker', 'handler timed out after <*> ms; message <*> requeued')],
      },
      top: 'worker',
      category: 'queue_backlog',
    },
    {
      name: 'OOM kills and restarts',
      over: {
        metrics: [
          metric('checkout', 'memory_utilization', 20, 0.5, 0.97),
          metric('checkout', 'restarts_total', 20, 1, 4),
        ],
        events: [event('checkout', 'OOMKilled', 3)],
      },
      top: 'checkout',
      category: 'resource_memory',
    },
    {
      name: 'a disk nearly full outranks a big relative shift in a pool with headroom',
      over: {
        metrics: [
          { ...metric('db', 'disk_utilization', 0, 0.9, 0.96), utilization: 0.96 },
          { ...metric('worker', 'db_connections_in_use', 20, 2, 3), utilization: 0.15 },
          metric('checkout', 'error_ratio', 8, 0.001, 0.01),
        ],
      },
      top: 'db',
      category: 'resource_disk',
    },
    {
      name: 'callers’ calls to a service slowed (edge metrics): the callee, over the wire',
      over: {
        metrics: [
          { ...metric('gateway', 'call_latency_p50_ms', 20, 5, 250), labels: { to: 'payments' } },
          { ...metric('checkout', 'call_latency_p50_ms', 20, 5, 250), labels: { to: 'payments' } },
          metric('gateway', 'latency_p99_ms', 12, 200, 400),
        ],
      },
      top: 'payments',
      category: 'network',
    },
    {
      name: 'a dependency whose traffic dried up does not explain its stuck caller',
      over: {
        metrics: [
          metric('queue', 'queue_depth', 80, 0, 20000),
          metric('worker', 'latency_p50_ms', 40, 50, 1200),
          metric('worker', 'requests_per_second', 20, 30, 0.1),
          metric('db', 'requests_per_second', 20, 30, 0.1),
          metric('db', 'error_ratio', 10, 0.0005, 0.002),
        ],
        logs: [log('worker', 'handler timed out after <*> ms; message <*> requeued')],
      },
      top: 'worker',
      category: 'queue_backlog',
    },
    {
      name: 'a cache that stopped hitting explains the database its misses fell through to',
      over: {
        kinds: new Map([
          ['db', 'database'],
          ['cache', 'cache'],
        ]),
        dependsOn: new Map([
          ['gateway', ['checkout']],
          ['checkout', ['cache', 'db']],
        ]),
        services: ['gateway', 'checkout', 'cache', 'db'],
        metrics: [
          metric('cache', 'cache_hit_ratio', 40, 0.94, 0.3),
          metric('db', 'requests_per_second', 30, 500, 1500),
          metric('db', 'latency_p99_ms', 40, 12, 2000),
          metric('db', 'error_ratio', 40, 0.001, 0.3),
          metric('checkout', 'error_ratio', 40, 0.001, 0.2),
        ],
        logs: [log('db', 'request <*> cancelled: deadline exceeded after <*>')],
      },
      top: 'cache',
      category: 'cache_failure',
    },
  ])('$name', ({ over, top, category }) => {
    const [first] = rankSuspects(input(over as Partial<RcaInput>));
    expect(first?.service).toBe(top);
    expect(first?.category).toBe(category);
  });

  test('a deploy on the top suspect shortly before the onset is named and makes it a bad deploy', () => {
    const ranked = rankSuspects(
      input({
        metrics: [
          metric('checkout', 'error_ratio', 40, 0.001, 0.2),
          metric('gateway', 'error_ratio', 30, 0.001, 0.05),
        ],
        logs: [log('checkout', 'unhandled error in quote: KeyError <*>')],
        changes: [
          {
            id: 'chg-1',
            ts: onset - 3 * MINUTE_MS,
            service: 'checkout',
            kind: 'deploy',
            summary: 'release 2.4.1',
          },
          { id: 'chg-2', ts: onset - 5 * MINUTE_MS, service: 'worker', kind: 'config', summary: 'tweak' },
        ],
      }),
    );
    expect(ranked[0]).toMatchObject({ service: 'checkout', category: 'bad_deploy' });
    expect(ranked[0]?.change?.change.id).toBe('chg-1');
    expect(ranked[0]?.evidence[0]?.kind).toBe('change');
  });

  test('with no evidence every score is zero', () => {
    expect(rankSuspects(input({})).every((s) => s.score === 0)).toBe(true);
  });
});

test.each([
  { text: 'call to payments failed: 503', names: ['payments'] },
  { text: 'payments-db timeout', names: [] },
  { text: 'upstream connect error cluster=payment-provider path=/x', names: ['payment-provider'] },
  { text: 'checkout calling payments and db', names: ['payments', 'db'] },
])('mentionedServices($text)', ({ text, names }) => {
  expect(
    mentionedServices(text, ['payment-provider', 'checkout', 'payments', 'db']).filter(
      (n) => n !== 'checkout',
    ),
  ).toEqual(names);
});

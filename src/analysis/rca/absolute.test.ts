/**
 * Absolute signals: a resource pinned at its limit and kills a healthy service never shows are
 * evidence on their own, even when the fault began before the baseline and nothing "departed".
 */
import { expect, test } from 'vitest';
import { MINUTE_MS } from '../../core/index.js';
import type { EventShift, MetricShift, RcaInput } from './evidence.js';
import { rankSuspects } from './rank.js';

/** gateway → checkout → {payments, db(database)}. */
function input(over: Partial<RcaInput>): RcaInput {
  return {
    services: ['gateway', 'checkout', 'payments', 'db'],
    dependsOn: new Map([
      ['gateway', ['checkout']],
      ['checkout', ['payments', 'db']],
    ]),
    kinds: new Map([['db', 'database']]),
    onset: 1000 * MINUTE_MS,
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

const shift = (service: string, metric: string, over: Partial<MetricShift>): MetricShift => ({
  service,
  metric,
  labels: {},
  score: 0,
  direction: 'up',
  baselineMedian: 0,
  incidentMedian: 0,
  incidentPeak: 0,
  ...over,
});
/** A small, real but unremarkable error rise elsewhere: what the analyst fell back on before. */
const noise = shift('payments', 'error_ratio', { score: 3, baselineMedian: 0.0001, incidentMedian: 0.0004 });

test.each([
  {
    name: 'memory at its limit before the window, dropped by an OOM kill: memory',
    metrics: [
      noise,
      shift('checkout', 'memory_utilization', {
        score: 18,
        direction: 'down',
        baselineMedian: 0.99,
        incidentMedian: 0.5,
        utilization: 0.5,
        atLimitShare: 0.45,
      }),
    ],
    events: [] as EventShift[],
    top: 'checkout',
    category: 'resource_memory',
  },
  {
    name: 'OOM kills that began before the baseline: memory',
    metrics: [noise],
    events: [
      {
        service: 'checkout',
        reason: 'OOMKilled',
        incidentCount: 1,
        baselineCount: 0,
        windowCount: 3,
        message: 'exceeded its memory limit',
      },
    ],
    top: 'checkout',
    category: 'resource_memory',
  },
  {
    name: 'a disk full all along, with no shift: disk',
    metrics: [
      noise,
      shift('db', 'disk_utilization', {
        baselineMedian: 0.99,
        incidentMedian: 0.99,
        utilization: 0.99,
        atLimitShare: 1,
      }),
    ],
    events: [],
    top: 'db',
    category: 'resource_disk',
  },
  {
    name: 'a pool with every connection out all along, with no shift: pool exhaustion',
    metrics: [
      noise,
      shift('checkout', 'db_connections_in_use', {
        baselineMedian: 20,
        incidentMedian: 20,
        utilization: 1,
        atLimitShare: 1,
      }),
    ],
    events: [],
    top: 'checkout',
    category: 'connection_pool_exhaustion',
  },
])('$name', ({ metrics, events, top, category }) => {
  const [first] = rankSuspects(input({ metrics, events }));
  expect({ service: first?.service, category: first?.category }).toEqual({ service: top, category });
});

test('a resource that was never at its limit gains nothing from the rule', () => {
  const calm = shift('checkout', 'memory_utilization', {
    score: 18,
    direction: 'down',
    baselineMedian: 0.6,
    incidentMedian: 0.4,
    utilization: 0.4,
  });
  const [first] = rankSuspects(input({ metrics: [noise, calm] }));
  expect(first?.service).toBe('payments');
});

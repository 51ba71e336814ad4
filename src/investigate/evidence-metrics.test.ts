import { expect, test } from 'vitest';
import type { Series } from '../core/index.js';
import { MINUTE_MS } from '../core/index.js';
import { metricShifts } from './evidence-metrics.js';

const wobble = (i: number) => ((i * 7919) % 5) / 1000;
function series(metric: string, value: (i: number) => number): Series {
  return {
    service: 'db',
    metric,
    labels: {},
    timestamps: Array.from({ length: 120 }, (_, i) => i * MINUTE_MS),
    values: Array.from({ length: 120 }, (_, i) => value(i)),
  };
}
const windows = {
  baseline: { start: 0, end: 60 * MINUTE_MS },
  incident: { start: 60 * MINUTE_MS, end: 119 * MINUTE_MS },
};

test.each([
  {
    name: 'a utilisation metric is its own share',
    input: [series('cpu_utilization', (i) => (i < 60 ? 0.2 : 0.97) + wobble(i))],
    metric: 'cpu_utilization',
    utilization: 0.97,
  },
  {
    name: 'connections in use are divided by the pool maximum beside them',
    input: [
      series('db_connections_in_use', (i) => (i < 60 ? 2 : 3) + wobble(i)),
      series('db_connections_max', () => 20),
    ],
    metric: 'db_connections_in_use',
    utilization: 0.15,
  },
  {
    name: 'a disk creeping up too slowly to stand out still counts once nearly full',
    input: [series('disk_utilization', (i) => 0.85 + i * 0.001)],
    metric: 'disk_utilization',
    utilization: 0.94,
  },
  {
    name: 'a count without a capacity has no utilisation',
    input: [series('requests_per_second', (i) => (i < 60 ? 100 : 300) + wobble(i))],
    metric: 'requests_per_second',
    utilization: undefined,
  },
])('$name', ({ input, metric, utilization }) => {
  const shift = metricShifts(input, windows).find((s) => s.metric === metric);
  expect(shift).toBeDefined();
  if (utilization === undefined) expect(shift?.utilization).toBeUndefined();
  else expect(shift?.utilization).toBeCloseTo(utilization, 2);
});

test('a disk that is nearly full but steady or draining is not evidence', () => {
  const steady = series('disk_utilization', (i) => 0.93 + wobble(i) / 10);
  const draining = series('disk_utilization', (i) => 0.99 - i * 0.0001);
  expect(metricShifts([steady], windows)).toEqual([]);
  expect(metricShifts([draining], windows).filter((s) => s.direction === 'up')).toEqual([]);
});

test.each([
  {
    name: 'memory at its limit, then dropped by a restart',
    input: [series('memory_utilization', (i) => (i < 70 ? 0.99 : 0.5 + i / 1000) + wobble(i) / 10)],
    share: 70 / 119,
  },
  {
    name: 'a pool with every connection out all along',
    input: [series('db_connections_in_use', () => 20), series('db_connections_max', () => 20)],
    share: 1,
  },
  { name: 'memory with headroom', input: [series('memory_utilization', (i) => 0.6 + wobble(i))], share: 0 },
])('share of the windows at the limit: $name', ({ input, share }) => {
  const shift = metricShifts(input, windows).find((s) => s.metric !== 'db_connections_max');
  expect(shift?.atLimitShare ?? 0).toBeCloseTo(share, 2);
});

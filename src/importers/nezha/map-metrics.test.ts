import { describe, expect, test } from 'vitest';
import type { MetricSample } from '../../core/index.js';
import {
  type ColumnRule,
  FRONT_LATENCY_RULES,
  FRONT_SUCCESS_RULE,
  isKept,
  POD_COLUMN_RULES,
} from './columns.js';
import type { FrontRow, PodRow } from './decode.js';
import {
  edgeSamples,
  frontServiceSamples,
  podSamples,
  samplesInWindow,
  sortByTime,
  successRateIsBlank,
} from './map-metrics.js';
import { POD_VALUE_COLUMNS, type PodValueColumn } from './wire.js';

const T0 = Date.parse('2022-08-22T03:51:19.799Z');

describe('pod column mapping', () => {
  test.each<{ column: PodValueColumn; raw: number; metric: string; value: number }>([
    {
      column: 'CpuUsage(m)',
      raw: 5.341930494693208,
      metric: 'cpu_usage_millicores',
      value: 5.341930494693208,
    },
    {
      column: 'CpuUsageRate(%)',
      raw: 26.709652473466033,
      metric: 'cpu_utilization',
      value: 0.26709652473466,
    },
    {
      column: 'CpuUsageRate(%)',
      raw: 110.11809366815464,
      metric: 'cpu_utilization',
      value: 1.10118093668155,
    },
    { column: 'MemoryUsage(Mi)', raw: 201.23828125, metric: 'memory_bytes', value: 211_013_632 },
    {
      column: 'MemoryUsageRate(%)',
      raw: 12.0147705078125,
      metric: 'memory_utilization',
      value: 0.120147705078125,
    },
    { column: 'SyscallRead', raw: 1037.9999999999998, metric: 'syscall_read', value: 1037.9999999999998 },
    { column: 'SyscallWrite', raw: 2352, metric: 'syscall_write', value: 2352 },
    { column: 'NetworkReceiveBytes', raw: 32496.36, metric: 'network_receive_bytes', value: 32496.36 },
    { column: 'NetworkTransmitBytes', raw: 237008.78, metric: 'network_transmit_bytes', value: 237008.78 },
    { column: 'PodServerLatencyP90(s)', raw: 1.1499999999999995, metric: 'latency_p90_ms', value: 1150 },
    { column: 'PodServerLatencyP95(s)', raw: 0.0048, metric: 'latency_p95_ms', value: 4.8 },
    {
      column: 'PodServerLatencyP99(s)',
      raw: 0.0049599999999999,
      metric: 'latency_p99_ms',
      value: 4.9599999999999,
    },
    { column: 'PodClientLatencyP90(s)', raw: 0.0046, metric: 'pod_client_latency_p90_ms', value: 4.6 },
    { column: 'PodClientLatencyP95(s)', raw: 0.0925, metric: 'pod_client_latency_p95_ms', value: 92.5 },
    { column: 'PodClientLatencyP99(s)', raw: 0.0985, metric: 'pod_client_latency_p99_ms', value: 98.5 },
    {
      column: 'PodWorkload(Ops)',
      raw: 9.133333333333333,
      metric: 'requests_per_second',
      value: 9.133333333333333,
    },
    {
      column: 'NodeCpuUsageRate(%)',
      raw: 2.815721109529523,
      metric: 'node_cpu_utilization',
      value: 0.0281572110952952,
    },
    { column: 'NodeMemoryUsageRate(%)', raw: 11.25, metric: 'node_memory_utilization', value: 0.1125 },
    { column: 'NodeNetworkReceiveBytes', raw: 32833.6, metric: 'node_network_receive_bytes', value: 32833.6 },
  ])('$column $raw → $metric $value', ({ column, raw, metric, value }) => {
    const row: PodRow = { line: 2, timeMs: T0, values: { [column]: raw } };
    expect(podSamples('frontend', [row])).toEqual([
      { ts: T0, service: 'frontend', metric, value, labels: {} },
    ]);
  });

  test('PodSuccessRate(%) is left out: it is 0 in every Nezha pod file', () => {
    const row: PodRow = { line: 2, timeMs: T0, values: { 'PodSuccessRate(%)': 0 } };
    expect(podSamples('frontend', [row])).toEqual([]);
    expect(isKept(POD_COLUMN_RULES['PodSuccessRate(%)'])).toBe(false);
  });

  test('every other pod column is kept, under a metric name of its own', () => {
    const kept = POD_VALUE_COLUMNS.map((c): ColumnRule => POD_COLUMN_RULES[c]).filter(isKept);
    expect(kept).toHaveLength(POD_VALUE_COLUMNS.length - 1);
    expect(new Set(kept.map((rule) => rule.metric)).size).toBe(kept.length);
  });
});

describe('front_service.csv mapping', () => {
  const row = (successPercent: number | undefined): FrontRow => ({
    line: 2,
    timeMs: T0,
    successPercent,
    latencySeconds: { 'LatencyP50(s)': 0.24062500000000003, 'LatencyP99(s)': 2.365 },
  });

  test('success rate → error_ratio, latencies in ms, all labelled level=service', () => {
    const labels = { level: 'service' };
    expect(frontServiceSamples('frontend', [row(55.4140127388535)], { errorRatio: true })).toEqual([
      { ts: T0, service: 'frontend', metric: 'error_ratio', value: 0.445859872611465, labels },
      { ts: T0, service: 'frontend', metric: 'latency_p50_ms', value: 240.625, labels },
      { ts: T0, service: 'frontend', metric: 'latency_p99_ms', value: 2365, labels },
    ]);
  });

  test.each([
    { successPercent: 100, errorRatio: 0 },
    { successPercent: 0, errorRatio: 1 },
    { successPercent: 97.74436090225565, errorRatio: 0.0225563909774435 },
  ])('SuccessRate $successPercent % → error_ratio $errorRatio', ({ successPercent, errorRatio }) => {
    expect(FRONT_SUCCESS_RULE.convert(successPercent)).toBe(errorRatio);
  });

  test('error_ratio is left out when asked (a success rate that is 0 all day)', () => {
    const samples = frontServiceSamples('frontend', [row(0)], { errorRatio: false });
    expect(samples.map((s) => s.metric)).toEqual(['latency_p50_ms', 'latency_p99_ms']);
  });

  test.each([
    { name: 'all zero', rates: [0, 0, undefined], blank: true },
    { name: 'real rates', rates: [100, 0, 100], blank: false },
    { name: 'no rows', rates: [], blank: false },
  ])('successRateIsBlank: $name', ({ rates, blank }) => {
    expect(successRateIsBlank(rates.map(row))).toBe(blank);
  });

  test('the latency columns map to the spec names', () => {
    expect(Object.values(FRONT_LATENCY_RULES).map((r) => r.metric)).toEqual([
      'latency_p50_ms',
      'latency_p90_ms',
      'latency_p95_ms',
      'latency_p99_ms',
    ]);
  });
});

test('edgeSamples: the caller is the service, the callee and reporter are labels', () => {
  const table = {
    edges: [{ column: 'frontend_cartservice', from: 'frontend', to: 'cartservice' }],
    rows: [
      { line: 2, timeMs: T0, seconds: new Map([['frontend_cartservice', 0.003084746]]) },
      { line: 3, timeMs: T0 + 60_000, seconds: new Map<string, number>() },
    ],
  };
  expect(edgeSamples('destination', table)).toEqual([
    {
      ts: T0,
      service: 'frontend',
      metric: 'call_latency_p50_ms',
      value: 3.084746,
      labels: { to: 'cartservice', reporter: 'destination' },
    },
  ]);
});

describe('samplesInWindow', () => {
  const at = (ts: number): MetricSample => ({ ts, service: 's', metric: 'm', value: ts, labels: {} });
  const sorted = sortByTime([50, 10, 30, 30, 20, 40].map(at));

  test.each([
    { name: 'inside', start: 15, end: 35, ts: [20, 30, 30] },
    { name: 'both ends included', start: 20, end: 40, ts: [20, 30, 30, 40] },
    { name: 'before the data', start: 0, end: 5, ts: [] },
    { name: 'after the data', start: 60, end: 70, ts: [] },
    { name: 'all', start: 0, end: 100, ts: [10, 20, 30, 30, 40, 50] },
  ])('$name', ({ start, end, ts }) => {
    expect(samplesInWindow(sorted, { start, end }).map((s) => s.ts)).toEqual(ts);
  });
});

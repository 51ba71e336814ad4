/**
 * metrics.csv rows from the simulation, with the spec's preferred metric names. A service with no
 * ready pod reports nothing but its restart count (the scrape fails, kube-state-metrics does not);
 * an external service has only what its callers measure.
 */
import type { MetricSample } from '../../core/index.js';
import { toIso } from '../../core/index.js';
import type { Index } from '../sim/conditions.js';
import type { SeriesField, SimResult } from '../sim/state.js';
import type { LabService } from '../topology.js';
import type { MetricDialect } from './dialect.js';
import { translateMetric } from './metric-dialects.js';

type Metric = [name: string, field: SeriesField, round: (v: number) => number];

const ratio = (v: number) => Math.round(v * 1e5) / 1e5;
const ms = (v: number) => Math.round(v * 100) / 100;
const whole = (v: number) => Math.round(v);
const rate = (v: number) => Math.round(v * 100) / 100;

const TRAFFIC: Metric[] = [
  ['requests_per_second', 'rps', rate],
  ['error_ratio', 'errorRatio', ratio],
  ['latency_p50_ms', 'p50', ms],
  ['latency_p95_ms', 'p95', ms],
  ['latency_p99_ms', 'p99', ms],
];
const CONTAINER: Metric[] = [
  ['cpu_utilization', 'cpu', ratio],
  ['memory_bytes', 'memoryBytes', whole],
  ['memory_utilization', 'memoryUtilization', ratio],
];

/** The metrics a service exports, by its role. */
export function metricsOf(s: LabService): Metric[] {
  if (s.role === 'external') return TRAFFIC;
  const list = [...TRAFFIC, ...CONTAINER];
  if ((s.poolMax ?? 0) > 0)
    list.push(['db_connections_in_use', 'poolInUse', whole], ['db_connections_max', 'poolMax', whole]);
  if (s.role === 'cache') list.push(['cache_hit_ratio', 'cacheHitRatio', ratio]);
  if (s.role === 'queue') list.push(['queue_depth', 'queueDepth', whole]);
  if (s.role === 'database' || s.role === 'queue') list.push(['disk_utilization', 'disk', ratio]);
  return list;
}

export class MetricEmitter {
  private readonly lists: Metric[][];

  constructor(
    private readonly index: Index,
    private readonly result: SimResult,
    /** Exporter naming and units (metric-dialects.ts); native keeps the spec's names. */
    private readonly dialect: MetricDialect = 'native',
  ) {
    this.lists = index.services.map(metricsOf);
  }

  /** Calls `fn` for every sample of one step, in a stable order. */
  forEachSample(step: number, fn: (service: string, metric: string, value: number) => void): void {
    const dialect = this.dialect;
    if (dialect === 'native') {
      this.forEachNative(step, fn);
      return;
    }
    this.forEachNative(step, (service, metric, value) => {
      const s = this.index.services[this.index.byName.get(service) ?? -1];
      if (s) translateMetric(dialect, s, metric, value, fn);
    });
  }

  private forEachNative(step: number, fn: (service: string, metric: string, value: number) => void): void {
    const r = this.result;
    this.index.services.forEach((s, i) => {
      const cell = step * r.services + i;
      if (!r.down[cell]) {
        for (const [name, field, round] of this.lists[i] ?? [])
          fn(s.name, name, round(r.fields[field][cell] ?? 0));
      }
      if (s.role !== 'external') fn(s.name, 'restarts_total', r.fields.restarts[cell] ?? 0);
    });
  }

  /** CSV rows of one step (no header). */
  step(step: number): string {
    const ts = toIso(this.result.start + step * this.result.stepMs);
    let out = '';
    this.forEachSample(step, (service, metric, value) => {
      out += `${ts},${service},${metric},${value}\n`;
    });
    return out;
  }

  samples(step: number): MetricSample[] {
    const ts = this.result.start + step * this.result.stepMs;
    const out: MetricSample[] = [];
    this.forEachSample(step, (service, metric, value) =>
      out.push({ ts, service, metric, value, labels: {} }),
    );
    return out;
  }
}

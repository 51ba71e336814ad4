/**
 * A wide table of metric series (one column per service/metric/labels, one row per timestamp), as
 * the Python RCA baselines take a pandas DataFrame. Gaps are forward-filled, then back-filled, as
 * RCAEval's preprocessing does; constant columns are dropped.
 */
import type { MetricSample } from '../../src/core/index.js';

export interface Column {
  service: string;
  name: string;
  values: Float64Array;
}

export interface Frame {
  times: number[];
  columns: Column[];
}

export function buildFrame(samples: Iterable<MetricSample>, range: { start: number; end: number }): Frame {
  const bySeries = new Map<string, { service: string; name: string; points: Map<number, number> }>();
  const times = new Set<number>();
  for (const s of samples) {
    if (s.ts < range.start || s.ts >= range.end) continue;
    const labels = Object.entries(s.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const name = labels ? `${s.metric}{${labels}}` : s.metric;
    const key = `${s.service}\u0000${name}`;
    let series = bySeries.get(key);
    if (!series) {
      series = { service: s.service, name, points: new Map() };
      bySeries.set(key, series);
    }
    series.points.set(s.ts, s.value);
    times.add(s.ts);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const columns: Column[] = [];
  for (const series of bySeries.values()) {
    const values = new Float64Array(sorted.length).fill(Number.NaN);
    sorted.forEach((t, i) => {
      const v = series.points.get(t);
      if (v !== undefined) values[i] = v;
    });
    fillGaps(values);
    if (!isConstant(values)) columns.push({ service: series.service, name: series.name, values });
  }
  columns.sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
  return { times: sorted, columns };
}

function fillGaps(values: Float64Array): void {
  let last = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i] as number)) values[i] = last;
    else last = values[i] as number;
  }
  let next = Number.NaN;
  for (let i = values.length - 1; i >= 0; i--) {
    if (Number.isNaN(values[i] as number)) values[i] = next;
    else next = values[i] as number;
  }
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i] as number)) values[i] = 0;
}

function isConstant(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

/** Services in the order their best column ranks: the baselines' service-level answer. */
export function rankServices(columns: readonly Column[], scores: readonly number[]): string[] {
  const order = columns.map((c, i) => ({ service: c.service, score: scores[i] ?? Number.NEGATIVE_INFINITY }));
  order.sort((a, b) => b.score - a.score);
  const seen: string[] = [];
  for (const o of order) if (!seen.includes(o.service)) seen.push(o.service);
  return seen;
}

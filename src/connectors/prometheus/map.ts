/**
 * Pure mapping from Prometheus label sets and matrices to Nightshift series: which label names
 * the service, which labels are kept, which series a capped read keeps, and in what order.
 */
import type { Series } from '../../core/index.js';
import type { MatrixSeries } from './wire.js';

export interface Naming {
  serviceLabels: readonly string[];
  dropLabels: readonly string[];
}

/** A label set's identity: its pairs sorted by name. */
export function labelSetKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0001${labels[k]}`)
    .join('\u0000');
}

/** The service a series belongs to: the value of the first service label it has (non-empty). */
export function serviceOf(
  labels: Record<string, string>,
  naming: Naming,
): { label: string; service: string } | undefined {
  for (const label of naming.serviceLabels) {
    const service = labels[label];
    if (service) return { label, service };
  }
  return undefined;
}

interface Named {
  raw: Record<string, string>;
  service: string;
  metric: string;
  /** Without __name__ and the service label. */
  full: Record<string, string>;
  kept: Record<string, string>;
}

function name(raw: Record<string, string>, naming: Naming): Named | undefined {
  const owner = serviceOf(raw, naming);
  const metric = raw.__name__;
  if (!owner || !metric) return undefined;
  const full: Record<string, string> = {};
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === '__name__' || k === owner.label) continue;
    full[k] = v;
    if (!naming.dropLabels.includes(k)) kept[k] = v;
  }
  return { raw, service: owner.service, metric, full, kept };
}

/**
 * Rank of a series in a read: series of the hinted services first (in hint order), then by
 * service, metric and labels. Deterministic, so a capped read keeps the same series every time.
 */
export function compareForRead(hints: readonly string[]) {
  const rank = (service: string) => {
    const i = hints.indexOf(service);
    return i === -1 ? hints.length : i;
  };
  return (a: { service: string; metric: string; labelKey: string }, b: typeof a) =>
    rank(a.service) - rank(b.service) ||
    cmp(a.service, b.service) ||
    cmp(a.metric, b.metric) ||
    cmp(a.labelKey, b.labelKey);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface Chosen {
  /** Keys (labelSetKey of the raw label set) of the series to read, by metric name. */
  byMetric: Map<string, Set<string>>;
  found: number;
  kept: number;
}

/**
 * The series to read from what /api/v1/series found: those with a service label, at most
 * `maxSeries` of them in `compareForRead` order.
 */
export function chooseSeries(
  found: readonly Record<string, string>[],
  naming: Naming,
  options: { maxSeries: number; hints: readonly string[] },
): Chosen {
  const unique = new Map<string, { service: string; metric: string; labelKey: string }>();
  for (const raw of found) {
    const named = name(raw, naming);
    if (!named) continue;
    const key = labelSetKey(raw);
    unique.set(key, { service: named.service, metric: named.metric, labelKey: key });
  }
  const ordered = [...unique.values()].sort(compareForRead(options.hints)).slice(0, options.maxSeries);
  const byMetric = new Map<string, Set<string>>();
  for (const s of ordered) {
    let keys = byMetric.get(s.metric);
    if (!keys) {
      keys = new Set();
      byMetric.set(s.metric, keys);
    }
    keys.add(s.labelKey);
  }
  return { byMetric, found: unique.size, kept: ordered.length };
}

/** Samples as ascending integer-ms timestamps, NaN dropped (Prometheus's "no value" in data). */
export function samplesOf(values: MatrixSeries['values']): Pick<Series, 'timestamps' | 'values'> {
  const timestamps: number[] = [];
  const out: number[] = [];
  for (const [seconds, value] of values) {
    if (Number.isNaN(value)) continue;
    timestamps.push(Math.round(seconds * 1000));
    out.push(value);
  }
  return { timestamps, values: out };
}

/**
 * Matrix results as series. Series without a service label, or with no sample left, are left out.
 * Dropped labels are kept on series that would otherwise look the same as another (two instances
 * of one service), so no two returned series share a service, metric and label set.
 */
export function toSeries(
  results: readonly MatrixSeries[],
  naming: Naming,
  hints: readonly string[] = [],
): Series[] {
  const named: { n: Named; samples: Pick<Series, 'timestamps' | 'values'> }[] = [];
  for (const r of results) {
    const n = name(r.metric, naming);
    const samples = samplesOf(r.values);
    if (n && samples.timestamps.length > 0) named.push({ n, samples });
  }
  const keyOf = (n: Named, labels: Record<string, string>) =>
    `${n.service}\u0000${n.metric}\u0000${labelSetKey(labels)}`;
  const counts = new Map<string, number>();
  for (const { n } of named) counts.set(keyOf(n, n.kept), (counts.get(keyOf(n, n.kept)) ?? 0) + 1);
  const series = named.map(({ n, samples }) => {
    const labels = (counts.get(keyOf(n, n.kept)) ?? 0) > 1 ? n.full : n.kept;
    return { service: n.service, metric: n.metric, labels, ...samples };
  });
  const order = compareForRead(hints);
  return series
    .map((s) => ({ s, service: s.service, metric: s.metric, labelKey: labelSetKey(s.labels) }))
    .sort(order)
    .map(({ s }) => s);
}

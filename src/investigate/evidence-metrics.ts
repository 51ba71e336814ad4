/** Every metric series' departure from its baseline, as the ranker's evidence. */
import { median, scoreShift } from '../analysis/anomaly/index.js';
import type { MetricShift } from '../analysis/rca/index.js';
import { seriesKey } from '../connectors/files/index.js';
import type { TimeRange as Range, Series } from '../core/index.js';

/** Utilisation at which a rising resource counts without a significant shift. */
const NEARLY_FULL = 0.9;
/**
 * A resource at or above this share of its capacity is at its limit: memory that OOM-kills, a
 * full disk, a pool with every connection out. Samples jitter a point or two below a hard limit.
 */
const AT_LIMIT = 0.97;

export function metricShifts(
  series: readonly Series[],
  windows: { baseline: Range; incident: Range },
): MetricShift[] {
  const out: MetricShift[] = [];
  const byKey = new Map(series.map((s) => [seriesKey(s.service, s.metric, s.labels), s]));
  for (const s of series) {
    const shift = scoreShift(s, {
      baselineStart: windows.baseline.start,
      baselineEnd: windows.baseline.end,
      incidentStart: windows.incident.start,
      incidentEnd: windows.incident.end,
    });
    if (!shift) continue;
    const full = utilization(s, shift.incidentMedian, byKey, windows.incident);
    // A resource that is nearly full and still filling is evidence even when it crept there too
    // slowly to stand out against its own last hour (a disk filling over a day).
    const nearlyFull = (full.utilization ?? 0) >= NEARLY_FULL && shift.incidentMedian > shift.baselineMedian;
    // A resource pinned at its limit is evidence on its own, with or without a clean "before":
    // a fault already under way when the window opens leaves no shift, only the limit.
    const atLimitShare = full.utilization === undefined ? undefined : shareAtLimit(s, byKey, windows);
    if (!(shift.score > 0) && !nearlyFull && !(atLimitShare && atLimitShare > 0)) continue;
    out.push({
      service: s.service,
      metric: s.metric,
      labels: s.labels,
      score: shift.score,
      direction: shift.score > 0 ? shift.direction : 'up',
      onset: shift.onset,
      baselineMedian: shift.baselineMedian,
      incidentMedian: shift.incidentMedian,
      incidentPeak: shift.incidentPeak,
      departedShare: shift.departedShare,
      ...full,
      ...(atLimitShare ? { atLimitShare } : {}),
    });
  }
  return out;
}

/**
 * The share of the samples in the baseline and incident windows together at which the resource
 * was at its limit (`AT_LIMIT` of its capacity or more).
 */
function shareAtLimit(
  s: Series,
  byKey: ReadonlyMap<string, Series>,
  windows: { baseline: Range; incident: Range },
): number {
  const inWindows = (t: number) =>
    (t >= windows.baseline.start && t < windows.baseline.end) ||
    (t >= windows.incident.start && t <= windows.incident.end);
  const capacity = capacityOf(s, byKey, windows.incident);
  let seen = 0;
  let atLimit = 0;
  s.values.forEach((v, k) => {
    if (!inWindows(s.timestamps[k] ?? 0) || !Number.isFinite(v)) return;
    seen++;
    if (v >= AT_LIMIT * capacity) atLimit++;
  });
  return seen > 0 ? atLimit / seen : 0;
}

/** What a full resource reads: 1 for a share, the capacity series' incident median for a count. */
function capacityOf(s: Series, byKey: ReadonlyMap<string, Series>, incident: Range): number {
  if (s.metric.endsWith('_utilization')) return 1;
  const capacityMetric = CAPACITY[s.metric];
  const capacity = capacityMetric ? byKey.get(seriesKey(s.service, capacityMetric, s.labels)) : undefined;
  if (!capacity) return Number.POSITIVE_INFINITY;
  const values = capacity.values.filter((_, k) => {
    const t = capacity.timestamps[k] ?? 0;
    return t >= incident.start && t <= incident.end;
  });
  const max = median(values);
  return max > 0 ? max : Number.POSITIVE_INFINITY;
}

/** Capacity series for metrics that count use of a limited resource. */
const CAPACITY: Record<string, string> = { db_connections_in_use: 'db_connections_max' };

/**
 * How full the resource behind a series is in the incident, 0..1: a `*_utilization` metric is
 * already a share; a count with a capacity series beside it (connections in use against the pool's
 * maximum) is divided by that capacity's incident median.
 */
function utilization(
  s: Series,
  incidentMedian: number,
  byKey: ReadonlyMap<string, Series>,
  incident: Range,
): { utilization?: number } {
  if (s.metric.endsWith('_utilization') && incidentMedian >= 0 && incidentMedian <= 1.5)
    return { utilization: Math.min(1, incidentMedian) };
  if (s.metric.endsWith('_utilization')) return {};
  const max = capacityOf(s, byKey, incident);
  return Number.isFinite(max) ? { utilization: Math.min(1, incidentMedian / max) } : {};
}

/** Every metric series' departure from its baseline, as the ranker's evidence. */
import { scoreShift } from '../analysis/anomaly/index.js';
import type { MetricShift } from '../analysis/rca/index.js';
import type { Series } from '../core/index.js';
import type { Range } from './gather.js';

export function metricShifts(
  series: readonly Series[],
  windows: { baseline: Range; incident: Range },
): MetricShift[] {
  const out: MetricShift[] = [];
  for (const s of series) {
    const shift = scoreShift(s, {
      baselineStart: windows.baseline.start,
      baselineEnd: windows.baseline.end,
      incidentStart: windows.incident.start,
      incidentEnd: windows.incident.end,
    });
    if (!shift || !(shift.score > 0)) continue;
    out.push({
      service: s.service,
      metric: s.metric,
      labels: s.labels,
      score: shift.score,
      direction: shift.direction,
      onset: shift.onset,
      baselineMedian: shift.baselineMedian,
      incidentMedian: shift.incidentMedian,
      incidentPeak: shift.incidentPeak,
    });
  }
  return out;
}

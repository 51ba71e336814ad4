/**
 * Services that reported metrics before the incident and (mostly) stopped during it: a pod with
 * no ready container is not scraped. Compares how densely each service's series report in the two
 * windows, so a service that went down part-way through the incident window still counts.
 */
import type { Silence } from '../analysis/rca/index.js';
import type { TimeRange as Range, Series } from '../core/index.js';

/** Series that keep reporting while a pod is down (kube-state-metrics counts restarts). */
const SURVIVES_OUTAGE = /restarts/;
/** Reporting at under 40 % of its usual density means the service was gone for most of the window. */
const SILENT_BELOW = 0.4;

export function silences(
  series: readonly Series[],
  windows: { baseline: Range; incident: Range },
): Silence[] {
  const by = new Map<
    string,
    { before: number; during: number; seriesBefore: number; seriesDuring: number }
  >();
  for (const s of series) {
    if (SURVIVES_OUTAGE.test(s.metric)) continue;
    const c = by.get(s.service) ?? { before: 0, during: 0, seriesBefore: 0, seriesDuring: 0 };
    let before = 0;
    let during = 0;
    for (const t of s.timestamps) {
      if (t >= windows.baseline.start && t < windows.baseline.end) before++;
      else if (t >= windows.incident.start && t < windows.incident.end) during++;
    }
    c.before += before;
    c.during += during;
    if (before > 0) c.seriesBefore++;
    if (during > 0) c.seriesDuring++;
    by.set(s.service, c);
  }
  const ratio =
    (windows.incident.end - windows.incident.start) /
    Math.max(1, windows.baseline.end - windows.baseline.start);
  return [...by.entries()]
    .filter(([, c]) => c.before > 0 && c.during < SILENT_BELOW * c.before * ratio)
    .map(([service, c]) => ({ service, seriesBefore: c.seriesBefore, seriesDuring: c.seriesDuring }));
}

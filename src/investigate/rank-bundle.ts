/**
 * `nightshift rank`: the built-in analyst's root-cause ranking over one bundle. Finds the onset,
 * sets a baseline and an incident window around it, extracts evidence from every source present,
 * and ranks suspect services.
 */
import { detectIncidentWindow } from '../analysis/anomaly/index.js';
import { rankSuspects, type Suspect } from '../analysis/rca/index.js';
import { errorOrigins, latencyAttribution } from '../analysis/traces/index.js';
import { openBundle } from '../bundle/index.js';
import { MINUTE_MS } from '../core/index.js';
import { eventShifts } from './evidence-events.js';
import { logShifts } from './evidence-logs.js';
import { metricShifts } from './evidence-metrics.js';
import { silences } from './evidence-silence.js';
import { gather, type Range } from './gather.js';
import { graphOf } from './graph.js';

export interface BundleRanking {
  incidentId: string;
  alert: { name: string; service: string; startsAt: number };
  onset: number;
  /** How the onset was found: from the telemetry, or assumed before the alert. */
  onsetFrom: 'telemetry' | 'alert';
  windows: { baseline: Range; incident: Range };
  suspects: Suspect[];
  sources: { series: number; logs: number; spans: number; events: number; changes: number };
  elapsedMs: number;
}

/** How far before the alert the analysis reads; covers slow onsets and a baseline before them. */
const LOOKBACK_MS = 3 * 60 * MINUTE_MS;
const BASELINE_MS = 60 * MINUTE_MS;
/** Gap between baseline and onset, so a ramp that started a little early does not pollute it. */
const GUARD_MS = 2 * MINUTE_MS;
const INCIDENT_AFTER_ALERT_MS = 20 * MINUTE_MS;
/** Without a detected onset, assume the trouble began this long before the alert fired. */
const ASSUMED_LEAD_MS = 10 * MINUTE_MS;
/**
 * How far before the alert an onset is searched: alerting rules wait a few minutes ("for: 5m")
 * after a ramp of a few more; an onset found much earlier is more often an unrelated blip.
 */
const ONSET_LOOKBACK_MS = 30 * MINUTE_MS;
/**
 * An onset dated this little after the alert is the same onset: metric steps are a minute or
 * more, and an alert fed by another pipeline can fire as the first bad samples arrive.
 */
const ONSET_AFTER_ALERT_MS = 2 * MINUTE_MS;

export async function rankBundle(dir: string): Promise<BundleRanking> {
  const started = performance.now();
  const bundle = await openBundle(dir);
  const { incident } = bundle;
  const alertAt = incident.alert.startsAt;
  const range = { start: Math.max(incident.window.start, alertAt - LOOKBACK_MS), end: incident.window.end };
  const data = await gather(bundle, range);

  const detected = detectIncidentWindow(data.series, {
    alertAt,
    lookbackMs: ONSET_LOOKBACK_MS,
    anchorService: incident.alert.service,
  });
  const found = detected && detected.onset <= alertAt + ONSET_AFTER_ALERT_MS ? detected.onset : undefined;
  const onset = found ?? alertAt - ASSUMED_LEAD_MS;
  const baselineEnd = Math.max(range.start + MINUTE_MS, onset - GUARD_MS);
  const windows = {
    baseline: { start: Math.max(range.start, baselineEnd - BASELINE_MS), end: baselineEnd },
    incident: { start: onset, end: Math.min(range.end, alertAt + INCIDENT_AFTER_ALERT_MS) },
  };
  const graph = graphOf(bundle.topology, data.spans);
  const suspects = rankSuspects({
    services: graph.services,
    dependsOn: graph.dependsOn,
    kinds: graph.kinds,
    onset,
    metrics: metricShifts(data.series, windows),
    silences: silences(data.series, windows),
    logs: logShifts(data.logs, windows, graph.services),
    traceOrigins: errorOrigins(data.spans, windows.incident),
    traceLatency: latencyAttribution(data.spans, windows),
    events: eventShifts(data.events, windows),
    changes: data.changes,
  });
  return {
    incidentId: incident.id,
    alert: { name: incident.alert.name, service: incident.alert.service, startsAt: alertAt },
    onset,
    onsetFrom: found === undefined ? 'alert' : 'telemetry',
    windows,
    suspects,
    sources: {
      series: data.series.length,
      logs: data.logs.length,
      spans: data.spans.length,
      events: data.events.length,
      changes: data.changes.length,
    },
    elapsedMs: performance.now() - started,
  };
}

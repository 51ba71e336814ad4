/**
 * The incident's onset and the two windows every comparison uses: a baseline hour ending just
 * before the onset, and the incident from the onset to a while after the alert.
 */
import { detectIncidentWindow, type SeriesEvidence } from '../analysis/anomaly/index.js';
import type { Alert, TimeRange as Range, Series } from '../core/index.js';
import { MINUTE_MS } from '../core/index.js';

export interface IncidentWindows {
  onset: number;
  /** How the onset was found: from the telemetry, or assumed before the alert. */
  onsetFrom: 'telemetry' | 'alert';
  baseline: Range;
  incident: Range;
  /** The series that departed, strongest first (empty when the onset was assumed). */
  evidence: SeriesEvidence[];
}

/** How far before the alert an investigation reads; covers slow onsets and a baseline before them. */
export const LOOKBACK_MS = 3 * 60 * MINUTE_MS;
const BASELINE_MS = 60 * MINUTE_MS;
/** Gap between baseline and onset, so a ramp that started a little early does not pollute it. */
const GUARD_MS = 2 * MINUTE_MS;
const INCIDENT_AFTER_ALERT_MS = 20 * MINUTE_MS;
/** Without a detected onset, assume the trouble began this long before the alert fired. */
export const ASSUMED_LEAD_MS = 10 * MINUTE_MS;
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

/**
 * The window of a live alert, which has no bundle to bound it: from the lookback before the alert
 * to `now`, at most the incident stretch after the alert.
 */
export function liveWindow(alert: Alert, now: number): Range {
  const end = Math.min(now, alert.startsAt + INCIDENT_AFTER_ALERT_MS);
  return { start: alert.startsAt - LOOKBACK_MS, end: Math.max(end, alert.startsAt + MINUTE_MS) };
}

/** The range of telemetry an investigation of `alert` reads, within the bundle's window. */
export function readRange(alert: Alert, window: Range): Range {
  return { start: Math.max(window.start, alert.startsAt - LOOKBACK_MS), end: window.end };
}

export function findWindows(series: readonly Series[], alert: Alert, range: Range): IncidentWindows {
  const alertAt = alert.startsAt;
  const detected = detectIncidentWindow(series, {
    alertAt,
    lookbackMs: ONSET_LOOKBACK_MS,
    anchorService: alert.service,
  });
  const found = detected && detected.onset <= alertAt + ONSET_AFTER_ALERT_MS ? detected.onset : undefined;
  const onset = found ?? alertAt - ASSUMED_LEAD_MS;
  const baselineEnd = Math.max(range.start + MINUTE_MS, onset - GUARD_MS);
  return {
    onset,
    onsetFrom: found === undefined ? 'alert' : 'telemetry',
    baseline: { start: Math.max(range.start, baselineEnd - BASELINE_MS), end: baselineEnd },
    incident: { start: onset, end: Math.min(range.end, alertAt + INCIDENT_AFTER_ALERT_MS) },
    evidence: found === undefined ? [] : (detected?.evidence ?? []),
  };
}

/**
 * `nightshift rank`: the built-in analyst's root-cause ranking over one bundle. Finds the onset,
 * sets a baseline and an incident window around it, extracts evidence from every source present,
 * and ranks suspect services.
 */
import { rankSuspects, type Suspect } from '../analysis/rca/index.js';
import { errorOrigins, latencyAttribution } from '../analysis/traces/index.js';
import { openBundle } from '../bundle/index.js';
import { gather } from '../connectors/files/index.js';
import type { TimeRange as Range } from '../core/index.js';
import { eventShifts } from './evidence-events.js';
import { logShifts } from './evidence-logs.js';
import { metricShifts } from './evidence-metrics.js';
import { silences } from './evidence-silence.js';
import { graphOf } from './graph.js';
import { findWindows, readRange } from './windows.js';

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

export async function rankBundle(dir: string): Promise<BundleRanking> {
  const started = performance.now();
  const bundle = await openBundle(dir);
  const { incident } = bundle;
  const alertAt = incident.alert.startsAt;
  const range = readRange(incident.alert, incident.window);
  const data = await gather(bundle, range);
  const found = findWindows(data.series, incident.alert, range);
  const { onset } = found;
  const windows = { baseline: found.baseline, incident: found.incident };
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
    onsetFrom: found.onsetFrom,
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

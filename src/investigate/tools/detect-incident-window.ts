/** detect_incident_window: when the incident began and which series show it. */
import { z } from 'zod';
import { toIso } from '../../core/index.js';
import { findWindows, type IncidentWindows } from '../windows.js';
import { defineTool } from './tool.js';

export const detectIncidentWindowTool = defineTool({
  name: 'detect_incident_window',
  description:
    'Find when the incident began (the onset), the baseline and incident windows every other tool compares, and the metric series that departed from their baseline, strongest first.',
  input: z.object({
    limit: z.number().int().min(1).max(50).default(15).describe('series to list'),
  }),
  run: (input, ctx): IncidentWindows & { limit: number } => {
    return { ...findWindows(ctx.data.series, ctx.alert, ctx.range), limit: input.limit };
  },
  present: (w) => ({
    onset: toIso(w.onset),
    onsetFrom: w.onsetFrom === 'telemetry' ? 'found in the telemetry' : 'assumed 10 min before the alert',
    baseline: { start: toIso(w.baseline.start), end: toIso(w.baseline.end) },
    incident: { start: toIso(w.incident.start), end: toIso(w.incident.end) },
    departedSeries: w.evidence.slice(0, w.limit).map((e) => ({
      series: e.seriesId,
      direction: e.direction,
      score: round(e.score),
      onset: toIso(e.onset),
      baseline: round(e.baseline),
      peak: round(e.peak),
    })),
  }),
});

export function round(x: number): number {
  return Number(x.toPrecision(4));
}

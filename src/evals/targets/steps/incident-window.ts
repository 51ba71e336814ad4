/**
 * `incident-window`: when did the incident begin? The coordinator's detection (`findWindows`: robust
 * shift scores, a CUSUM onset, agreement between series, anchored on the alert's service) on
 * recorded series in vars, or on a bundle's metrics exactly as an investigation reads them.
 * `minutesBeforeAlert` lets a suite bound the onset with `gt`/`lt`.
 */
import { z } from 'zod';
import {
  type Alert,
  MINUTE_MS,
  NightshiftError,
  type Series,
  timestampSchema,
  toIso,
} from '../../../core/index.js';
import { bundleInvestigationInput, findWindows, withToolContext } from '../../../investigate/index.js';
import type { IncidentWindows } from '../../../investigate/windows.js';
import { Tracer } from '../../../tracing/index.js';
import { defineStep, round3 } from './step.js';

/** Evidence series listed in the output; the rest only count. */
const LISTED_EVIDENCE = 10;

const recordedSeriesSchema = z
  .object({
    service: z.string().min(1),
    metric: z.string().min(1),
    labels: z.record(z.string(), z.string()).default({}),
    /** One value a step from `start`; a gap is written as null. */
    values: z.array(z.number().nullable()).min(2),
  })
  .strict();

const varsSchema = z
  .object({
    /** The alert that fired: its service anchors the onset. */
    alert: z.object({ service: z.string().min(1), startsAt: timestampSchema }).strict(),
    /** When the first value of every series was taken. */
    start: timestampSchema,
    stepSeconds: z.number().positive().default(60),
    series: z.array(recordedSeriesSchema).min(1),
  })
  .strict()
  .optional();

function recordedSeries(vars: NonNullable<z.output<typeof varsSchema>>): Series[] {
  const stepMs = vars.stepSeconds * 1000;
  return vars.series.map((s) => {
    const timestamps: number[] = [];
    const values: number[] = [];
    s.values.forEach((value, i) => {
      if (value === null) return;
      timestamps.push(vars.start + i * stepMs);
      values.push(value);
    });
    return { service: s.service, metric: s.metric, labels: s.labels, timestamps, values };
  });
}

function describe(windows: IncidentWindows, alertAt: number) {
  return {
    onset: toIso(windows.onset),
    /** Epoch ms, so a case can bound the onset with `gt`/`lt`. */
    onsetMs: windows.onset,
    onsetFrom: windows.onsetFrom,
    minutesBeforeAlert: round3((alertAt - windows.onset) / MINUTE_MS),
    baseline: { start: toIso(windows.baseline.start), end: toIso(windows.baseline.end) },
    incident: { start: toIso(windows.incident.start), end: toIso(windows.incident.end) },
    services: [...new Set(windows.evidence.map((e) => e.service))],
    evidence: windows.evidence.slice(0, LISTED_EVIDENCE).map((e) => ({
      series: e.seriesId,
      direction: e.direction,
      score: round3(e.score),
      onset: toIso(e.onset),
    })),
    evidenceCount: windows.evidence.length,
  };
}

export const incidentWindowStep = defineStep({
  description: "The incident's onset from recorded series in vars, or from a bundle's metrics.",
  vars: varsSchema,
  accepts: ['none', 'bundle'],
  async run(vars, source) {
    if (source.kind === 'bundle') {
      const input = await bundleInvestigationInput(source.dir);
      const tracer = new Tracer({ traceId: 'eval-incident-window', name: 'eval window', enabled: false });
      const windows = await withToolContext(input, { tracer }, async (ctx) => ctx.windows);
      return describe(windows, input.alert.startsAt);
    }
    if (vars === undefined)
      throw new NightshiftError(
        'BAD_INPUT',
        'the incident-window step needs input.vars (alert, start, series) or a bundle',
      );
    const series = recordedSeries(vars);
    const alert: Alert = {
      name: 'recorded alert',
      service: vars.alert.service,
      severity: 'critical',
      startsAt: vars.alert.startsAt,
      labels: {},
      annotations: {},
    };
    const end = Math.max(...series.flatMap((s) => s.timestamps.slice(-1)));
    const windows = findWindows(series, alert, { start: vars.start, end });
    return describe(windows, alert.startsAt);
  },
});

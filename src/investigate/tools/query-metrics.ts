/** query_metrics: every metric series' shift between the baseline and incident windows. */
import { z } from 'zod';
import type { MetricShift, Silence } from '../../analysis/rca/index.js';
import { metricShiftsOf, silencesOf } from './derived.js';
import { round } from './detect-incident-window.js';
import { defineTool } from './tool.js';

export const queryMetricsTool = defineTool({
  name: 'query_metrics',
  description:
    'Metric series that shifted between the baseline and the incident (score 0-20, larger is stranger; utilization 0-1 where the resource has a capacity), strongest first, and services that stopped reporting metrics. Filter by service and metric name.',
  input: z.object({
    service: z.string().optional(),
    metric: z
      .string()
      .optional()
      .describe('substring of the metric name, e.g. "latency" or "db_connections"'),
    limit: z.number().int().min(1).max(1000).default(30),
  }),
  run: (input, ctx): { shifts: MetricShift[]; silences: Silence[]; total: number } => {
    const shifts = metricShiftsOf(ctx).filter(
      (s) =>
        (input.service === undefined || s.service === input.service) &&
        (input.metric === undefined || s.metric.includes(input.metric)),
    );
    const quiet = silencesOf(ctx).filter((s) => input.service === undefined || s.service === input.service);
    return { shifts: shifts.slice(0, input.limit), silences: quiet, total: shifts.length };
  },
  present: (out) => ({
    total: out.total,
    shifts: out.shifts.map((s) => ({
      service: s.service,
      metric: s.metric,
      ...(Object.keys(s.labels).length > 0 ? { labels: s.labels } : {}),
      direction: s.direction,
      baseline: round(s.baselineMedian),
      incident: round(s.incidentMedian),
      peak: round(s.incidentPeak),
      score: round(s.score),
      ...(s.utilization === undefined ? {} : { utilization: round(s.utilization) }),
    })),
    stoppedReporting: out.silences,
  }),
});

/** log_patterns: log templates that are new or rose significantly in the incident. */
import { z } from 'zod';
import type { LogShift } from '../../analysis/rca/index.js';
import { LOG_LEVELS } from '../../core/index.js';
import { logShiftsOf } from './derived.js';
import { round } from './detect-incident-window.js';
import { defineTool } from './tool.js';

export const logPatternsTool = defineTool({
  name: 'log_patterns',
  description:
    'Log templates (variable parts as <*>) that are new in the incident window or whose rate rose significantly against the baseline, by service and level, most significant first. `mentions` gives the share of lines naming another service.',
  input: z.object({
    service: z.string().optional(),
    level: z.enum(LOG_LEVELS).optional(),
    limit: z.number().int().min(1).max(1000).default(25),
  }),
  run: (input, ctx): { patterns: LogShift[]; total: number } => {
    const all = logShiftsOf(ctx).filter(
      (p) =>
        (input.service === undefined || p.service === input.service) &&
        (input.level === undefined || p.level === input.level),
    );
    return { patterns: all.slice(0, input.limit), total: all.length };
  },
  present: (out) => ({
    total: out.total,
    patterns: out.patterns.map((p) => ({
      service: p.service,
      level: p.level,
      kind: p.kind,
      template: p.template,
      baselineCount: p.baselineCount,
      incidentCount: p.incidentCount,
      significance: round(p.significance),
      ...(p.mentions && Object.keys(p.mentions).length > 0
        ? { mentions: Object.fromEntries(Object.entries(p.mentions).map(([k, v]) => [k, round(v)])) }
        : {}),
    })),
  }),
});

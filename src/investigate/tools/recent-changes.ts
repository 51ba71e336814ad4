/** recent_changes: deploys, config changes, flags and migrations around the onset. */
import { z } from 'zod';
import { type Change, HOUR_MS, MINUTE_MS, toIso } from '../../core/index.js';
import { defineTool } from './tool.js';

export const recentChangesTool = defineTool({
  name: 'recent_changes',
  description:
    'Changes (deploys, config changes, feature flags, migrations, scaling, rollbacks) from some hours before the onset to the end of the incident window, nearest the onset first, with minutes before the onset (negative: after).',
  input: z.object({
    service: z.string().optional(),
    hoursBefore: z.number().min(0.25).max(48).default(6),
    limit: z.number().int().min(1).max(1000).default(30),
  }),
  run: (input, ctx): { changes: Change[]; onset: number; total: number } => {
    const onset = ctx.windows.onset;
    const all = ctx.data.changes
      .filter(
        (c) =>
          c.ts >= onset - input.hoursBefore * HOUR_MS &&
          c.ts <= ctx.windows.incident.end &&
          (input.service === undefined || c.service === input.service),
      )
      .sort((a, b) => Math.abs(onset - a.ts) - Math.abs(onset - b.ts));
    return { changes: all.slice(0, input.limit), onset, total: all.length };
  },
  present: (out) => ({
    total: out.total,
    changes: out.changes.map((c) => ({
      id: c.id,
      service: c.service,
      kind: c.kind,
      at: toIso(c.ts),
      minutesBeforeOnset: Math.round((out.onset - c.ts) / MINUTE_MS),
      summary: c.summary,
      ...(c.author ? { author: c.author } : {}),
      ...(c.version ? { version: c.version } : {}),
      ...(c.diff ? { diff: c.diff.slice(0, 400) } : {}),
    })),
  }),
});

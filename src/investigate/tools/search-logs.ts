/** search_logs: raw log lines containing a text, for reading what a pattern stands for. */
import { z } from 'zod';
import { LOG_LEVELS, type LogRecord, toIso } from '../../core/index.js';
import { defineTool } from './tool.js';

export const searchLogsTool = defineTool({
  name: 'search_logs',
  description:
    'Log lines whose message contains a text (case-insensitive), newest last, in the incident window by default. Use it to read examples of a pattern or to look for a name, id or error.',
  input: z.object({
    text: z.string().min(1).max(200),
    service: z.string().optional(),
    level: z.enum(LOG_LEVELS).optional(),
    window: z.enum(['incident', 'baseline', 'both']).default('incident'),
    limit: z.number().int().min(1).max(200).default(30),
  }),
  run: (input, ctx): { lines: LogRecord[]; total: number } => {
    const needle = input.text.toLowerCase();
    const { baseline, incident } = ctx.windows;
    const inWindow = (t: number) =>
      (input.window !== 'baseline' && t >= incident.start && t < incident.end) ||
      (input.window !== 'incident' && t >= baseline.start && t < baseline.end);
    const lines = ctx.data.logs.filter(
      (l) =>
        inWindow(l.ts) &&
        (input.service === undefined || l.service === input.service) &&
        (input.level === undefined || l.level === input.level) &&
        l.message.toLowerCase().includes(needle),
    );
    return { lines: lines.slice(-input.limit), total: lines.length };
  },
  present: (out) => ({
    total: out.total,
    lines: out.lines.map((l) => ({
      ts: toIso(l.ts),
      service: l.service,
      level: l.level,
      message: l.message,
    })),
  }),
});

/**
 * What a caller asks for: a window (`since`, a duration back from now) and an optional split. One
 * schema for `GET /api/accuracy`'s query and the CLI's flags, so both accept the same values.
 */
import { z } from 'zod';
import { parseDuration } from '../core/index.js';
import { ACCURACY_SPLITS } from './figures.js';

/** The window when none is given: a month, long enough to gather feedback, short enough to be current. */
export const DEFAULT_SINCE = '30d';

export const SINCE_EXPECTATION = 'expected a duration back from now such as 30d, 12h or 90m';

/** A duration such as `30d` as milliseconds, or undefined when it is not one (or not positive). */
export function parseSince(text: string): number | undefined {
  const ms = parseDuration(text);
  return ms === undefined || ms <= 0 ? undefined : ms;
}

export const accuracyQuerySchema = z
  .object({
    /** The window as milliseconds back from now. */
    since: z
      .string()
      .default(DEFAULT_SINCE)
      .transform((text, ctx) => {
        const ms = parseSince(text);
        if (ms === undefined) {
          ctx.addIssue({ code: 'custom', message: `${SINCE_EXPECTATION}; got "${text}"` });
          return z.NEVER;
        }
        return ms;
      }),
    by: z.enum(ACCURACY_SPLITS).optional(),
    /** A stored backtest run (id, prefix, `last`): its cases instead of feedback; `since` is ignored. */
    backtest: z.string().min(1).optional(),
  })
  .strict();

export type AccuracyQuery = z.infer<typeof accuracyQuerySchema>;

/**
 * Telemetry dialects: how a system's logs and metrics are written. Real fleets differ in this more
 * than in anything else an analyst reads: JSON or logfmt or plain-text log bodies, Java or Python
 * stack traces under errors, Prometheus client or OpenTelemetry metric names and units. `native`
 * is the lab's own format (the bundle spec's preferred names, bare messages) and is what every
 * bundle made before dialects existed contains, byte for byte.
 */
import { NightshiftError } from '../../core/index.js';

export const LOG_DIALECTS = ['native', 'json', 'logfmt', 'plain'] as const;
export const STACK_DIALECTS = ['none', 'java', 'python'] as const;
export const METRIC_DIALECTS = ['native', 'prometheus', 'otel'] as const;

export type LogDialect = (typeof LOG_DIALECTS)[number];
export type StackDialect = (typeof STACK_DIALECTS)[number];
export type MetricDialect = (typeof METRIC_DIALECTS)[number];

export interface Dialect {
  logs?: LogDialect;
  stacks?: StackDialect;
  metrics?: MetricDialect;
}

/** Every field filled in: absent fields are native (or no stacks). */
export function fullDialect(d: Dialect | undefined): Required<Dialect> {
  return { logs: d?.logs ?? 'native', stacks: d?.stacks ?? 'none', metrics: d?.metrics ?? 'native' };
}

/** `logs=logfmt,metrics=otel,stacks=java`, the form `nightshift lab generate --dialect` takes and reports use. */
export function formatDialect(d: Dialect | undefined): string {
  const f = fullDialect(d);
  return `logs=${f.logs},stacks=${f.stacks},metrics=${f.metrics}`;
}

const CHOICES = { logs: LOG_DIALECTS, stacks: STACK_DIALECTS, metrics: METRIC_DIALECTS } as const;

/**
 * Reads `logs=logfmt,metrics=otel,stacks=java` (any subset, any order). Throws NightshiftError
 * BAD_INPUT naming the part that is wrong and the values it may take.
 */
export function parseDialect(text: string): Dialect {
  const out: Dialect = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    if (!key || !(key in CHOICES) || value === undefined || extra !== undefined) {
      throw new NightshiftError(
        'BAD_INPUT',
        `dialect part "${part}" is not key=value with key logs, stacks or metrics`,
        {
          hint: 'e.g. --dialect logs=logfmt,stacks=java,metrics=otel',
        },
      );
    }
    const allowed: readonly string[] = CHOICES[key as keyof typeof CHOICES];
    if (!allowed.includes(value)) {
      throw new NightshiftError('BAD_INPUT', `dialect ${key}=${value} is unknown`, {
        hint: `${key} takes one of ${allowed.join(', ')}`,
      });
    }
    (out as Record<string, string>)[key] = value;
  }
  return out;
}

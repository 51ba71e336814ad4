/**
 * Time helpers. Inside Nightshift every instant is a number of milliseconds since the Unix epoch;
 * strings exist only at the edges (files, APIs, screens).
 */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

// RFC 3339 date-time with a mandatory zone (Z or ±hh:mm); fractional seconds optional.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 string with a zone or an integer of epoch ms; undefined when it is neither. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? value : undefined;
  }
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export const TIMESTAMP_EXPECTATION = 'expected RFC 3339 with a zone or epoch milliseconds';

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses durations such as `90s`, `15m`, `24h`, `2d` into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { ms: 1, s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS }[
    m[2] as 'ms' | 's' | 'm' | 'h' | 'd'
  ];
  return Number(m[1]) * unit;
}

export function formatDuration(ms: number): string {
  if (ms < SECOND_MS) return `${Math.round(ms)} ms`;
  if (ms < MINUTE_MS) return `${(ms / SECOND_MS).toFixed(1)} s`;
  if (ms < HOUR_MS) return `${Math.round(ms / MINUTE_MS)} min`;
  const h = Math.floor(ms / HOUR_MS);
  const m = Math.round((ms % HOUR_MS) / MINUTE_MS);
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

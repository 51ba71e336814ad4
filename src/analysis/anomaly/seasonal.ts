/**
 * Daily seasonality without fitting a model: the expected value at a moment is the median of what
 * the series did at the same time of day on each of the previous days (up to a week). Traffic,
 * batch jobs and business hours repeat daily; the median of a handful of days ignores the one day
 * that was itself unusual. This is the "same time yesterday, and the days before" comparison an
 * engineer makes by eye, and a cheap stand-in for STL's seasonal component (Cleveland et al. 1990).
 */
import { DAY_MS } from '../../core/index.js';
import { lowerBound } from './robust-stats.js';

/** Days looked back for the same time of day: a week covers weekday effects too. */
export const SEASON_DAYS = 7;

/**
 * The median of the values at `ts − d days` (d = 1 … days) among `timestamps[lo..hi)` (ascending),
 * taking for each day the nearest sample within `toleranceMs`; undefined when no day has one.
 */
export function sameTimeReference(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  range: { lo: number; hi: number },
  ts: number,
  options: { days?: number; toleranceMs: number },
): number | undefined {
  const found: number[] = [];
  const days = options.days ?? SEASON_DAYS;
  for (let d = 1; d <= days; d++) {
    const target = ts - d * DAY_MS;
    if (range.hi <= range.lo || (timestamps[range.lo] ?? 0) > target + options.toleranceMs) break;
    const at = lowerBound(timestamps, target, range.hi, range.lo);
    let best: number | undefined;
    let bestGap = options.toleranceMs;
    for (let i = Math.max(at - 1, range.lo); i <= at && i < range.hi; i++) {
      const gap = Math.abs((timestamps[i] ?? 0) - target);
      if (gap <= bestGap) {
        bestGap = gap;
        best = values[i];
      }
    }
    if (best !== undefined) found.push(best);
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a - b);
  const mid = (found.length - 1) / 2;
  return ((found[Math.floor(mid)] ?? 0) + (found[Math.ceil(mid)] ?? 0)) / 2;
}

/**
 * A stream's recent samples for `sameTimeReference`, bounded to the last `days + 1` days and to at
 * most `maxPoints` samples (a dense series then looks back fewer days rather than growing).
 */
export class SeasonalHistory {
  private timestamps: number[] = [];
  private values: number[] = [];
  private start = 0;

  constructor(
    private readonly days = SEASON_DAYS,
    private readonly maxPoints = 20_000,
  ) {}

  reference(ts: number, toleranceMs: number): number | undefined {
    return sameTimeReference(
      this.timestamps,
      this.values,
      { lo: this.start, hi: this.timestamps.length },
      ts,
      { days: this.days, toleranceMs },
    );
  }

  push(ts: number, value: number): void {
    this.timestamps.push(ts);
    this.values.push(value);
    const horizon = ts - (this.days + 1) * DAY_MS;
    while (
      this.start < this.timestamps.length &&
      ((this.timestamps[this.start] ?? 0) < horizon || this.timestamps.length - this.start > this.maxPoints)
    ) {
      this.start++;
    }
    // Drop the expired prefix in one go once it is as long as what is kept.
    if (this.start > 1024 && this.start * 2 > this.timestamps.length) {
      this.timestamps = this.timestamps.slice(this.start);
      this.values = this.values.slice(this.start);
      this.start = 0;
    }
  }
}

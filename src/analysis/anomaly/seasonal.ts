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
  const { lo, hi } = range;
  return sameTimeMedian(timestamps, values, lo, hi, ts, options.days ?? SEASON_DAYS, options.toleranceMs, []);
}

/** `sameTimeReference` on plain arguments, collecting into `found` (emptied first) so a stream can reuse it. */
function sameTimeMedian(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  ts: number,
  days: number,
  toleranceMs: number,
  found: number[],
): number | undefined {
  found.length = 0;
  for (let d = 1; d <= days; d++) {
    const target = ts - d * DAY_MS;
    if (hi <= lo || (timestamps[lo] ?? 0) > target + toleranceMs) break;
    const at = lowerBound(timestamps, target, hi, lo);
    let best: number | undefined;
    let bestGap = toleranceMs;
    for (let i = Math.max(at - 1, lo); i <= at && i < hi; i++) {
      const gap = Math.abs((timestamps[i] ?? 0) - target);
      if (gap <= bestGap) {
        bestGap = gap;
        best = values[i];
      }
    }
    if (best !== undefined) insertSorted(found, best);
  }
  if (found.length === 0) return undefined;
  const mid = (found.length - 1) / 2;
  return ((found[Math.floor(mid)] ?? 0) + (found[Math.ceil(mid)] ?? 0)) / 2;
}

/**
 * Inserts `value` after the values not above it: for the week of values a reference takes, cheaper
 * than a comparator sort, and stable like it, so the median is the same.
 */
function insertSorted(sorted: number[], value: number): void {
  let at = sorted.length;
  sorted.push(value);
  for (; at > 0 && (sorted[at - 1] ?? 0) > value; at--) sorted[at] = sorted[at - 1] ?? 0;
  sorted[at] = value;
}

/**
 * A stream's recent samples for `sameTimeReference`, bounded to the last `days + 1` days and to at
 * most `maxPoints` samples (a dense series then looks back fewer days rather than growing).
 */
export class SeasonalHistory {
  private timestamps: number[] = [];
  private values: number[] = [];
  private start = 0;
  /** Scratch for `reference`: one array per stream rather than one per point. */
  private readonly found: number[] = [];

  constructor(
    private readonly days = SEASON_DAYS,
    private readonly maxPoints = 20_000,
  ) {}

  reference(ts: number, toleranceMs: number): number | undefined {
    const { timestamps, values, start, days, found } = this;
    return sameTimeMedian(timestamps, values, start, timestamps.length, ts, days, toleranceMs, found);
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

/**
 * How far a metric's incident window departs from its baseline window, as one number that can be
 * compared across series: the root-cause ranker calls `scoreShift` for every metric series of every
 * service and orders them by it.
 *
 * The departure is measured in robust sigmas of the baseline (median and MAD × 1.4826, with the
 * scale floor of `robust-stats.ts`), and only a sustained one counts: the most deviant run of
 * `SUSTAIN_POINTS` consecutive incident points, taken at its least deviant point, so a lone spike
 * does not move the score but three points in a row do. When the baseline covers at least a day,
 * each incident point is compared with the same time of day on the baseline's days instead of with
 * the baseline's overall median, so a daily peak is not an incident.
 */
import type { Series } from '../../core/index.js';
import { DAY_MS } from '../../core/index.js';
import type { Direction } from './change-points.js';
import { floorOf, lowerBound, MAD_TO_SIGMA, median, medianAndMad, upperBound } from './robust-stats.js';
import { sameTimeReference } from './seasonal.js';

export interface ShiftWindows {
  /** Baseline: points with baselineStart ≤ ts < baselineEnd (epoch ms). */
  baselineStart: number;
  baselineEnd: number;
  /** Incident: points with incidentStart ≤ ts ≤ incidentEnd (epoch ms). */
  incidentStart: number;
  incidentEnd: number;
}

export interface ShiftScore {
  /**
   * 0 when the incident stays within NOISE_Z = 3 robust sigmas of the baseline; otherwise the
   * sustained excess e beyond that band, squashed as 20 × (1 − e^(−e/20)): about e up to 10σ,
   * approaching 20. The ceiling keeps a metric whose baseline was perfectly flat (where any move is
   * thousands of sigmas) from dwarfing every other series, while keeping the order.
   */
  score: number;
  direction: Direction;
  /** First incident point of the first sustained departure beyond the noise band (when score > 0). */
  onset?: number;
  baselineMedian: number;
  incidentMedian: number;
  /** The incident value furthest from the baseline in `direction`. */
  incidentPeak: number;
  /**
   * Share of incident points beyond the noise band in `direction`: near 1 for a shift that holds,
   * small for a blip that came and went.
   */
  departedShare: number;
}

/** Points that must depart together: one outlier is noise, three in a row are a shift. */
export const SUSTAIN_POINTS = 3;
/** Robust sigmas within which a series counts as unchanged (≈ 0.3% of normal data lies beyond). */
export const NOISE_Z = 3;
const SCORE_CEILING = 20;
/** Baseline points sampled to estimate the spread of seasonal residuals (keeps the call O(n)). */
const RESIDUAL_SAMPLE = 256;
const MIN_BASELINE = 3;
const MIN_RESIDUALS = 10;

export interface IndexRange {
  lo: number;
  hi: number;
}

/**
 * Scores one series' shift between two windows; undefined when the baseline has fewer than 3 points
 * or the incident window none. Cost: one sort of the baseline plus a pass over both windows (a few
 * microseconds for an hour of minutely samples); a baseline of a day or more adds a handful of
 * binary searches per point.
 */
export function scoreShift(series: Series, windows: ShiftWindows): ShiftScore | undefined {
  const { timestamps, values } = series;
  const baseline = {
    lo: lowerBound(timestamps, windows.baselineStart),
    hi: lowerBound(timestamps, windows.baselineEnd),
  };
  const incident = {
    lo: lowerBound(timestamps, windows.incidentStart),
    hi: upperBound(timestamps, windows.incidentEnd),
  };
  if (baseline.hi - baseline.lo < MIN_BASELINE || incident.hi <= incident.lo) return undefined;
  const { deviations, baselineMedian } = incidentDeviations(series, baseline, incident);
  const { z, direction } = mostDeviantRun(deviations);
  const excess = Math.max(0, Math.abs(z) - NOISE_Z);
  const score = SCORE_CEILING * (1 - Math.exp(-excess / SCORE_CEILING));
  const onsetIndex = score > 0 ? firstSustained(deviations, direction) : undefined;
  const incidentValues = values.slice(incident.lo, incident.hi);
  let peak = incidentValues[0] ?? 0;
  for (const v of incidentValues) peak = direction === 'up' ? Math.max(peak, v) : Math.min(peak, v);
  const sign = direction === 'up' ? 1 : -1;
  const departed = deviations.filter((d) => sign * d > NOISE_Z).length;
  return {
    score,
    direction,
    ...(onsetIndex === undefined ? {} : { onset: timestamps[incident.lo + onsetIndex] }),
    baselineMedian,
    incidentMedian: median(incidentValues),
    incidentPeak: peak,
    departedShare: deviations.length === 0 ? 0 : departed / deviations.length,
  };
}

/**
 * Robust z of each incident point against the baseline (seasonal when the baseline spans a day and
 * every incident point has a same-time reference in it), with the baseline's median.
 */
export function incidentDeviations(
  series: Series,
  baseline: IndexRange,
  incident: IndexRange,
): { deviations: number[]; baselineMedian: number } {
  const base = series.values.slice(baseline.lo, baseline.hi);
  const { median: center, mad } = medianAndMad(base);
  const floor = floorOf(base, center);
  const seasonal = seasonalDeviations(series, baseline, incident, floor);
  if (seasonal) return { deviations: seasonal, baselineMedian: center };
  const scale = Math.max(MAD_TO_SIGMA * mad, floor);
  const deviations: number[] = [];
  for (let k = incident.lo; k < incident.hi; k++) deviations.push(((series.values[k] ?? 0) - center) / scale);
  return { deviations, baselineMedian: center };
}

function seasonalDeviations(
  series: Series,
  baseline: IndexRange,
  incident: IndexRange,
  floor: number,
): number[] | undefined {
  const { timestamps, values } = series;
  const spanMs = (timestamps[baseline.hi - 1] ?? 0) - (timestamps[baseline.lo] ?? 0);
  if (spanMs < DAY_MS) return undefined;
  const toleranceMs = Math.max(spanMs / Math.max(baseline.hi - baseline.lo - 1, 1), 60_000);
  const reference = (at: number, hi: number) =>
    sameTimeReference(timestamps, values, { lo: baseline.lo, hi }, timestamps[at] ?? 0, { toleranceMs });

  const residuals: number[] = [];
  const stride = Math.max(1, Math.floor((baseline.hi - baseline.lo) / RESIDUAL_SAMPLE));
  for (let k = baseline.lo; k < baseline.hi; k += stride) {
    const ref = reference(k, k);
    if (ref !== undefined) residuals.push((values[k] ?? 0) - ref);
  }
  if (residuals.length < MIN_RESIDUALS) return undefined;
  const { median: center, mad } = medianAndMad(residuals);
  const scale = Math.max(MAD_TO_SIGMA * mad, floor);

  const out: number[] = [];
  for (let k = incident.lo; k < incident.hi; k++) {
    const ref = reference(k, baseline.hi);
    if (ref === undefined) return undefined;
    out.push(((values[k] ?? 0) - ref - center) / scale);
  }
  return out;
}

/** The run of SUSTAIN_POINTS points (fewer in a shorter window) that departs furthest, at its weakest point. */
function mostDeviantRun(z: readonly number[]): { z: number; direction: Direction } {
  const run = Math.min(SUSTAIN_POINTS, z.length);
  let up = Number.NEGATIVE_INFINITY;
  let down = Number.POSITIVE_INFINITY;
  for (let start = 0; start + run <= z.length; start++) {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let k = start; k < start + run; k++) {
      low = Math.min(low, z[k] ?? 0);
      high = Math.max(high, z[k] ?? 0);
    }
    up = Math.max(up, low);
    down = Math.min(down, high);
  }
  return up >= -down ? { z: Math.max(up, 0), direction: 'up' } : { z: Math.min(down, 0), direction: 'down' };
}

/** Index of the first run of SUSTAIN_POINTS points (fewer in a shorter window) beyond the noise band. */
export function firstSustained(z: readonly number[], direction: Direction): number | undefined {
  const run = Math.min(SUSTAIN_POINTS, z.length);
  let streak = 0;
  for (let k = 0; k < z.length; k++) {
    const beyond = direction === 'up' ? (z[k] ?? 0) > NOISE_Z : (z[k] ?? 0) < -NOISE_Z;
    streak = beyond ? streak + 1 : 0;
    if (streak === run) return k - run + 1;
  }
  return undefined;
}

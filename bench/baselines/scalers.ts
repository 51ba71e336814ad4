/**
 * The two scorers of RCAEval/BARO (Pham et al., FSE 2024), ported: N-Sigma standardises each
 * column by the normal period's mean and standard deviation, BARO's RobustScorer by its median and
 * inter-quartile range; a column's score is the largest standardised value after the change
 * point. As in scikit-learn's scalers, a scale below ten machine epsilons is replaced by 1.
 */
import type { Frame } from './frame.js';

const TINY = 10 * Number.EPSILON;

export type Scaler = (normal: Float64Array) => { center: number; scale: number };

export const standardScaler: Scaler = (normal) => {
  let mean = 0;
  for (const v of normal) mean += v;
  mean /= Math.max(1, normal.length);
  let variance = 0;
  for (const v of normal) variance += (v - mean) ** 2;
  const std = Math.sqrt(variance / Math.max(1, normal.length));
  return { center: mean, scale: std < TINY ? 1 : std };
};

export const robustScaler: Scaler = (normal) => {
  const sorted = Float64Array.from(normal).sort();
  const iqr = percentile(sorted, 75) - percentile(sorted, 25);
  return { center: percentile(sorted, 50), scale: iqr < TINY ? 1 : iqr };
};

/** numpy's default (linear) percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** Scores every column: rows before `splitIndex` are normal, the rest anomalous. */
export function scoreColumns(frame: Frame, splitIndex: number, scaler: Scaler): number[] {
  return frame.columns.map((c) => {
    const normal = c.values.subarray(0, splitIndex);
    const anomalous = c.values.subarray(splitIndex);
    if (normal.length === 0 || anomalous.length === 0) return Number.NEGATIVE_INFINITY;
    const { center, scale } = scaler(normal);
    let best = Number.NEGATIVE_INFINITY;
    for (const v of anomalous) best = Math.max(best, (v - center) / scale);
    return best;
  });
}

/** Index of the first row at or after `time`. */
export function splitAt(frame: Frame, time: number): number {
  const i = frame.times.findIndex((t) => t >= time);
  return i < 0 ? frame.times.length : i;
}

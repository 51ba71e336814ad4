/**
 * Robust location and scale: the median and the median absolute deviation (MAD), scaled by 1.4826
 * so that it estimates the standard deviation of normal data (Rousseeuw & Croux, "Alternatives to
 * the Median Absolute Deviation", JASA 1993). Both ignore up to half the data being wild, which is
 * what a baseline that may hold an earlier incident needs.
 *
 * The scale has a floor, so that a flat series does not turn the first tiny wobble into an enormous
 * z-score. The floor is the larger of the series' resolution (its smallest real step: integer
 * counters move by 1, a gauge rounded to 0.1 by 0.1) and a thousandth of its magnitude (a spread
 * under 0.1% of the level is below what any operational metric is read at). Steps smaller than a
 * trillionth of the values (about 4,500 machine epsilons: the digits a float-to-decimal round trip
 * through CSV or JSON can garble) are rounding noise, not resolution: 0.0049599999999999 next to
 * 0.00496 is one value written twice, and their spread counts as zero.
 */

/** MAD × 1.4826 estimates σ for normal data. */
export const MAD_TO_SIGMA = 1.4826;

/** Share of the magnitude below which a spread counts as flat (see the module comment). */
export const RELATIVE_SCALE_FLOOR = 1e-3;

/** Relative steps below this are rounding noise (see the module comment). */
const ROUNDING_NOISE = 1e-12;

/** Last resort when a series is all zeros: any departure is then certainly a change. */
const ABSOLUTE_SCALE_FLOOR = 1e-12;

/** The p-quantile (0 ≤ p ≤ 1) of ascending values, interpolating linearly; NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const at = (n - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (at - lo);
}

export function median(values: ArrayLike<number>): number {
  return medianInPlace(Float64Array.from(values));
}

/**
 * The median of `scratch`, reordering it: quickselect (Hoare 1961) with a median-of-three pivot,
 * O(n) on average, deterministic. Averages the two middle values when the count is even.
 */
export function medianInPlace(scratch: Float64Array): number {
  const n = scratch.length;
  if (n === 0) return Number.NaN;
  const high = selectInPlace(scratch, n >> 1);
  if (n % 2 === 1) return high;
  // After selection everything left of n/2 is ≤ it; the lower middle is their maximum.
  let low = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) low = Math.max(low, scratch[i] ?? low);
  return (low + high) / 2;
}

/** Reorders `a` so that a[k] is the k-th smallest, smaller ones before it and larger after. */
function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot keeps sorted and reversed input linear.
    const x = a[lo] ?? 0;
    const y = a[mid] ?? 0;
    const z = a[hi] ?? 0;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] ?? 0) < pivot) i++;
      while ((a[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = a[i] ?? 0;
        a[i] = a[j] ?? 0;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] ?? Number.NaN;
}

/** Median and unscaled MAD without sorting: two selections over one scratch copy. */
export function medianAndMad(values: ArrayLike<number>): { median: number; mad: number } {
  const scratch = Float64Array.from(values);
  const center = medianInPlace(scratch);
  for (let i = 0; i < scratch.length; i++) scratch[i] = Math.abs((scratch[i] ?? 0) - center);
  return { median: center, mad: medianInPlace(scratch) };
}

/**
 * The unscaled MAD of ascending `sorted[0..n)` around `center` in O(log n). The deviations of the
 * values below the center (center − x, read leftwards) and of the others (x − center, read
 * rightwards) are two ascending runs; the MAD is the mean of the two middle ranks of their merge,
 * and each rank is found by bisecting how many it takes from the left run (the k-th smallest of
 * two sorted arrays). Each deviation is the same subtraction a full merge would make, so the result
 * is the same to the last bit.
 */
export function madOfSorted(sorted: ArrayLike<number>, center: number, n = sorted.length): number {
  if (n === 0) return Number.NaN;
  const split = lowerBound(sorted, center, n);
  const low = deviationAtRank(sorted, center, split, n, Math.floor((n - 1) / 2));
  const high = n % 2 === 1 ? low : deviationAtRank(sorted, center, split, n, Math.ceil((n - 1) / 2));
  return (low + high) / 2;
}

/** The deviation of rank `k` (0-based, ascending) in the merge of the two runs `madOfSorted` describes. */
function deviationAtRank(
  sorted: ArrayLike<number>,
  center: number,
  split: number,
  n: number,
  k: number,
): number {
  // Left deviation i is center − sorted[split − 1 − i], right deviation j is sorted[split + j] − center
  // (written out, not as closures: this runs for every point of a stream). The first k + 1
  // deviations take i from the left run and k + 1 − i from the right: find the smallest i whose
  // next left deviation is not below the last right one taken.
  let lo = Math.max(0, k + 1 - (n - split));
  let hi = Math.min(k + 1, split);
  while (lo < hi) {
    const i = (lo + hi) >>> 1;
    if (center - (sorted[split - 1 - i] ?? 0) < (sorted[split + k - i] ?? 0) - center) lo = i + 1;
    else hi = i;
  }
  const taken = k + 1 - lo;
  const lastLeft = lo > 0 ? center - (sorted[split - lo] ?? 0) : Number.NEGATIVE_INFINITY;
  const lastRight = taken > 0 ? (sorted[split + taken - 1] ?? 0) - center : Number.NEGATIVE_INFINITY;
  return Math.max(lastLeft, lastRight);
}

/** First index whose value is ≥ v in ascending `sorted[from..n)` (n when none is). */
export function lowerBound(sorted: ArrayLike<number>, v: number, n = sorted.length, from = 0): number {
  let lo = from;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > v in ascending `sorted[from..n)` (n when none is). */
export function upperBound(sorted: ArrayLike<number>, v: number, n = sorted.length, from = 0): number {
  let lo = from;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a step from `a` to `b` is real rather than floating-point rounding of one value. */
export function isRealStep(a: number, b: number): boolean {
  const step = Math.abs(b - a);
  return step > ROUNDING_NOISE * Math.max(Math.abs(a), Math.abs(b));
}

/** The smallest real step between consecutive values; undefined when the values never move. */
export function resolutionOf(values: ArrayLike<number>): number | undefined {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1] ?? 0;
    const b = values[i] ?? 0;
    if (isRealStep(a, b)) best = Math.min(best, Math.abs(b - a));
  }
  return Number.isFinite(best) ? best : undefined;
}

/**
 * The smallest scale a z-score may divide by. `magnitude` is the series' typical size (its level,
 * or a share of its largest value when the level is near zero); `resolution` its smallest real step.
 */
export function scaleFloor(magnitude: number, resolution: number | undefined): number {
  return Math.max(RELATIVE_SCALE_FLOOR * Math.abs(magnitude), resolution ?? 0, ABSOLUTE_SCALE_FLOOR);
}

/**
 * The magnitude a scale floor is relative to: the level, but at least 1% of the largest absolute
 * value, so a counter idling at 0 between bursts still has a size.
 */
export function magnitudeOf(level: number, largestAbs: number): number {
  return Math.max(Math.abs(level), 0.01 * largestAbs);
}

export interface RobustBaseline {
  median: number;
  /** MAD × 1.4826, before the floor. */
  sigma: number;
  /** What z-scores divide by: `sigma`, or the floor when the data are flatter than it. */
  scale: number;
}

/** Median and floored robust scale of a sample; undefined when it is empty. */
export function robustBaseline(values: ArrayLike<number>): RobustBaseline | undefined {
  if (values.length === 0) return undefined;
  const { median: center, mad } = medianAndMad(values);
  const sigma = MAD_TO_SIGMA * mad;
  return { median: center, sigma, scale: Math.max(sigma, floorOf(values, center)) };
}

/** `scaleFloor` for a sample: its level, its largest absolute value and its resolution. */
export function floorOf(values: ArrayLike<number>, level: number): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i] ?? 0));
  return scaleFloor(magnitudeOf(level, largest), resolutionOf(values));
}

/**
 * Proportions with honest error bars: the Wilson score interval, shared by the eval runner (pass
 * rates over repeats) and accuracy (how often confirmed incidents were right). Pure, no I/O.
 */

/** z for a two-sided 95% interval (the 97.5th percentile of the standard normal). */
export const Z95 = 1.959963984540054;

/** A closed interval of proportions, 0..1. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * The Wilson score interval for `passes` successes in `trials` (Wilson, 1927; recommended over the
 * normal "Wald" interval by Brown, Cai & DasGupta, 2001, because it stays inside 0..1 and keeps
 * its coverage for small counts: 3 or 10 eval repeats, a handful of confirmed incidents, a rate of
 * 0 or 1).
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²)
 *
 * With no trials nothing is known: the whole range 0..1.
 */
export function wilsonInterval(passes: number, trials: number, z = Z95): Interval {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = passes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

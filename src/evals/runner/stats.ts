/**
 * The statistics of a case over its repeats: its pass rate with a confidence interval, pass^k, and
 * the gate scaled to another repeat count. Pure functions, no I/O.
 */
import type { Gate } from '../suite/schema.js';

/** z for a two-sided 95% interval (the 97.5th percentile of the standard normal). */
const Z95 = 1.959963984540054;

/** A closed interval of proportions, 0..1. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * The Wilson score interval for `passes` successes in `trials` (Wilson, 1927; recommended over the
 * normal "Wald" interval by Brown, Cai & DasGupta, 2001, because it stays inside 0..1 and keeps
 * its coverage for the small counts evals have: 3 or 10 repeats, a rate of 0 or 1).
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

/**
 * pass^k: the chance that k repeats drawn without replacement from the n run all pass, estimated
 * as C(c, k) / C(n, k) with c passes (τ-bench, Yao et al., 2024). It is what a user who asks k
 * times sees; 0 when fewer than k passed. Computed as a product so large n cannot overflow.
 */
export function passHatK(passes: number, trials: number, k: number): number {
  if (k <= 0) return 1;
  if (trials < k || passes < k) return 0;
  let estimate = 1;
  for (let i = 0; i < k; i++) estimate *= (passes - i) / (trials - i);
  return estimate;
}

/**
 * The gate `k/N` for `repeat` runs instead of N, keeping its share: k' = ⌈k/N · repeat⌉ (at least
 * 1, at most `repeat`). `pass: 2/3` run with `--repeat 10` needs 7 passes; rounding up means a
 * scaled gate is never looser than the one written.
 */
export function scaleGate(gate: Gate, repeat: number): Gate {
  if (repeat === gate.n) return gate;
  // The epsilon keeps an exact share exact despite floating point (9/11 · 77 is 63.00000000000001, which must need 63, not 64).
  const k = Math.ceil((gate.k / gate.n) * repeat - 1e-9);
  return { k: Math.min(repeat, Math.max(1, k)), n: repeat };
}

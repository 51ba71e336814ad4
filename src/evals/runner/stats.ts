/**
 * The statistics of a case over its repeats: its pass rate with a confidence interval (the Wilson
 * interval of core/stats.ts), pass^k, and the gate scaled to another repeat count. Pure, no I/O.
 */
import type { Gate } from '../suite/schema.js';

// The Wilson interval lives in core, shared with accuracy; re-exported for the eval results.
export { type Interval, wilsonInterval } from '../../core/index.js';

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

/** Small scoring helpers shared by the ranker: squashing and noisy-OR. */

/** Maps a non-negative strength onto 0..1: half at `half`, approaching 1 beyond a few halves. */
export function squash(x: number, half: number): number {
  if (!(x > 0)) return 0;
  return 1 - 0.5 ** (x / half);
}

/** Probability that at least one independent signal is right: 1 − Π(1 − p). */
export function noisyOr(ps: Iterable<number>): number {
  let miss = 1;
  for (const p of ps) miss *= 1 - Math.min(1, Math.max(0, p));
  return 1 - miss;
}

/**
 * Latency distributions kept as three quantiles (p50, p95, p99). Self time is log-normal; a
 * request's time is its self time plus its calls, summed quantile by quantile (the comonotonic
 * bound: slightly pessimistic in the tail, which is how real tails behave when one slow
 * dependency slows every caller). A gateway's traffic is a mixture of routes, whose quantiles
 * come from interpolating each route's distribution function.
 */

export interface Quantiles {
  p50: number;
  p95: number;
  p99: number;
}

const Z95 = 1.645;
const Z99 = 2.326;

export function logNormalQuantiles(median: number, sigma: number): Quantiles {
  return { p50: median, p95: median * Math.exp(Z95 * sigma), p99: median * Math.exp(Z99 * sigma) };
}

// Knots of a distribution function through its quantiles, with a floor and a long tail.
function knots(q: Quantiles): [number, number][] {
  return [
    [q.p50 * 0.25, 0],
    [q.p50, 0.5],
    [q.p95, 0.95],
    [q.p99, 0.99],
    [q.p99 * 1.8, 0.999],
    [q.p99 * 4, 1],
  ];
}

/** P(latency ≤ v), interpolated in log space between the quantiles. */
export function cdf(q: Quantiles, v: number): number {
  const k = knots(q);
  const first = k[0] as [number, number];
  if (v <= first[0]) return 0;
  for (let i = 1; i < k.length; i++) {
    const [x1, p1] = k[i] as [number, number];
    if (v <= x1) {
      const [x0, p0] = k[i - 1] as [number, number];
      if (x1 <= x0) return p1;
      const f = (Math.log(v) - Math.log(x0)) / (Math.log(x1) - Math.log(x0));
      return p0 + f * (p1 - p0);
    }
  }
  return 1;
}

/** Quantiles of a weighted mixture of distributions, by bisection on the mixed distribution function. */
export function mixtureQuantiles(parts: ReadonlyArray<{ weight: number; q: Quantiles }>): Quantiles {
  const total = parts.reduce((s, p) => s + p.weight, 0);
  if (total <= 0 || parts.length === 0) return { p50: 0, p95: 0, p99: 0 };
  const mixed = (v: number) => parts.reduce((s, p) => s + p.weight * cdf(p.q, v), 0) / total;
  const lo = Math.max(1e-3, Math.min(...parts.map((p) => p.q.p50 * 0.25)));
  const hi = Math.max(...parts.map((p) => p.q.p99 * 4));
  const at = (target: number) => {
    let a = Math.log(lo);
    let b = Math.log(hi);
    for (let i = 0; i < 40; i++) {
      const m = (a + b) / 2;
      if (mixed(Math.exp(m)) < target) a = m;
      else b = m;
    }
    return Math.exp((a + b) / 2);
  };
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** Share of requests slower than `limitMs`. */
export function tailShare(q: Quantiles, limitMs: number): number {
  return 1 - cdf(q, limitMs);
}

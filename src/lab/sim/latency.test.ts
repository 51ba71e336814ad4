import { describe, expect, test } from 'vitest';
import { cdf, logNormalQuantiles, mixtureQuantiles, type Quantiles, tailShare } from './latency.js';

const fast = logNormalQuantiles(10, 0.5);
const slow = logNormalQuantiles(200, 0.4);

/** Points spread over a distribution's whole support, in log space. */
function grid(q: Quantiles, points = 400): number[] {
  const lo = Math.log(q.p50 * 0.1);
  const hi = Math.log(q.p99 * 6);
  return Array.from({ length: points }, (_, k) => Math.exp(lo + ((hi - lo) * k) / (points - 1)));
}

describe('logNormalQuantiles', () => {
  test.each([
    { median: 10, sigma: 0.5 },
    { median: 2.5, sigma: 0.7 },
    { median: 180, sigma: 0.4 },
  ])(
    'median $median, sigma $sigma: p50 is the median and p50 < p95 < p99 at the normal z-scores',
    ({ median, sigma }) => {
      const q = logNormalQuantiles(median, sigma);
      expect(q.p50).toBe(median);
      expect(q.p95).toBeGreaterThan(q.p50);
      expect(q.p99).toBeGreaterThan(q.p95);
      expect(Math.log(q.p95 / q.p50) / sigma).toBeCloseTo(1.645, 3);
      expect(Math.log(q.p99 / q.p50) / sigma).toBeCloseTo(2.326, 3);
    },
  );

  test('sigma 0 is a point mass', () => {
    expect(logNormalQuantiles(7, 0)).toEqual({ p50: 7, p95: 7, p99: 7 });
  });
});

describe('cdf', () => {
  test.each([
    ['fast', fast],
    ['slow', slow],
  ] as const)('%s: monotone from 0 to 1, through 0.5, 0.95 and 0.99 at the quantiles', (_name, q) => {
    const values = grid(q).map((v) => cdf(q, v));
    for (let k = 1; k < values.length; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1] ?? 0);
    expect(values[0]).toBe(0);
    expect(values.at(-1)).toBe(1);
    expect(cdf(q, q.p50)).toBeCloseTo(0.5, 12);
    expect(cdf(q, q.p95)).toBeCloseTo(0.95, 12);
    expect(cdf(q, q.p99)).toBeCloseTo(0.99, 12);
  });
});

describe('mixtureQuantiles', () => {
  test.each([
    ['fast', fast],
    ['slow', slow],
  ] as const)('a single part gives that part back (%s)', (_name, q) => {
    const mixed = mixtureQuantiles([{ weight: 3, q }]);
    expect(mixed.p50 / q.p50).toBeCloseTo(1, 6);
    expect(mixed.p95 / q.p95).toBeCloseTo(1, 6);
    expect(mixed.p99 / q.p99).toBeCloseTo(1, 6);
  });

  test('two equal-weight parts: each quantile lies between the parts', () => {
    const mixed = mixtureQuantiles([
      { weight: 1, q: fast },
      { weight: 1, q: slow },
    ]);
    for (const key of ['p50', 'p95', 'p99'] as const) {
      expect(mixed[key], key).toBeGreaterThan(fast[key]);
      expect(mixed[key], key).toBeLessThan(slow[key]);
    }
    expect(mixed.p50).toBeLessThan(mixed.p95);
    expect(mixed.p95).toBeLessThan(mixed.p99);
    // Half the traffic is slow, so the mixture's median sits where the fast part ends.
    expect(cdf(fast, mixed.p50) + cdf(slow, mixed.p50)).toBeCloseTo(1, 6);
  });

  test('more weight on the slow part moves every quantile up', () => {
    const mostlyFast = mixtureQuantiles([
      { weight: 9, q: fast },
      { weight: 1, q: slow },
    ]);
    const mostlySlow = mixtureQuantiles([
      { weight: 1, q: fast },
      { weight: 9, q: slow },
    ]);
    for (const key of ['p50', 'p95', 'p99'] as const) {
      expect(mostlySlow[key], key).toBeGreaterThan(mostlyFast[key]);
    }
    // A 10 % slow route is invisible at the median and dominates the tail.
    expect(mostlyFast.p50).toBeLessThan(2 * fast.p50);
    expect(mostlyFast.p99).toBeGreaterThan(slow.p50);
  });

  test('no parts, or no weight, gives zeros', () => {
    expect(mixtureQuantiles([])).toEqual({ p50: 0, p95: 0, p99: 0 });
    expect(mixtureQuantiles([{ weight: 0, q: fast }])).toEqual({ p50: 0, p95: 0, p99: 0 });
  });
});

describe('tailShare', () => {
  test.each([
    { limit: fast.p50, share: 0.5 },
    { limit: fast.p95, share: 0.05 },
    { limit: fast.p99, share: 0.01 },
    { limit: fast.p99 * 4, share: 0 },
    { limit: fast.p50 * 0.2, share: 1 },
  ])('share of requests slower than $limit ms is $share', ({ limit, share }) => {
    expect(tailShare(fast, limit)).toBeCloseTo(share, 10);
  });

  test('falls as the limit rises', () => {
    const shares = grid(slow).map((v) => tailShare(slow, v));
    for (let k = 1; k < shares.length; k++) expect(shares[k]).toBeLessThanOrEqual(shares[k - 1] ?? 1);
  });
});

import { describe, expect, test } from 'vitest';
import {
  lowerBound,
  MAD_TO_SIGMA,
  madOfSorted,
  median,
  quantileSorted,
  resolutionOf,
  robustBaseline,
  scaleFloor,
  upperBound,
} from './robust-stats.js';

/** The MAD straight from its definition. */
function bruteMad(values: number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

describe('robust statistics', () => {
  test.each([
    { name: 'odd', values: [5, 1, 3], median: 3 },
    { name: 'even', values: [4, 1, 3, 2], median: 2.5 },
    { name: 'one', values: [7], median: 7 },
    { name: 'outlier-proof', values: [1, 2, 3, 4, 1e9], median: 3 },
  ])('median: $name', ({ values, median: expected }) => {
    expect(median(values)).toBe(expected);
  });

  test('quantileSorted interpolates and is NaN when empty', () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  test.each([
    { name: 'symmetric', values: [1, 2, 3, 4, 5] },
    { name: 'even count', values: [1, 2, 4, 8, 16, 32] },
    { name: 'skewed', values: [0, 0, 0, 1, 50, 51, 52] },
    { name: 'ties', values: [3, 3, 3, 3, 9] },
    { name: 'negative', values: [-10, -4, -3, 0, 2, 7, 7, 8] },
  ])('madOfSorted matches the definition: $name', ({ values }) => {
    const sorted = [...values].sort((a, b) => a - b);
    expect(madOfSorted(sorted, median(values))).toBeCloseTo(bruteMad(values), 12);
  });

  test('binary searches bound a range', () => {
    const xs = [1, 2, 2, 2, 5];
    expect([lowerBound(xs, 2), upperBound(xs, 2), lowerBound(xs, 9), upperBound(xs, 0)]).toEqual([
      1, 4, 5, 0,
    ]);
    expect(lowerBound(xs, 2, xs.length, 3)).toBe(3);
  });

  test.each([
    { name: 'integer counter', values: [3, 4, 4, 6, 5], expected: 1 },
    { name: 'rounded gauge', values: [0.5, 0.7, 0.6, 0.6], expected: 0.1 },
    {
      name: 'rounding noise is not a step',
      values: [0.00496, 0.0049599999999999, 0.00496],
      expected: undefined,
    },
    { name: 'flat', values: [45, 45, 45], expected: undefined },
  ])('resolutionOf: $name', ({ values, expected }) => {
    const got = resolutionOf(values);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(expected, 12);
  });

  test('scaleFloor is the larger of the resolution and a thousandth of the magnitude', () => {
    expect(scaleFloor(100, 1)).toBe(1);
    expect(scaleFloor(5000, 1)).toBe(5);
    expect(scaleFloor(0, undefined)).toBeGreaterThan(0);
  });

  test.each([
    {
      name: 'normal-looking data: MAD × 1.4826',
      values: [10, 11, 9, 10, 12, 8, 10],
      expected: { median: 10, sigma: MAD_TO_SIGMA * 1, scale: MAD_TO_SIGMA * 1 },
    },
    {
      // 0.0049599999999999 is 0.00496 written twice: the spread is rounding, the scale its floor.
      name: 'a flat series with rounding noise gets the floor, not a near-zero scale',
      values: [0.00496, 0.0049599999999999, 0.00496, 0.00496, 0.0049599999999999],
      expected: { median: 0.00496, sigma: 0, scale: 0.00496e-3 },
    },
    {
      name: 'a counter idling at zero is floored by its resolution',
      values: [0, 0, 0, 0, 3, 0, 0],
      expected: { median: 0, sigma: 0, scale: 3 },
    },
  ])('robustBaseline: $name', ({ values, expected }) => {
    const got = robustBaseline(values);
    expect(got?.median).toBeCloseTo(expected.median, 15);
    expect(got?.sigma).toBeCloseTo(expected.sigma, 12);
    expect(got?.scale).toBeCloseTo(expected.scale, 12);
  });

  test('robustBaseline of nothing is undefined', () => {
    expect(robustBaseline([])).toBeUndefined();
  });
});

/** The MAD by merging the deviations outwards from the center one at a time: the O(n) reference. */
function mergedMad(sorted: number[], center: number, n: number): number {
  let hi = lowerBound(sorted, center, n);
  let lo = hi - 1;
  const deviations: number[] = [];
  while (deviations.length < n) {
    const left = lo >= 0 ? center - (sorted[lo] ?? 0) : Number.POSITIVE_INFINITY;
    const right = hi < n ? (sorted[hi] ?? 0) - center : Number.POSITIVE_INFINITY;
    deviations.push(Math.min(left, right));
    if (left <= right) lo--;
    else hi++;
  }
  return ((deviations[Math.floor((n - 1) / 2)] ?? 0) + (deviations[Math.ceil((n - 1) / 2)] ?? 0)) / 2;
}

test('madOfSorted equals the merged deviations to the last bit, for any center and prefix', () => {
  let state = 99;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
  for (let round = 0; round < 300; round++) {
    const length = 1 + (next() % 40);
    const sorted = Array.from({ length }, () => (next() % 13) * 0.1 - 0.4).sort((a, b) => a - b);
    const n = 1 + (next() % length);
    for (const center of [median(sorted.slice(0, n)), sorted[next() % n] ?? 0, -5, 5, (next() % 100) / 77]) {
      expect(madOfSorted(sorted, center, n)).toBe(mergedMad(sorted, center, n));
    }
  }
});

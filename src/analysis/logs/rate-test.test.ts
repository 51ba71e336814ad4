import { describe, expect, test } from 'vitest';
import { binomialUpperTail, logBinomialUpperTail, logGamma, rateIncreasePValue } from './rate-test.js';

describe('binomialUpperTail', () => {
  // Exact values from sums of the binomial mass function in rational arithmetic.
  test.each([
    { n: 10, p: 0.5, k: 8, expected: 0.0546875 },
    { n: 10, p: 0.5, k: 10, expected: 0.0009765625 },
    { n: 20, p: 0.1, k: 5, expected: 0.043174495284463384 },
    { n: 100, p: 0.3, k: 40, expected: 0.02098857600392468 },
    { n: 1, p: 0.04, k: 1, expected: 0.04 },
    { n: 3, p: 0.04, k: 3, expected: 6.4e-5 },
    { n: 50, p: 0.2, k: 1, expected: 0.9999857275230729 },
    { n: 1000, p: 0.01, k: 25, expected: 4.202920844836743e-5 },
    { n: 200, p: 0.5, k: 150, expected: 4.1965104378023807e-13 },
  ])('P(X ≥ $k | n=$n, p=$p) = $expected', ({ n, p, k, expected }) => {
    expect(binomialUpperTail(n, p, k)).toBeCloseTo(expected, 12);
    expect(Math.abs(binomialUpperTail(n, p, k) - expected) / expected).toBeLessThan(1e-11);
  });

  test.each([
    { name: 'k of 0 is certain', n: 5, p: 0.3, k: 0, expected: 1 },
    { name: 'k above n is impossible', n: 5, p: 0.3, k: 6, expected: 0 },
    { name: 'p of 0', n: 5, p: 0, k: 1, expected: 0 },
    { name: 'p of 1', n: 5, p: 1, k: 5, expected: 1 },
  ])('$name', ({ n, p, k, expected }) => {
    expect(binomialUpperTail(n, p, k)).toBe(expected);
  });

  test('stays finite in log space where the tail underflows', () => {
    const log = logBinomialUpperTail(100_000, 0.001, 5000);
    expect(binomialUpperTail(100_000, 0.001, 5000)).toBe(0);
    expect(log).toBeLessThan(-10_000);
    expect(Number.isFinite(log)).toBe(true);
  });
});

/** P(X ≥ 10) for X ~ Binomial(34, 60/1500), summed exactly. */
const BURST = 5.67140231116302e-7;

describe('rateIncreasePValue', () => {
  test.each([
    { name: 'equal rates over equal windows', k1: 10, t1: 60, k2: 10, t2: 60, expected: 0.5880985260009766 },
    { name: 'a burst in a short window', k1: 24, t1: 1440, k2: 10, t2: 60, expected: BURST },
    { name: 'a pattern new in the incident', k1: 0, t1: 60, k2: 3, t2: 60, expected: 0.125 },
  ])('$name', ({ k1, t1, k2, t2, expected }) => {
    expect(Math.abs(rateIncreasePValue(k1, t1, k2, t2) - expected) / expected).toBeLessThan(1e-11);
  });
});

test('logGamma matches log factorials', () => {
  expect(logGamma(1)).toBeCloseTo(0, 12);
  expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
  expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
});

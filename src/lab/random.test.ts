import { describe, expect, test } from 'vitest';
import { Random } from './random.js';

const draws = (rng: Random, n: number, draw: (r: Random) => number = (r) => r.next()) =>
  Array.from({ length: n }, () => draw(rng));

function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = meanAndSd(a);
  const mb = meanAndSd(b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] ?? 0) - ma.mean) * ((b[i] ?? 0) - mb.mean);
  return sum / ((a.length - 1) * ma.sd * mb.sd);
}

const N = 20_000;

describe('Random', () => {
  test('the same seed gives the same sequence; a number seed equals its string', () => {
    expect(draws(new Random(42), 100)).toEqual(draws(new Random(42), 100));
    expect(draws(new Random(42), 100)).toEqual(draws(new Random('42'), 100));
    expect(draws(new Random(42), 100)).not.toEqual(draws(new Random(43), 100));
  });

  test('next is uniform in [0, 1)', () => {
    const values = draws(new Random('uniform'), N);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const { mean, sd } = meanAndSd(values);
    expect(mean).toBeCloseTo(0.5, 1);
    expect(sd).toBeCloseTo(Math.sqrt(1 / 12), 2);
    const tenths = new Array(10).fill(0);
    for (const v of values) tenths[Math.floor(v * 10)]++;
    for (const count of tenths) expect(Math.abs(count - N / 10)).toBeLessThan(0.1 * (N / 10));
  });

  test.each([
    { min: 3, max: 7 },
    { min: -2, max: 2 },
    { min: 5, max: 5 },
  ])('int($min, $max) hits both bounds and nothing outside them', ({ min, max }) => {
    const values = draws(new Random('int'), 5000, (r) => r.int(min, max));
    expect(values.every(Number.isInteger)).toBe(true);
    expect(new Set(values)).toEqual(new Set(Array.from({ length: max - min + 1 }, (_, k) => min + k)));
  });

  test.each([
    { mean: 0, sd: 1 },
    { mean: 10, sd: 2 },
    { mean: -3, sd: 0.5 },
  ])('normal($mean, $sd) has that mean and sd over 20k draws', ({ mean, sd }) => {
    const got = meanAndSd(draws(new Random('normal'), N, (r) => r.normal(mean, sd)));
    // Four standard errors of the mean; the sample sd of 20k normals is within 3 %.
    expect(Math.abs(got.mean - mean)).toBeLessThan((4 * sd) / Math.sqrt(N));
    expect(Math.abs(got.sd / sd - 1)).toBeLessThan(0.03);
  });

  test('logNormal(median, sigma) has that median', () => {
    const values = draws(new Random('lognormal'), N, (r) => r.logNormal(40, 0.6)).sort((a, b) => a - b);
    expect(values[N / 2]).toBeGreaterThan(38);
    expect(values[N / 2]).toBeLessThan(42);
    expect(values[0]).toBeGreaterThan(0);
  });

  test.each([0.5, 4, 25, 60, 400])('poisson(%d) has that mean and variance over 20k draws', (mean) => {
    const values = draws(new Random(`poisson-${mean}`), N, (r) => r.poisson(mean));
    expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const got = meanAndSd(values);
    expect(Math.abs(got.mean - mean)).toBeLessThan(4 * Math.sqrt(mean / N));
    expect(Math.abs(got.sd ** 2 / mean - 1)).toBeLessThan(0.06);
  });

  test('poisson of zero or less is zero', () => {
    const rng = new Random('p0');
    expect([rng.poisson(0), rng.poisson(-3)]).toEqual([0, 0]);
  });

  test('fork: the same label gives the same stream; it neither follows nor moves its parent', () => {
    const a = new Random('parent');
    const b = new Random('parent');
    const forkA = a.fork('child');
    expect(draws(forkA, 50)).toEqual(draws(b.fork('child'), 50));
    // Forking read the parent's state without drawing from it.
    expect(draws(a, 50)).toEqual(draws(new Random('parent'), 50));
    expect(draws(new Random('parent').fork('other'), 50)).not.toEqual(
      draws(new Random('parent').fork('child'), 50),
    );
    // A fork taken later (after draws) differs from one taken at the start.
    const later = new Random('parent');
    draws(later, 1);
    expect(draws(later.fork('child'), 50)).not.toEqual(draws(new Random('parent').fork('child'), 50));
  });

  test('fork: streams are uncorrelated with the parent and with each other', () => {
    const parent = new Random('streams');
    const x = parent.fork('x');
    const y = parent.fork('y');
    const p = draws(parent, 10_000);
    const xs = draws(x, 10_000);
    const ys = draws(y, 10_000);
    expect(Math.abs(correlation(p, xs))).toBeLessThan(0.05);
    expect(Math.abs(correlation(xs, ys))).toBeLessThan(0.05);
  });

  test('chance(0) never and chance(1) always; chance(0.3) about 30 %', () => {
    const rng = new Random('chance');
    expect(draws(rng, 1000, (r) => Number(r.chance(0)))).not.toContain(1);
    expect(draws(rng, 1000, (r) => Number(r.chance(1)))).not.toContain(0);
    const share = meanAndSd(draws(rng, N, (r) => Number(r.chance(0.3)))).mean;
    expect(Math.abs(share - 0.3)).toBeLessThan(0.015);
  });

  test('pick and weighted choose from the list, by weight; pick of nothing throws', () => {
    const rng = new Random('pick');
    const items = ['a', 'b', 'c'] as const;
    const picked = new Set(Array.from({ length: 300 }, () => rng.pick(items)));
    expect(picked).toEqual(new Set(items));
    const counts = { a: 0, b: 0, c: 0 };
    for (let k = 0; k < N; k++) counts[rng.weighted(items, [1, 3, 0])]++;
    expect(counts.c).toBe(0);
    expect(Math.abs(counts.b / N - 0.75)).toBeLessThan(0.02);
    expect(() => rng.pick([])).toThrow(/empty/);
  });

  test('shuffle returns a permutation and leaves its input alone', () => {
    const input = Array.from({ length: 20 }, (_, k) => k);
    const shuffled = new Random('shuffle').shuffle(input);
    expect(shuffled).not.toEqual(input);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(input).toEqual(Array.from({ length: 20 }, (_, k) => k));
  });

  test('hex, uuid and ip have their formats', () => {
    const rng = new Random('ids');
    for (const n of [1, 4, 8, 9, 16, 32]) expect(rng.hex(n)).toMatch(new RegExp(`^[0-9a-f]{${n}}$`));
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let k = 0; k < 200; k++) {
      const [a, b, c, d] = rng.ip().split('.').map(Number);
      expect(a).toBe(10);
      expect(b).toBeLessThanOrEqual(63);
      expect(c).toBeLessThanOrEqual(255);
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(254);
    }
  });
});

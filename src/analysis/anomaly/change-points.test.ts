import { expect, test } from 'vitest';
import { detectChangePoints, TwoSidedCusum } from './change-points.js';

/** A fixed noise pattern of about ±1. */
const noise = (i: number) => [0.3, -0.8, 0.5, 1.1, -0.2, -1.0, 0.7, -0.4, 0.0, 0.9, -0.6][i % 11] ?? 0;
const series = (n: number, level: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => level(i) + noise(i));

test.each([
  { name: 'flat noise', values: series(200, () => 10), expected: [] },
  { name: 'one spike', values: series(200, (i) => (i === 100 ? 60 : 10)), expected: [] },
  {
    name: 'step up',
    values: series(200, (i) => (i < 100 ? 10 : 20)),
    expected: [{ index: 100, direction: 'up' }],
  },
  {
    name: 'step down',
    values: series(200, (i) => (i < 120 ? 50 : 40)),
    expected: [{ index: 120, direction: 'down' }],
  },
  {
    name: 'up then back down',
    values: series(300, (i) => (i >= 100 && i < 200 ? 25 : 10)),
    expected: [
      { index: 100, direction: 'up' },
      { index: 200, direction: 'down' },
    ],
  },
])('detectChangePoints: $name', ({ values, expected }) => {
  const found = detectChangePoints(values);
  expect(found.map((c) => c.direction)).toEqual(expected.map((c) => c.direction));
  found.forEach((change, k) => {
    // CUSUM dates a change to its last zero; noise just before the step may move that by one.
    expect(Math.abs(change.index - (expected[k]?.index ?? 0))).toBeLessThanOrEqual(1);
    expect(change.detectedAt).toBeLessThanOrEqual(change.index + 5);
  });
});

test('detectChangePoints reports the shift in the old segment’s robust sigmas', () => {
  const [change] = detectChangePoints(series(200, (i) => (i < 100 ? 10 : 20)));
  expect(change?.shiftSigmas).toBeGreaterThan(5);
});

test('TwoSidedCusum accumulates beyond the drift, clips, and dates the start', () => {
  const cusum = new TwoSidedCusum(0.5, 4);
  for (const z of [0, 0, 10, 3]) cusum.push(z);
  expect(cusum.up).toBe(3.5 + 2.5);
  expect(cusum.down).toBe(0);
  expect(cusum.upSince).toBe(2);
  expect(cusum.value).toBe(6);
});

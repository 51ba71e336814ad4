import { describe, expect, it } from 'vitest';
import { passHatK, scaleGate } from './stats.js';

describe('passHatK', () => {
  it.each([
    { passes: 3, trials: 3, k: 3, expected: 1 },
    { passes: 2, trials: 3, k: 2, expected: 1 / 3 },
    { passes: 2, trials: 3, k: 1, expected: 2 / 3 },
    { passes: 1, trials: 3, k: 2, expected: 0 },
    { passes: 8, trials: 10, k: 3, expected: (8 * 7 * 6) / (10 * 9 * 8) },
    { passes: 0, trials: 5, k: 1, expected: 0 },
  ])('C($passes, $k) / C($trials, $k) = $expected', ({ passes, trials, k, expected }) => {
    expect(passHatK(passes, trials, k)).toBeCloseTo(expected, 10);
  });
});

describe('scaleGate', () => {
  it.each([
    { gate: { k: 2, n: 3 }, repeat: 10, expected: { k: 7, n: 10 } },
    { gate: { k: 3, n: 4 }, repeat: 8, expected: { k: 6, n: 8 } },
    { gate: { k: 1, n: 1 }, repeat: 5, expected: { k: 5, n: 5 } },
    { gate: { k: 1, n: 3 }, repeat: 1, expected: { k: 1, n: 1 } },
    { gate: { k: 2, n: 3 }, repeat: 3, expected: { k: 2, n: 3 } },
    { gate: { k: 4, n: 5 }, repeat: 2, expected: { k: 2, n: 2 } },
    { gate: { k: 1, n: 3 }, repeat: 4, expected: { k: 2, n: 4 } },
    { gate: { k: 2, n: 5 }, repeat: 3, expected: { k: 2, n: 3 } },
    // 9/11 · 77 is 63.00000000000001 in floating point: still 63, not 64.
    { gate: { k: 9, n: 11 }, repeat: 77, expected: { k: 63, n: 77 } },
  ])('$gate.k/$gate.n over $repeat repeats → $expected.k/$expected.n', ({ gate, repeat, expected }) => {
    expect(scaleGate(gate, repeat)).toEqual(expected);
  });
});

import { describe, expect, test } from 'vitest';
import type { BacktestCase } from './case.js';
import { compareBacktests } from './compare.js';
import { summarise } from './figures.js';

function scored(id: string, top1: boolean): BacktestCase {
  return {
    id,
    labels: {},
    expected: { service: 'db', category: 'bad_deploy' },
    top1,
    top3: top1,
    category: true,
    confidence: 'HIGH',
    timeToBriefMs: 1,
    costUsd: 0,
    tokens: 0,
  };
}

const runOf = (id: string, rights: Record<string, boolean>) => {
  const cases = Object.entries(rights).map(([c, r]) => scored(c, r));
  return { id, cases, summary: summarise(cases) };
};

/** Twenty cases c00..c19; the baseline gets c00..c18 right and c19 wrong. */
const IDS = Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`);
const BEFORE = runOf('a', Object.fromEntries(IDS.map((id) => [id, id !== 'c19'])));

describe('compareBacktests', () => {
  test.each([
    {
      name: 'the same answers',
      flips: {},
      threshold: 5,
      regressed: [],
      fixed: [],
      delta: 0,
      regression: false,
    },
    {
      name: 'one fixed',
      flips: { c19: true },
      threshold: 5,
      regressed: [],
      fixed: ['c19'],
      delta: 5,
      regression: false,
    },
    {
      name: 'a drop of exactly the threshold passes',
      flips: { c03: false },
      threshold: 5,
      regressed: ['c03'],
      fixed: [],
      delta: -5,
      regression: false,
    },
    {
      name: 'a drop past the threshold fails',
      flips: { c03: false, c07: false },
      threshold: 5,
      regressed: ['c03', 'c07'],
      fixed: [],
      delta: -10,
      regression: true,
    },
    {
      name: 'a wider threshold lets it pass',
      flips: { c03: false, c07: false },
      threshold: 10,
      regressed: ['c03', 'c07'],
      fixed: [],
      delta: -10,
      regression: false,
    },
    {
      name: 'flips both ways that cancel out',
      flips: { c03: false, c19: true },
      threshold: 5,
      regressed: ['c03'],
      fixed: ['c19'],
      delta: 0,
      regression: false,
    },
  ])('$name', ({ flips, threshold, regressed, fixed, delta, regression }) => {
    const after = runOf(
      'b',
      Object.fromEntries(IDS.map((id) => [id, (flips as Record<string, boolean>)[id] ?? id !== 'c19'])),
    );
    const c = compareBacktests(BEFORE, after, threshold);
    expect({
      regressed: c.regressed,
      fixed: c.fixed,
      delta: c.rates[0]?.deltaPoints,
      regression: c.regression,
    }).toEqual({
      regressed,
      fixed,
      delta,
      regression,
    });
  });

  test('a drop of more than the threshold is a regression; cases in one run only are listed', () => {
    const c = compareBacktests(
      runOf('a', { x: true, y: true, z: true }),
      runOf('b', { x: true, y: false, w: true }),
    );
    expect(c).toMatchObject({
      regressed: ['y'],
      fixed: [],
      onlyBefore: ['z'],
      onlyAfter: ['w'],
      regression: true,
    });
    expect(c.rates[0]?.deltaPoints).toBeCloseTo(-33.3, 1);
  });
});

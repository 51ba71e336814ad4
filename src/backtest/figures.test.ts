import { describe, expect, test } from 'vitest';
import { wilsonInterval } from '../core/index.js';
import type { BacktestCase } from './case.js';
import { quantile, rateOf, summarise, summariseBy } from './figures.js';

function scored(id: string, more: Partial<BacktestCase> = {}): BacktestCase {
  return {
    id,
    labels: { account: 'lab', environment: 'lab' },
    expected: { service: 'db', category: 'bad_deploy' },
    answered: { service: 'db', category: 'bad_deploy', ranked: ['db'] },
    top1: true,
    top3: true,
    category: true,
    falseChange: false,
    confidence: 'HIGH',
    timeToBriefMs: 100,
    costUsd: 0.01,
    tokens: 10,
    ...more,
  };
}

describe('rateOf', () => {
  test.each([
    { right: 0, n: 0, expected: { right: 0, n: 0, rate: null, interval: null } },
    { right: 3, n: 4, expected: { right: 3, n: 4, rate: 0.75, interval: wilsonInterval(3, 4) } },
  ])('$right of $n', ({ right, n, expected }) => {
    expect(rateOf(right, n)).toEqual(expected);
  });
});

describe('quantile (nearest rank)', () => {
  test.each([
    { values: [], q: 0.5, expected: null },
    { values: [7], q: 0.95, expected: 7 },
    { values: [1, 2, 3, 4], q: 0.5, expected: 2 },
    { values: [1, 2, 3, 4], q: 0.95, expected: 4 },
    { values: Array.from({ length: 20 }, (_, i) => i + 1), q: 0.95, expected: 19 },
  ])('$q of $values', ({ values, q, expected }) => {
    expect(quantile(values, q)).toBe(expected);
  });
});

describe('summarise', () => {
  test.each([
    {
      name: 'top 1, top 3 and category count every case, a failed one as wrong',
      cases: [
        scored('a'),
        scored('b', { top1: false, category: false }),
        scored('c', { top1: false, top3: false }),
        scored('d', { top1: false, top3: false, category: false, confidence: undefined, error: 'boom' }),
      ],
      expected: { cases: 4, errors: 1, top1: rateOf(1, 4), top3: rateOf(2, 4), category: rateOf(2, 4) },
    },
    {
      name: 'the causing change counts only where the truth names one; a false change only where it names none',
      cases: [
        scored('a', { change: true, falseChange: undefined }),
        scored('b', { change: false, falseChange: undefined }),
        scored('c', { falseChange: true }),
        scored('d'),
        scored('e'),
      ],
      expected: { change: rateOf(1, 2), falseChange: rateOf(1, 3) },
    },
    {
      name: 'calibration: right at each level, failed cases left out',
      cases: [
        scored('a'),
        scored('b', { top1: false }),
        scored('c', { confidence: 'MEDIUM' }),
        scored('d', { confidence: 'LOW', top1: false }),
        scored('e', { confidence: undefined, top1: false, error: 'x' }),
      ],
      expected: { calibration: { HIGH: rateOf(1, 2), MEDIUM: rateOf(1, 1), LOW: rateOf(0, 1) } },
    },
    {
      // HIGH right (0.9−1)² = 0.01, HIGH wrong 0.81, MEDIUM right 0.16, LOW wrong 0.09 → mean 0.2675
      name: 'Brier score with HIGH 0.9, MEDIUM 0.6, LOW 0.3',
      cases: [
        scored('a'),
        scored('b', { top1: false }),
        scored('c', { confidence: 'MEDIUM' }),
        scored('d', { confidence: 'LOW', top1: false }),
      ],
      expected: { brier: 0.2675 },
    },
    {
      name: 'times over answered cases, cost and tokens over all',
      cases: [
        scored('a', { timeToBriefMs: 300 }),
        scored('b', { timeToBriefMs: 100 }),
        scored('c', { timeToBriefMs: 200, costUsd: 0.5, tokens: 90 }),
        scored('d', { confidence: undefined, timeToBriefMs: 0, costUsd: 0, tokens: 0, error: 'x' }),
      ],
      expected: { timeToBriefMs: { p50: 200, p95: 300 }, costUsd: 0.52, tokens: 110 },
    },
    {
      name: 'nothing to summarise',
      cases: [],
      expected: {
        cases: 0,
        top1: rateOf(0, 0),
        brier: null,
        timeToBriefMs: { p50: null, p95: null },
        costUsd: 0,
      },
    },
  ])('$name', ({ cases, expected }) => {
    const summary = summarise(cases);
    const { brier, costUsd, ...rest } = expected as Record<string, unknown> & {
      brier?: number | null;
      costUsd?: number;
    };
    expect(summary).toMatchObject(rest);
    if (brier !== undefined)
      expect(summary.brier === null ? null : Number(summary.brier.toFixed(6))).toBe(brier);
    if (costUsd !== undefined) expect(summary.costUsd).toBeCloseTo(costUsd, 9);
  });
});

test('summariseBy splits by a label, largest group first', () => {
  const cases = [
    scored('a', { labels: { account: 'acme', environment: 'prod' } }),
    scored('b', { labels: { account: 'lab', environment: 'lab' }, top1: false }),
    scored('c', { labels: { account: 'acme', environment: 'staging' }, top1: false }),
  ];
  const groups = summariseBy(cases, 'account');
  expect(groups.map((g) => [g.key, g.summary.top1.right, g.summary.top1.n])).toEqual([
    ['acme', 1, 2],
    ['lab', 0, 1],
  ]);
});

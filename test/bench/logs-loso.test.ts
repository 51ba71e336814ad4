import { expect, test } from 'vitest';
import type { Accuracy } from '../../bench/loghub.js';
import { bestOverall, DRAIN_GRID, leaveOneSystemOut, MINER_GRID } from '../../bench/logs-loso.js';

const ga = (value: number): Accuracy => ({ ga: value, fga: value, pa: value, fta: value });

test('each system is scored with the setting best on the others, never chosen by its own score', () => {
  const settings = [{ name: 'a' }, { name: 'b' }];
  // Setting b is far better on s3 alone; on s1 and s2, a is better.
  const scores = [
    [ga(0.9), ga(0.9), ga(0.1)],
    [ga(0.8), ga(0.8), ga(1.0)],
  ];
  expect(leaveOneSystemOut(['s1', 's2', 's3'], settings, scores)).toEqual([
    { system: 's1', setting: 'b', accuracy: ga(0.8) },
    { system: 's2', setting: 'b', accuracy: ga(0.8) },
    { system: 's3', setting: 'a', accuracy: ga(0.1) },
  ]);
});

test('a tie keeps the earlier setting (the defaults come first)', () => {
  const settings = [{ name: 'default' }, { name: 'other' }];
  const scores = [
    [ga(0.5), ga(0.5)],
    [ga(0.5), ga(0.5)],
  ];
  expect(leaveOneSystemOut(['s1', 's2'], settings, scores).map((r) => r.setting)).toEqual([
    'default',
    'default',
  ]);
  expect(
    bestOverall(
      [
        { name: 'default', options: 1 },
        { name: 'other', options: 2 },
      ],
      scores,
    ).name,
  ).toBe('default');
});

test('the grids start with the defaults and hold no duplicates', () => {
  expect(MINER_GRID[0]?.options).toEqual({
    similarityThreshold: 0.5,
    prefixWords: 2,
    maxUnseenValueShare: 0.05,
    minWordValues: 3,
  });
  expect(DRAIN_GRID[0]?.options).toEqual({ similarityThreshold: 0.4, depth: 4, maxChildren: 100 });
  expect(new Set(MINER_GRID.map((s) => s.name)).size).toBe(MINER_GRID.length);
  expect(new Set(DRAIN_GRID.map((s) => s.name)).size).toBe(DRAIN_GRID.length);
});

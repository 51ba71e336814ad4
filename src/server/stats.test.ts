import { expect, test } from 'vitest';
import type { Feedback, InvestigationRow } from '../store/types.js';
import { computeStats } from './stats.js';

const row = (id: string, extra: Partial<InvestigationRow> = {}): InvestigationRow => ({
  id,
  status: 'done',
  groupKey: id,
  title: id,
  service: 'api',
  severity: 'critical',
  createdAt: 1_000,
  attempts: 1,
  ...extra,
});
const fb = (investigationId: string, grade: Feedback['grade'], at: number): Feedback => ({
  id: `${investigationId}-${at}`,
  investigationId,
  grade,
  at,
});

test.each([
  {
    name: 'nothing graded: accuracy unknown, not zero',
    rows: [row('a')],
    feedback: [],
    accuracy: { correct: null, correctOrPartly: null },
    graded: 0,
  },
  {
    name: 'the latest grade of an investigation counts, once',
    rows: [row('a', { category: 'deploy' }), row('b', { category: 'resource' })],
    feedback: [fb('a', 'wrong', 1), fb('a', 'correct', 2), fb('b', 'partly_correct', 1)],
    accuracy: { correct: 0.5, correctOrPartly: 1 },
    graded: 2,
  },
  {
    name: 'wrong but useful is not accurate',
    rows: [row('a'), row('b')],
    feedback: [fb('a', 'wrong_but_useful', 1), fb('b', 'correct', 1)],
    accuracy: { correct: 0.5, correctOrPartly: 0.5 },
    graded: 2,
  },
])('$name', ({ rows, feedback, accuracy, graded }) => {
  const stats = computeStats(rows, feedback, new Map());
  expect(stats.accuracy).toEqual(accuracy);
  expect(stats.graded).toBe(graded);
});

test('per category, time to first brief and MTTR', () => {
  const rows = [
    row('a', { category: 'deploy', firstBriefAt: 31_000, resolvedAt: 600_000 }),
    row('b', { category: 'deploy', firstBriefAt: 61_000 }),
    row('c', { status: 'failed' }),
  ];
  const stats = computeStats(rows, [fb('a', 'correct', 1), fb('b', 'wrong', 1)], new Map([['a', 0]]));
  expect(stats.byCategory).toEqual({ deploy: { graded: 2, correct: 1, partlyCorrect: 0 } });
  expect(stats.timeToFirstBrief).toEqual({ count: 2, p50Ms: 30_000, p90Ms: 60_000, meanMs: 45_000 });
  expect(stats.mttr).toEqual({ count: 1, p50Ms: 600_000, p90Ms: 600_000, meanMs: 600_000 });
  expect(stats.investigations).toEqual({ total: 3, byStatus: { done: 2, failed: 1 } });
});

import { describe, expect, test } from 'vitest';
import { autoStepMs, evaluationWindow, resolveStepMs } from './step.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('step rule', () => {
  test.each([
    { name: '1 minute', rangeMs: 60_000, expected: 15_000 },
    { name: '2 hours', rangeMs: 2 * HOUR, expected: 15_000 },
    { name: '45 hours (the 15 s limit)', rangeMs: 45 * HOUR, expected: 15_000 },
    { name: '2 days', rangeMs: 2 * DAY, expected: 16_000 },
    { name: '30 days', rangeMs: 30 * DAY, expected: 236_000 },
  ])('autoStepMs: $name', ({ rangeMs, expected }) => {
    expect(autoStepMs(rangeMs)).toBe(expected);
    expect(rangeMs / autoStepMs(rangeMs) + 1).toBeLessThanOrEqual(11_000);
  });

  test.each([
    { name: 'fixed step kept', step: 30_000, rangeMs: 2 * HOUR, expected: 30_000 },
    { name: 'fixed step below 15 s kept', step: 5_000, rangeMs: HOUR, expected: 5_000 },
    { name: 'fixed step raised past 11,000 points', step: 5_000, rangeMs: 2 * DAY, expected: 16_000 },
    { name: 'auto', step: 'auto' as const, rangeMs: HOUR, expected: 15_000 },
  ])('resolveStepMs: $name', ({ step, rangeMs, expected }) => {
    expect(resolveStepMs(step, rangeMs)).toBe(expected);
  });

  test.each([
    {
      name: 'aligned range: first sample in, range end out',
      range: { start: 1_774_286_340_000, end: 1_774_286_460_000 },
      step: 30_000,
      expected: { startMs: 1_774_286_340_000, endMs: 1_774_286_430_000, stepMs: 30_000 },
    },
    {
      name: 'unaligned start rounds up to the grid; end just past a grid instant keeps it',
      range: { start: 1_774_286_341_000, end: 1_774_286_430_001 },
      step: 30_000,
      expected: { startMs: 1_774_286_370_000, endMs: 1_774_286_430_000, stepMs: 30_000 },
    },
    {
      name: 'auto step',
      range: { start: 0, end: 60_000 },
      step: 'auto' as const,
      expected: { startMs: 0, endMs: 45_000, stepMs: 15_000 },
    },
    {
      name: 'no grid instant in the range',
      range: { start: 1_000, end: 29_000 },
      step: 30_000,
      expected: undefined,
    },
    { name: 'empty range', range: { start: 60_000, end: 60_000 }, step: 30_000, expected: undefined },
  ])('evaluationWindow: $name', ({ range, step, expected }) => {
    expect(evaluationWindow(range, step)).toEqual(expected);
  });
});

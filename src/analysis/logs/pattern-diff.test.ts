import { describe, expect, test } from 'vitest';
import type { LogLevel } from '../../core/index.js';
import { diffPatterns, type PatternRecord } from './pattern-diff.js';
import { binomialUpperTail } from './rate-test.js';

const HOUR_MS = 3_600_000;

/** `count` records of one pattern. */
function lines(
  count: number,
  templateId: number,
  service = 'checkout',
  level: LogLevel = 'error',
): PatternRecord[] {
  return Array.from({ length: count }, () => ({ service, level, templateId }));
}

describe('diffPatterns', () => {
  test('a pattern absent from the baseline is new, with rates and the exact p-value', () => {
    const changes = diffPatterns(
      { records: lines(100, 1, 'checkout', 'info'), durationMs: 24 * HOUR_MS },
      { records: [...lines(5, 1, 'checkout', 'info'), ...lines(6, 2)], durationMs: HOUR_MS },
    );
    expect(changes).toEqual([
      {
        service: 'checkout',
        level: 'error',
        templateId: 2,
        kind: 'new',
        baselineCount: 0,
        incidentCount: 6,
        baselineRatePerMin: 0,
        incidentRatePerMin: 0.1,
        pValue: expect.closeTo((1 / 25) ** 6, 15),
        score: expect.closeTo(-Math.log10((1 / 25) ** 6), 9),
      },
    ]);
  });

  test('a pattern that rose is increased; one that kept its rate is not reported', () => {
    const changes = diffPatterns(
      { records: [...lines(24, 1), ...lines(240, 2)], durationMs: 24 * HOUR_MS },
      { records: [...lines(10, 1), ...lines(10, 2)], durationMs: HOUR_MS },
    );
    expect(changes.map((c) => [c.templateId, c.kind, c.baselineCount, c.incidentCount])).toEqual([
      [1, 'increased', 24, 10],
    ]);
    expect(changes[0]?.pValue).toBeCloseTo(binomialUpperTail(34, 1 / 25, 10), 15);
    expect(changes[0]?.incidentRatePerMin).toBeCloseTo(10 / 60, 12);
    expect(changes[0]?.baselineRatePerMin).toBeCloseTo(24 / 1440, 12);
  });

  test.each([
    { name: 'below the minimum count', incident: 2, minCount: 3, reported: 0 },
    { name: 'at the minimum count', incident: 3, minCount: 3, reported: 1 },
    { name: 'a lower minimum', incident: 2, minCount: 2, reported: 1 },
  ])('minimum count: $name', ({ incident, minCount, reported }) => {
    const changes = diffPatterns(
      { records: [], durationMs: 24 * HOUR_MS },
      { records: lines(incident, 1), durationMs: HOUR_MS },
      { minCount },
    );
    expect(changes).toHaveLength(reported);
  });

  test.each([
    // p = (1/2)^3 = 0.125 for 3 new lines over equal windows
    { alpha: 0.1, reported: 0 },
    { alpha: 0.125, reported: 1 },
  ])('significance level $alpha', ({ alpha, reported }) => {
    const changes = diffPatterns(
      { records: [], durationMs: HOUR_MS },
      { records: lines(3, 1), durationMs: HOUR_MS },
      { alpha },
    );
    expect(changes).toHaveLength(reported);
  });

  test.each([
    // the weak pattern: 3 new lines over equal windows, p = 0.125
    { name: 'alone', extra: [] as PatternRecord[], reported: [1] },
    // a second pattern with p = 22/64 makes two tests: 0.125 > 1/2 × 0.15
    { name: 'beside a rise that is not significant', extra: lines(4, 2), reported: [] },
    // two strong patterns first: 0.125 ≤ 3/3 × 0.15
    { name: 'after two strong ones', extra: [...lines(20, 3), ...lines(20, 4)], reported: [3, 4, 1] },
  ])('Benjamini–Hochberg at 0.15: the weak pattern $name', ({ extra, reported }) => {
    const changes = diffPatterns(
      { records: lines(2, 2), durationMs: HOUR_MS },
      { records: [...lines(3, 1), ...extra], durationMs: HOUR_MS },
      { alpha: 0.15 },
    );
    expect(changes.map((c) => c.templateId)).toEqual(reported);
  });

  test('patterns are keyed by service, level and template, and sorted by significance', () => {
    const changes = diffPatterns(
      { records: lines(1, 7, 'web', 'warn'), durationMs: 24 * HOUR_MS },
      {
        records: [
          ...lines(4, 7, 'web', 'warn'),
          ...lines(30, 7, 'api', 'warn'),
          ...lines(8, 7, 'web', 'error'),
        ],
        durationMs: HOUR_MS,
      },
    );
    expect(changes.map((c) => [c.service, c.level, c.kind])).toEqual([
      ['api', 'warn', 'new'],
      ['web', 'error', 'new'],
      ['web', 'warn', 'increased'],
    ]);
    expect(changes.every((c, i) => i === 0 || (changes[i - 1]?.score ?? 0) >= c.score)).toBe(true);
  });

  test.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects a window of %s ms', (durationMs) => {
    expect(() => diffPatterns({ records: [], durationMs }, { records: [], durationMs: HOUR_MS })).toThrow(
      /baseline window must last a positive time/,
    );
  });
});

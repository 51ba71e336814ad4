import { describe, expect, test } from 'vitest';
import type { Series } from '../../core/index.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/index.js';
import { scoreShift } from './shift-score.js';

const STEP = MINUTE_MS;
/** Deterministic noise in [−1, 1]. */
const noise = (i: number) => (((i * 7919) % 13) - 6) / 6;

function series(n: number, value: (i: number) => number, step = STEP): Series {
  return {
    service: 'checkout',
    metric: 'latency_ms',
    labels: {},
    timestamps: Array.from({ length: n }, (_, i) => i * step),
    values: Array.from({ length: n }, (_, i) => value(i)),
  };
}

/** Baseline: minutes 0–59; incident: minutes 60–89. */
const windows = {
  baselineStart: 0,
  baselineEnd: 60 * STEP,
  incidentStart: 60 * STEP,
  incidentEnd: 89 * STEP,
};

describe('scoreShift', () => {
  test.each([
    { name: 'unchanged', value: (i: number) => 100 + noise(i), expected: { score: 0, direction: 'up' } },
    {
      name: 'a lone spike is not a shift',
      value: (i: number) => 100 + noise(i) + (i === 70 ? 50 : 0),
      expected: { score: 0, incidentPeak: 100 + noise(70) + 50 },
    },
    {
      name: 'rounding noise is no change',
      value: (i: number) => (i % 2 === 0 ? 0.00496 : 0.0049599999999999),
      expected: { score: 0 },
    },
    {
      name: 'step up at the incident start',
      value: (i: number) => 100 + noise(i) + (i >= 60 ? 20 : 0),
      expected: { direction: 'up', onset: 60 * STEP, baselineMedian: 100 },
    },
    {
      name: 'step down from minute 75',
      value: (i: number) => 100 + noise(i) - (i >= 75 ? 20 : 0),
      expected: { direction: 'down', onset: 75 * STEP },
    },
  ])('$name', ({ value, expected }) => {
    const got = scoreShift(series(90, value), windows);
    expect(got).toMatchObject(expected);
    if (expected.score === 0) expect(got?.onset).toBeUndefined();
    else expect(got?.score).toBeGreaterThan(5);
  });

  test('the score grows with the departure, is comparable across scales, and saturates', () => {
    const score = (size: number, unit: number) =>
      scoreShift(
        series(90, (i) => unit * (100 + noise(i) + (i >= 60 ? size : 0))),
        windows,
      )?.score ?? Number.NaN;
    expect(score(8, 1)).toBeLessThan(score(16, 1));
    expect(score(8, 1)).toBeCloseTo(score(8, 1000), 9);
    expect(score(1e6, 1)).toBeLessThanOrEqual(20);
  });

  test('a flat error count that starts moving is certainly a change', () => {
    const got = scoreShift(
      series(90, (i) => (i >= 80 ? 2 : 0)),
      windows,
    );
    expect(got).toMatchObject({ direction: 'up', onset: 80 * STEP, baselineMedian: 0, incidentPeak: 2 });
    expect(got?.score).toBeGreaterThan(19);
  });

  test.each([
    { name: 'baseline under 3 points', w: { ...windows, baselineStart: 58 * STEP } },
    { name: 'empty incident', w: { ...windows, incidentStart: 200 * STEP, incidentEnd: 300 * STEP } },
  ])('undefined for $name', ({ w }) => {
    expect(
      scoreShift(
        series(90, (i) => 100 + noise(i)),
        w,
      ),
    ).toBeUndefined();
  });

  describe('with a day or more of baseline', () => {
    const step = 5 * MINUTE_MS;
    const perDay = DAY_MS / step;
    const noon = (i: number) => Math.abs((i % perDay) - perDay / 2) < 12;
    const daily = (i: number, peakToday: boolean) =>
      50 + noise(i) + (noon(i) && (peakToday || i < 2 * perDay) ? 40 : 0);
    const dayThree = {
      baselineStart: 0,
      baselineEnd: 2 * DAY_MS,
      incidentStart: 2 * DAY_MS + 11 * HOUR_MS,
      incidentEnd: 2 * DAY_MS + 13 * HOUR_MS,
    };

    test('the usual daily peak is not a shift', () => {
      const s = series(3 * perDay, (i) => daily(i, true), step);
      expect(scoreShift(s, dayThree)?.score).toBe(0);
      // Against only the quiet morning before it, the same peak would look like an incident.
      const morning = {
        ...dayThree,
        baselineStart: 2 * DAY_MS + 5 * HOUR_MS,
        baselineEnd: dayThree.incidentStart,
      };
      expect(scoreShift(s, morning)?.score).toBeGreaterThan(5);
    });

    test('a missing daily peak is a shift down', () => {
      const s = series(3 * perDay, (i) => daily(i, false), step);
      expect(scoreShift(s, dayThree)).toMatchObject({ direction: 'down' });
      expect(scoreShift(s, dayThree)?.score).toBeGreaterThan(5);
    });
  });

  test('is fast enough to score every series of every service', () => {
    const s = series(180, (i) => 100 + noise(i) + (i >= 150 ? 20 : 0));
    const w = {
      baselineStart: 0,
      baselineEnd: 120 * STEP,
      incidentStart: 120 * STEP,
      incidentEnd: 179 * STEP,
    };
    const started = performance.now();
    for (let k = 0; k < 20_000; k++) scoreShift(s, w);
    // Typically well under a second; the bound only catches an accidental quadratic.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

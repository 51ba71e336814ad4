import { expect, test } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/index.js';
import { SeasonalHistory, sameTimeReference } from './seasonal.js';

const STEP = 10 * MINUTE_MS;
/** Three days at 10-minute steps: the value is the hour of day, plus 100 × the day index. */
const timestamps = Array.from({ length: 3 * 144 }, (_, i) => i * STEP);
const values = timestamps.map((t) => Math.floor((t % DAY_MS) / HOUR_MS) + 100 * Math.floor(t / DAY_MS));
const all = { lo: 0, hi: timestamps.length };

test.each([
  { name: 'median over the previous days', ts: 3 * DAY_MS + 5 * HOUR_MS, days: 7, expected: 105 },
  { name: 'limited to one day back', ts: 3 * DAY_MS + 5 * HOUR_MS, days: 1, expected: 205 },
  {
    name: 'nearest sample within the tolerance',
    ts: 3 * DAY_MS + 5 * HOUR_MS + 4 * MINUTE_MS,
    days: 1,
    expected: 205,
  },
  { name: 'no earlier day', ts: 12 * HOUR_MS, days: 7, expected: undefined },
])('sameTimeReference: $name', ({ ts, days, expected }) => {
  expect(sameTimeReference(timestamps, values, all, ts, { days, toleranceMs: STEP })).toBe(expected);
});

test('sameTimeReference ignores samples beyond the tolerance and outside the range', () => {
  const ts = 3 * DAY_MS + 5 * HOUR_MS;
  expect(sameTimeReference(timestamps, values, all, ts + 35 * MINUTE_MS, { toleranceMs: MINUTE_MS })).toBe(
    undefined,
  );
  // Only day 0 is in range: three days back is the one day with a sample.
  expect(sameTimeReference(timestamps, values, { lo: 0, hi: 144 }, ts, { toleranceMs: STEP })).toBe(5);
});

test('SeasonalHistory keeps a bounded look-back', () => {
  const history = new SeasonalHistory(1, 200);
  for (const [i, t] of timestamps.entries()) history.push(t, values[i] ?? 0);
  const ts = 3 * DAY_MS + 5 * HOUR_MS;
  // 200 samples reach back about 33 hours: yesterday is there, the day before is gone.
  expect(history.reference(ts, STEP)).toBe(205);
  expect(history.reference(ts - DAY_MS, STEP)).toBeUndefined();
});

test('sameTimeReference takes the median of the days, whatever order they come in', () => {
  const days = [0, DAY_MS, 2 * DAY_MS, 3 * DAY_MS];
  // Yesterday 1, two days ago 9, three days ago 5, four days ago 7: the median is (5 + 7) / 2.
  const dayValues = [7, 5, 9, 1];
  const range = { lo: 0, hi: days.length };
  expect(sameTimeReference(days, dayValues, range, 4 * DAY_MS, { toleranceMs: STEP })).toBe(6);
  expect(sameTimeReference(days, dayValues, range, 4 * DAY_MS, { days: 3, toleranceMs: STEP })).toBe(5);
});

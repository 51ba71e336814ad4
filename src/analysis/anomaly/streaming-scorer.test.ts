import { describe, expect, test } from 'vitest';
import { DAY_MS, MINUTE_MS } from '../../core/index.js';
import { StreamingAnomalyScorer, type StreamingScorerOptions } from './streaming-scorer.js';

const STEP = 5 * MINUTE_MS;
/** Deterministic noise in [−1, 1]. */
const noise = (i: number) => (((i * 7919) % 13) - 6) / 6;

function run(values: number[], options?: StreamingScorerOptions, step = STEP) {
  const scorer = new StreamingAnomalyScorer(options);
  return values.map((v, i) => scorer.pushDetailed(i * step, v));
}

const argmax = (xs: number[], from = 0) =>
  xs.reduce((best, x, i) => (i >= from && x > (xs[best] ?? -1) ? i : best), from);

describe('StreamingAnomalyScorer', () => {
  test('a spike in steady noise is a new extreme, and its aftermath is one event', () => {
    const values = Array.from({ length: 600 }, (_, i) => 100 + noise(i) + (i === 500 ? 30 : 0));
    const scores = run(values).map((s) => s.score);
    expect(argmax(scores, 100)).toBe(500);
    expect(scores[500]).toBeGreaterThan(0.5);
    expect(scores.slice(501, 526)).toEqual(new Array(25).fill(0));
  });

  test.each([
    { name: 'rounding noise', values: (i: number) => (i % 3 === 0 ? 0.0049599999999999 : 0.00496) },
    { name: 'a flat line', values: () => 45 },
    { name: 'a square wave', values: (i: number) => (Math.floor(i / 144) % 2 === 0 ? 20 : 80) },
  ])('$name never sets a new extreme after the first day', ({ values }) => {
    const scores = run(Array.from({ length: 1500 }, (_, i) => values(i))).map((s) => s.score);
    expect(Math.max(...scores.slice(300))).toBeLessThanOrEqual(0.5);
  });

  test('a missing daily peak is found by the seasonal evidence', () => {
    const perDay = DAY_MS / STEP;
    const isPeak = (i: number) => i % perDay >= 144 && i % perDay < 156;
    const missingDay = 5;
    const values = Array.from({ length: 6 * perDay }, (_, i) => {
      const peak = isPeak(i) && Math.floor(i / perDay) !== missingDay;
      return 10 + noise(i) + (peak ? 40 : 0);
    });
    const scored = run(values);
    const at = argmax(
      scored.map((s) => s.score),
      3 * perDay,
    );
    expect(Math.floor(at / perDay)).toBe(missingDay);
    expect(isPeak(at)).toBe(true);
    expect(scored[at]).toMatchObject({ evidence: 'season', direction: 'down' });
  });

  test('history is bounded: an extreme is forgotten once it leaves the window', () => {
    const values = Array.from(
      { length: 500 },
      (_, i) => 100 + noise(i) + (i === 100 || i === 150 ? 100 : 0) + (i === 400 ? 60 : 0),
    );
    // Minutely, so that no day passes and only the level evidence is at work.
    expect(run(values, {}, MINUTE_MS)[400]?.score).toBeLessThan(0.5);
    expect(run(values, { historyPoints: 200 }, MINUTE_MS)[400]?.score).toBeGreaterThan(0.5);
  });

  test('non-finite values score 0 and leave the state alone', () => {
    const values = Array.from({ length: 300 }, (_, i) => 100 + noise(i));
    const clean = run(values).map((s) => s.score);
    const scorer = new StreamingAnomalyScorer();
    const withGaps = values.flatMap((v, i) => [scorer.push(i * STEP, v), scorer.push(i * STEP, Number.NaN)]);
    expect(withGaps.filter((_, k) => k % 2 === 0)).toEqual(clean);
    expect(withGaps.filter((_, k) => k % 2 === 1)).toEqual(new Array(300).fill(0));
  });
});

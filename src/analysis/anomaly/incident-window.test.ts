import { describe, expect, test } from 'vitest';
import type { Series } from '../../core/index.js';
import { MINUTE_MS } from '../../core/index.js';
import { detectIncidentWindow, seriesId, weightedMedian } from './incident-window.js';

const STEP = MINUTE_MS;
const noise = (i: number) => (((i * 7919) % 13) - 6) / 6;
/** The incident starts at minute 300 of 360. */
const T = 300 * STEP;

function series(service: string, metric: string, value: (i: number) => number): Series {
  return {
    service,
    metric,
    labels: {},
    timestamps: Array.from({ length: 360 }, (_, i) => i * STEP),
    values: Array.from({ length: 360 }, (_, i) => value(i)),
  };
}

const steady = (i: number) => 100 + noise(i);
const stepAt = (minute: number, size: number) => (i: number) => steady(i) + (i >= minute ? size : 0);

describe('detectIncidentWindow', () => {
  test('dates the incident by agreement, not by one early blip', () => {
    const input = [
      series('checkout', 'errors', stepAt(300, 40)),
      series('checkout', 'latency_ms', stepAt(302, 30)),
      series('gateway', 'latency_ms', stepAt(305, 20)),
      series('payments', 'cpu', steady),
      // Five odd minutes an hour before, then back to normal.
      series('search', 'latency_ms', (i) => steady(i) + (i >= 240 && i < 245 ? 50 : 0)),
    ];
    const found = detectIncidentWindow(input, { alertAt: T + 10 * STEP });
    expect(found?.onset).toBe(T);
    expect(found?.end).toBe(359 * STEP);
    // Evidence is ordered by score: the blip was the largest departure, it just was not the incident.
    expect(found?.evidence.map((e) => e.seriesId)).toEqual([
      'search/latency_ms',
      'checkout/errors',
      'checkout/latency_ms',
      'gateway/latency_ms',
    ]);
    expect(found?.evidence[1]).toMatchObject({ direction: 'up', onset: T, baseline: 100 });
    const blip = found?.evidence.find((e) => e.service === 'search');
    expect(blip?.end).toBe(244 * STEP);
    // CUSUM dates a departure to its last quiet point; noise just before may move that by one step.
    expect(Math.abs((blip?.onset ?? 0) - 240 * STEP)).toBeLessThanOrEqual(STEP);
  });

  test('one departing series dates the incident itself', () => {
    const db = series('db', 'connections', (i) => steady(i) - (i >= 310 ? 30 : 0));
    const found = detectIncidentWindow([db]);
    const lowest = Math.min(...db.values);
    expect(found).toMatchObject({
      onset: 310 * STEP,
      end: 359 * STEP,
      evidence: [{ direction: 'down', peak: lowest }],
    });
  });

  test('nothing departs: no window', () => {
    expect(detectIncidentWindow([series('a', 'x', steady), series('b', 'y', steady)])).toBeUndefined();
    expect(detectIncidentWindow([])).toBeUndefined();
  });
});

test.each<{ labels: Record<string, string>; expected: string }>([
  { labels: {}, expected: 'checkout/latency_ms' },
  { labels: { route: '/pay', le: '0.5' }, expected: 'checkout/latency_ms{le="0.5",route="/pay"}' },
])('seriesId $expected', ({ labels, expected }) => {
  expect(seriesId({ service: 'checkout', metric: 'latency_ms', labels })).toBe(expected);
});

test.each([
  { items: [{ value: 1, weight: 1 }], expected: 1 },
  {
    items: [
      { value: 1, weight: 1 },
      { value: 5, weight: 3 },
    ],
    expected: 5,
  },
  {
    items: [
      { value: 9, weight: 2 },
      { value: 1, weight: 2 },
    ],
    expected: 1,
  },
])('weightedMedian $expected', ({ items, expected }) => {
  expect(weightedMedian(items)).toBe(expected);
});

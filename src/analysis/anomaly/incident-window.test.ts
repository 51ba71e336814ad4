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

  test('two benign blips that coincide do not outweigh the incident', () => {
    const blip = (i: number) => steady(i) + (i >= 280 && i < 284 ? 60 : 0);
    const input = [
      series('notifications', 'latency_ms', blip),
      series('worker', 'latency_ms', blip),
      series('checkout', 'errors', stepAt(300, 40)),
      series('checkout', 'latency_ms', stepAt(301, 30)),
      series('gateway', 'errors', stepAt(302, 30)),
      series('gateway', 'latency_ms', stepAt(302, 30)),
      series('payments', 'errors', stepAt(300, 30)),
    ];
    const found = detectIncidentWindow(input, { alertAt: T + 5 * STEP, lookbackMs: 30 * STEP });
    expect(found?.onset).toBe(T);
  });

  test("the alert's service anchors the onset to the run of departures leading up to it", () => {
    const input = [
      // An unrelated shift 25 minutes before, stronger than anything in the incident.
      series('notifications', 'latency_ms', stepAt(275, 80)),
      series('orders', 'latency_ms', stepAt(276, 80)),
      series('orders', 'cpu', stepAt(277, 80)),
      series('recommendations', 'errors', stepAt(297, 40)),
      series('frontend', 'errors', stepAt(299, 20)),
    ];
    const options = { alertAt: T + 5 * STEP, lookbackMs: 30 * STEP };
    expect(detectIncidentWindow(input, options)?.onset).toBeLessThan(280 * STEP);
    const anchored = detectIncidentWindow(input, { ...options, anchorService: 'frontend' });
    expect(anchored?.onset).toBe(297 * STEP);
  });

  test('a slow drift before a jump does not pull the onset back more than five minutes', () => {
    // The baseline is flat; from minute 250 the series creeps up within its noise, then jumps at 300.
    const drift = (i: number) => steady(i) + (i >= 250 ? (i - 250) * 0.03 : 0) + (i >= 300 ? 60 : 0);
    const found = detectIncidentWindow(
      [series('gateway', 'rps', drift), series('db', 'cpu', stepAt(300, 40))],
      {
        alertAt: T + 5 * STEP,
        lookbackMs: 60 * STEP,
      },
    );
    const gateway = found?.evidence.find((e) => e.service === 'gateway');
    expect(gateway?.onset).toBeGreaterThanOrEqual(T - 5 * STEP);
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

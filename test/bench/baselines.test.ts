import { describe, expect, test } from 'vitest';
import { baro, baroChangePoint } from '../../bench/baselines/baro.js';
import { logGamma, onlineChangePoints } from '../../bench/baselines/bocpd.js';
import type { Frame } from '../../bench/baselines/frame.js';
import { nSigma } from '../../bench/baselines/nsigma.js';
import { percentile, robustScaler, standardScaler } from '../../bench/baselines/scalers.js';

/** Deterministic noise so the tests do not depend on Math.random. */
function noise(i: number, k: number): number {
  const x = Math.sin(i * 12.9898 + k * 78.233) * 43758.5453;
  return (x - Math.floor(x) - 0.5) * 0.2;
}

function frame(steps: number, changeAt: number): Frame {
  const times = Array.from({ length: steps }, (_, i) => i * 60_000);
  const col = (service: string, name: string, k: number, jump: number) => ({
    service,
    name,
    values: Float64Array.from(times, (_, i) => 1 + noise(i, k) + (i >= changeAt ? jump : 0)),
  });
  return {
    times,
    columns: [
      col('a', 'latency_p99_ms', 1, 0),
      col('b', 'latency_p99_ms', 2, 5),
      col('b', 'error_ratio', 3, 3),
      col('c', 'cpu', 4, 0),
    ],
  };
}

test.each([
  { z: 1, expected: 0 },
  { z: 2, expected: 0 },
  { z: 5, expected: Math.log(24) },
  { z: 0.5, expected: Math.log(Math.sqrt(Math.PI)) },
  { z: 10.5, expected: 13.940625219403763 },
])('logGamma($z)', ({ z, expected }) => {
  expect(logGamma(z)).toBeCloseTo(expected, 10);
});

test.each([
  { values: [1, 2, 3, 4], p: 50, expected: 2.5 },
  { values: [1, 2, 3, 4, 5], p: 25, expected: 2 },
  { values: [7], p: 75, expected: 7 },
])('percentile($values, $p) as numpy', ({ values, p, expected }) => {
  expect(percentile(Float64Array.from(values), p)).toBeCloseTo(expected);
});

describe('scalers', () => {
  test('a constant normal period scales by 1, as scikit-learn does', () => {
    expect(robustScaler(Float64Array.from([3, 3, 3]))).toEqual({ center: 3, scale: 1 });
    expect(standardScaler(Float64Array.from([3, 3, 3]))).toEqual({ center: 3, scale: 1 });
  });
});

describe('onlineChangePoints', () => {
  test('after a step change the run length restarts: P(run length = 2) peaks two steps in', () => {
    const f = frame(40, 20);
    const rows = f.times.map((_, t) => Float64Array.from(f.columns, (c) => c.values[t] as number));
    const r2 = onlineChangePoints(rows, 50, 2).runLengthProbability;
    // R[2, t] is the probability, after t observations, that the last two came after a change.
    expect(r2[22]).toBeGreaterThan(0.5);
    expect(Math.max(...Array.from(r2.subarray(8, 20)))).toBeLessThan(0.1);
  });

  test('the prior run length always carries the hazard', () => {
    const f = frame(10, 5);
    const rows = f.times.map((_, t) => Float64Array.from(f.columns, (c) => c.values[t] as number));
    const r0 = onlineChangePoints(rows, 50, 0).runLengthProbability;
    for (const p of r0.subarray(1)) expect(p).toBeCloseTo(1 / 50);
  });
});

describe('BARO and N-Sigma', () => {
  test('given the injection time, both rank the service whose columns jumped first', () => {
    const f = frame(40, 20);
    expect(baro(f, 20 * 60_000).services[0]).toBe('b');
    expect(nSigma(f, 20 * 60_000)[0]).toBe('b');
  });

  test("BARO's own change point lands near the step", () => {
    const cp = baroChangePoint(frame(60, 30));
    expect(cp.detected).toBe(true);
    expect(cp.index).toBeGreaterThan(15);
    expect(cp.index).toBeLessThan(35);
  });
});

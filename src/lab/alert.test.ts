import { describe, expect, test } from 'vitest';
import { MINUTE_MS } from '../core/index.js';
import { evaluateRules, type Firing, pickFiring } from './alert.js';
import { Random } from './random.js';
import { buildIndex } from './sim/conditions.js';
import { allocateResult, type SeriesField, type SimResult } from './sim/state.js';
import { miniTopology } from './topologies/mini.js';
import { callerFirstOrder } from './topology.js';

const index = buildIndex(miniTopology, callerFirstOrder(miniTopology));
const START = Date.parse('2026-03-02T10:00:00Z');
const STEP_MS = 30_000;
const STEPS = 240;
/** Rules are evaluated from here; the two hours before are the baseline. */
const FROM_STEP = 120;
const FROM = START + FROM_STEP * STEP_MS;
const svc = (name: string) => index.byName.get(name) as number;

/** A quiet system: 0.2 % errors, 100 ms p99, half-full disks, empty queues. */
function quietResult(): SimResult {
  const r = allocateResult(START, STEP_MS, STEPS, index.services.length, index.edges.length);
  r.fields.errorRatio.fill(0.002);
  r.fields.p99.fill(100);
  r.fields.disk.fill(0.5);
  return r;
}

function set(r: SimResult, field: SeriesField, service: string, from: number, to: number, value: number) {
  for (let k = from; k < to; k++) r.fields[field][k * r.services + svc(service)] = value;
}

const minutes = (m: number) => (m * MINUTE_MS) / STEP_MS;
const at = (step: number) => START + step * STEP_MS;

describe('evaluateRules', () => {
  test.each([
    {
      name: 'a 6-minute error breach fires HighErrorRate once it has lasted 5 minutes',
      edit: (r: SimResult) => set(r, 'errorRatio', 'orders', 150, 150 + minutes(6), 0.2),
      expected: [{ name: 'HighErrorRate', service: svc('orders'), firedAt: at(150 + minutes(5) - 1) }],
    },
    {
      name: 'a 3-minute blip does not fire',
      edit: (r: SimResult) => set(r, 'errorRatio', 'orders', 150, 150 + minutes(3), 0.9),
      expected: [],
    },
    {
      name: 'two 4-minute breaches with a gap do not add up',
      edit: (r: SimResult) => {
        set(r, 'errorRatio', 'orders', 150, 150 + minutes(4), 0.3);
        set(r, 'errorRatio', 'orders', 151 + minutes(4), 151 + minutes(8), 0.3);
      },
      expected: [],
    },
    {
      name: 'a breach over before the fault began does not fire',
      edit: (r: SimResult) => set(r, 'errorRatio', 'orders', 60, 60 + minutes(20), 0.5),
      expected: [],
    },
    {
      name: 'errors under the 5 % floor do not fire',
      edit: (r: SimResult) => set(r, 'errorRatio', 'orders', 150, 200, 0.045),
      expected: [],
    },
    {
      name: 'p99 over 1 s and 3× its baseline fires HighLatencyP99',
      edit: (r: SimResult) => set(r, 'p99', 'web', 130, 200, 1500),
      expected: [{ name: 'HighLatencyP99', service: svc('web'), firedAt: at(130 + minutes(5) - 1) }],
    },
    {
      name: 'a deep queue fires QueueDepthHigh on the queue only',
      edit: (r: SimResult) => {
        set(r, 'queueDepth', 'jobs-queue', 140, 200, 6000);
        set(r, 'queueDepth', 'orders', 140, 200, 6000);
      },
      expected: [{ name: 'QueueDepthHigh', service: svc('jobs-queue'), firedAt: at(140 + minutes(5) - 1) }],
    },
    {
      name: 'a disk over 95 % fires DiskSpaceLow',
      edit: (r: SimResult) => set(r, 'disk', 'postgres', 125, STEPS, 0.97),
      expected: [{ name: 'DiskSpaceLow', service: svc('postgres'), firedAt: at(125 + minutes(5) - 1) }],
    },
    {
      name: 'two restarts in 15 minutes fire KubePodCrashLooping, even while the pods are down',
      edit: (r: SimResult) => {
        set(r, 'restarts', 'accounts', 150, STEPS, 2);
        for (let k = 150; k < STEPS; k++) r.down[k * r.services + svc('accounts')] = 1;
      },
      expected: [
        { name: 'KubePodCrashLooping', service: svc('accounts'), firedAt: at(150 + minutes(5) - 1) },
      ],
    },
    {
      name: 'a service with no ready pod exports nothing, so its error alert stays quiet',
      edit: (r: SimResult) => {
        set(r, 'errorRatio', 'orders', 150, STEPS, 1);
        for (let k = 150; k < STEPS; k++) r.down[k * r.services + svc('orders')] = 1;
      },
      expected: [],
    },
    {
      name: 'the external provider has no alert rules',
      edit: (r: SimResult) => set(r, 'errorRatio', 'payment-provider', 130, STEPS, 0.8),
      expected: [],
    },
  ])('$name', ({ edit, expected }) => {
    const r = quietResult();
    edit(r);
    expect(evaluateRules(r, index, FROM)).toMatchObject(expected);
    expect(evaluateRules(r, index, FROM)).toHaveLength(expected.length);
  });

  test('a noisy baseline raises the bar to five times its median', () => {
    const r = quietResult();
    set(r, 'errorRatio', 'orders', 0, FROM_STEP, 0.03);
    set(r, 'errorRatio', 'orders', 150, 170, 0.12);
    expect(evaluateRules(r, index, FROM)).toEqual([]);
    set(r, 'errorRatio', 'orders', 180, 200, 0.2);
    expect(evaluateRules(r, index, FROM)).toMatchObject([{ name: 'HighErrorRate', firedAt: at(189) }]);
  });

  test('firings come earliest first, then by service', () => {
    const r = quietResult();
    set(r, 'errorRatio', 'postgres', 160, 200, 0.3);
    set(r, 'errorRatio', 'web', 150, 200, 0.3);
    set(r, 'errorRatio', 'api-gateway', 160, 200, 0.3);
    const firings = evaluateRules(r, index, FROM);
    expect(firings.map((f) => [f.service, f.firedAt])).toEqual([
      [svc('web'), at(159)],
      [svc('api-gateway'), at(169)],
      [svc('postgres'), at(169)],
    ]);
    expect(firings[0]?.summary).toBe('web: 30.0% of requests failing (threshold 5%) for 5 minutes');
  });
});

describe('pickFiring', () => {
  const firing = (service: string, minute: number): Firing => ({
    name: 'HighErrorRate',
    service: svc(service),
    firedAt: START + minute * MINUTE_MS,
    value: 0.2,
    severity: 'critical',
    summary: '',
  });
  const picks = (firings: Firing[]) =>
    Array.from({ length: 400 }, (_, seed) => pickFiring(firings, index.entry, new Random(seed))?.service);

  test('nothing fired: nothing to page', () => {
    expect(pickFiring([], index.entry, new Random(1))).toBeUndefined();
  });

  test('the gateway alert that follows within 10 minutes pages about half the time', () => {
    const chosen = picks([firing('orders', 0), firing('api-gateway', 6)]);
    const gateway = chosen.filter((s) => s === index.entry).length / chosen.length;
    expect(gateway).toBeGreaterThan(0.4);
    expect(gateway).toBeLessThan(0.6);
    expect(new Set(chosen)).toEqual(new Set([svc('orders'), index.entry]));
  });

  test('a gateway alert more than 10 minutes later never pages first', () => {
    expect(new Set(picks([firing('orders', 0), firing('api-gateway', 11)]))).toEqual(
      new Set([svc('orders')]),
    );
  });

  test('alerts within 2 minutes of the first are equally likely; later ones are not picked', () => {
    const chosen = picks([firing('orders', 0), firing('accounts', 1.5), firing('web', 3)]);
    expect(new Set(chosen)).toEqual(new Set([svc('orders'), svc('accounts')]));
  });
});

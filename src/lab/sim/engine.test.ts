import { describe, expect, test } from 'vitest';
import { DAY_MS } from '../../core/index.js';
import { Random } from '../random.js';
import { miniTopology } from '../topologies/mini.js';
import { callerFirstOrder } from '../topology.js';
import { trafficFactor } from '../traffic.js';
import type { Blip } from './blips.js';
import { buildIndex, type Conditions } from './conditions.js';
import { type ApplyFault, simulate } from './engine.js';
import { at, type SeriesField, type SimResult } from './state.js';

const index = buildIndex(miniTopology, callerFirstOrder(miniTopology));
const svc = (name: string) => index.byName.get(name) as number;
const edge = (from: string, to: string) =>
  index.edges.findIndex((e) => e.from === svc(from) && e.to === svc(to));
const START = Date.parse('2026-03-03T12:00:00Z');
const STEP_MS = 30_000;
const STEPS = 40;
/** The fault (if any) applies from this step on. */
const ONSET = 20;

function run(
  options: { fault?: (c: Conditions) => void; noise?: number; seed?: string; blips?: Blip[] } = {},
) {
  const apply: ApplyFault = (t, c) => {
    if (options.fault && t >= START + ONSET * STEP_MS) options.fault(c);
  };
  return simulate({
    topology: miniTopology,
    index,
    start: START,
    stepMs: STEP_MS,
    steps: STEPS,
    rng: new Random(options.seed ?? 'engine'),
    noise: options.noise ?? 0,
    blips: options.blips ?? [],
    applyFault: apply,
  });
}

/** Mean of a field over the steps before and after the onset. */
function beforeAfter(r: SimResult, field: SeriesField, service: string) {
  const mean = (from: number, to: number) => {
    let sum = 0;
    for (let k = from; k < to; k++) sum += at(r, field, k, svc(service));
    return sum / (to - from);
  };
  return { before: mean(0, ONSET), after: mean(ONSET + 2, STEPS) };
}

describe('simulate', () => {
  test('is deterministic for a seed and differs for another', () => {
    expect(run({ noise: 1 })).toEqual(run({ noise: 1 }));
    expect(run({ noise: 1, seed: 'other' }).fields.rps).not.toEqual(run({ noise: 1 }).fields.rps);
  });

  test('without noise, traffic follows the daily curve and splits along the call graph', () => {
    const r = run();
    for (let k = 0; k < STEPS; k++) {
      const entry = at(r, 'rps', k, index.entry);
      expect(entry).toBeCloseTo(miniTopology.peakRps * trafficFactor(START + k * STEP_MS), 9);
      // The gateway sends 70 % to web and 30 % to orders; web calls orders 0.2 times a request.
      expect(at(r, 'rps', k, svc('web'))).toBeCloseTo(0.7 * entry, 9);
      expect(at(r, 'rps', k, svc('orders'))).toBeCloseTo((0.3 + 0.7 * 0.2) * entry, 9);
    }
  });

  test('a service that is down fails every call; its callers fail with it and blame that edge', () => {
    const r = run({ fault: (c) => (c.down[svc('orders')] = 1) });
    const orders = svc('orders');
    expect(r.down[(ONSET - 1) * r.services + orders]).toBe(0);
    expect(r.down[ONSET * r.services + orders]).toBe(1);
    expect(at(r, 'errorRatio', ONSET, orders)).toBe(1);
    const gateway = beforeAfter(r, 'errorRatio', 'api-gateway');
    expect(gateway.before).toBeLessThan(0.01);
    expect(gateway.after).toBeGreaterThan(0.3);
    expect(r.failingEdge[(STEPS - 1) * r.services + index.entry]).toBe(edge('api-gateway', 'orders'));
    // Nothing it would have called hears from it.
    expect(beforeAfter(r, 'rps', 'jobs-queue').after).toBe(0);
  });

  test('latency on one edge slows the caller by its calls, not the callee', () => {
    const e = edge('web', 'accounts');
    const r = run({ fault: (c) => (c.edgeLatencyAddMs[e] = 200) });
    const web = beforeAfter(r, 'p50', 'web');
    expect(web.after - web.before).toBeCloseTo(0.5 * 200, 0);
    const accounts = beforeAfter(r, 'p50', 'accounts');
    expect(accounts.after).toBeCloseTo(accounts.before, 6);
    expect(r.edgeLatencyMs[(STEPS - 1) * index.edges.length + e]).toBe(200);
    expect(r.slowEdge[(STEPS - 1) * r.services + svc('web')]).toBe(e);
  });

  test('CPU past capacity slows the service and makes it fail requests', () => {
    const r = run({ fault: (c) => (c.cpuAdd[svc('accounts')] = 1) });
    expect(beforeAfter(r, 'cpu', 'accounts')).toEqual({ before: expect.any(Number), after: 1 });
    expect(beforeAfter(r, 'selfErrorRatio', 'accounts').after).toBeGreaterThan(0.01);
    const self = beforeAfter(r, 'selfMedianMs', 'accounts');
    expect(self.after).toBeGreaterThan(100 * self.before);
  });

  test('a pool smaller than demand runs full and fails the excess', () => {
    const r = run({ fault: (c) => (c.poolMax[svc('orders')] = 1) });
    expect(beforeAfter(r, 'poolMax', 'orders')).toEqual({ before: 20, after: 1 });
    expect(beforeAfter(r, 'poolInUse', 'orders').after).toBe(1);
    expect(beforeAfter(r, 'selfErrorRatio', 'orders').after).toBeGreaterThan(0.5);
  });

  test('a leak OOM-kills each replica at its memory limit and counts the restarts', () => {
    const r = run({ fault: (c) => (c.memoryLeakBytesPerMs[svc('accounts')] = 1000) });
    const kills = r.restarts.filter((x) => x.service === svc('accounts'));
    expect(kills.map((x) => x.reason)).toEqual(['OOMKilled', 'OOMKilled']);
    expect(new Set(kills.map((x) => x.replica))).toEqual(new Set([0, 1]));
    expect(r.restarts.filter((x) => x.service !== svc('accounts'))).toEqual([]);
    const restarts = beforeAfter(r, 'restarts', 'accounts');
    expect(at(r, 'restarts', STEPS - 1, svc('accounts')) - at(r, 'restarts', 0, svc('accounts'))).toBe(2);
    expect(restarts.after).toBeGreaterThan(restarts.before);
  });

  test('a worker that stops consuming lets its queue grow by what is published', () => {
    const r = run({ fault: (c) => (c.consumeFactor[svc('mailer')] = 0) });
    const queue = svc('jobs-queue');
    expect(at(r, 'queueDepth', ONSET - 1, queue)).toBe(0);
    for (let k = ONSET + 1; k < STEPS; k++) {
      const grown = at(r, 'queueDepth', k, queue) - at(r, 'queueDepth', k - 1, queue);
      expect(grown).toBeCloseTo(at(r, 'rps', k, queue) * (STEP_MS / 1000), 6);
    }
    expect(beforeAfter(r, 'rps', 'mailer').after).toBe(0);
  });

  test('disks grow about 1.5 % a day without a fault', () => {
    const r = run();
    const grown = at(r, 'disk', STEPS - 1, svc('postgres')) - at(r, 'disk', 0, svc('postgres'));
    expect(grown).toBeCloseTo((0.015 * (STEPS - 1) * STEP_MS) / DAY_MS, 9);
  });

  test('a blip changes its service only while it lasts', () => {
    const blip: Blip = {
      service: svc('accounts'),
      start: START + 10 * STEP_MS,
      endMs: START + 14 * STEP_MS,
      kind: 'errors',
      magnitude: 0.04,
    };
    const r = run({ blips: [blip] });
    const errors = Array.from({ length: STEPS }, (_, k) => at(r, 'selfErrorRatio', k, svc('accounts')));
    expect(errors.slice(10, 14)).toEqual([0.04, 0.04, 0.04, 0.04]);
    expect([...errors.slice(0, 10), ...errors.slice(14)].every((v) => v === 0)).toBe(true);
  });
});

import { describe, expect, test } from 'vitest';
import { NightshiftError } from '../../core/index.js';
import { FAULT_NAMES, faultCatalogue } from '../faults/catalogue.js';
import { Random } from '../random.js';
import { buildIndex } from '../sim/conditions.js';
import { simulate } from '../sim/engine.js';
import { callerFirstOrder, type LabRole, type LabTopology } from '../topology.js';
import { GENERATED_SIZE, generateTopology, labTopologies, ROLE_WORDS, resolveTopology } from './index.js';

const SEEDS = Array.from({ length: 120 }, (_, k) => k + 1);
const generated = SEEDS.map(generateTopology);

describe('generateTopology', () => {
  test('is deterministic: the same seed gives the same system, another seed another', () => {
    expect(generateTopology(12)).toEqual(generateTopology(12));
    expect(generateTopology(13).services.map((s) => s.name)).not.toEqual(
      generateTopology(12).services.map((s) => s.name),
    );
  });

  test('sizes span 6–60 services over many seeds', () => {
    const sizes = generated.map((t) => t.services.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(GENERATED_SIZE.min);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(GENERATED_SIZE.max);
    expect(sizes.filter((n) => n < 15).length).toBeGreaterThan(5);
    expect(sizes.filter((n) => n > 45).length).toBeGreaterThan(5);
  });

  test.each(SEEDS.slice(0, 40))(
    'gen-%i is a DAG whose every dependency exists and every service gets traffic',
    (seed) => {
      const t = generated[seed - 1] as LabTopology;
      expect(() => callerFirstOrder(t)).not.toThrow();
      const names = new Set(t.services.map((s) => s.name));
      expect(names.size).toBe(t.services.length);
      for (const s of t.services) for (const d of s.dependsOn) expect(names.has(d.service)).toBe(true);
      // Reachable from the entry, or a worker (fed by its queue), or called by one.
      const reached = new Set<string>();
      const visit = (name: string) => {
        if (reached.has(name)) return;
        reached.add(name);
        for (const d of t.services.find((s) => s.name === name)?.dependsOn ?? []) visit(d.service);
      };
      visit(t.entry);
      for (const w of t.services.filter((s) => s.role === 'worker')) visit(w.name);
      expect([...names].filter((n) => !reached.has(n))).toEqual([]);
      const edge = t.services.find((s) => s.name === t.entry);
      expect(edge?.role).toBe('edge');
      expect(edge?.operations).toHaveLength(edge?.dependsOn.length ?? -1);
      expect(t.name).toMatch(/^sys-[0-9a-f]{4}$/);
    },
  );

  test('roles: every system has edge, web, app, database and external; most have the rest', () => {
    const has = (t: LabTopology, role: LabRole) => t.services.some((s) => s.role === role);
    for (const t of generated) {
      for (const role of ['edge', 'web', 'app', 'database', 'external'] as const)
        expect(has(t, role)).toBe(true);
    }
    const share = (pred: (t: LabTopology) => boolean) => generated.filter(pred).length / generated.length;
    expect(share((t) => has(t, 'cache'))).toBeGreaterThan(0.85);
    expect(share((t) => has(t, 'queue') && has(t, 'worker'))).toBeGreaterThan(0.85);
    expect(share((t) => has(t, 'db-proxy'))).toBeGreaterThan(0.2);
    expect(share((t) => t.services.some((s) => s.operations.includes('POST /oauth/token')))).toBeGreaterThan(
      0.85,
    );
    // Caches sit in front of stores: a soft dependency of an app that also calls a store.
    const cacheBeforeStore = (t: LabTopology) =>
      t.services.some(
        (s) =>
          s.dependsOn.some((d) => d.soft && t.services.find((x) => x.name === d.service)?.role === 'cache') &&
          s.dependsOn.some((d) =>
            ['database', 'db-proxy'].includes(t.services.find((x) => x.name === d.service)?.role ?? ''),
          ),
      );
    expect(share(cacheBeforeStore)).toBeGreaterThan(0.85);
    const sharedDb = (t: LabTopology) =>
      t.services.some((db) => (db.role === 'database' || db.role === 'db-proxy') && callers(t, db.name) >= 2);
    expect(share(sharedDb)).toBeGreaterThan(0.3);
  });

  test('names never contain a role word', () => {
    for (const t of generated) {
      for (const s of t.services) {
        expect(s.name).toMatch(/^[a-z][a-z0-9-]*$/);
        for (const word of ROLE_WORDS)
          expect(s.name.includes(word), `${s.name} contains ${word}`).toBe(false);
      }
    }
  });

  test('every fault type finds a target on most generated systems', () => {
    for (const fault of FAULT_NAMES) {
      const hosting = generated.filter((t) => faultCatalogue[fault].targets(t).length > 0).length;
      expect(hosting / generated.length, fault).toBeGreaterThan(0.85);
    }
  });

  test.each([1, 7, 12, 29, 44])('gen-%i is healthy without a fault through its evening peak', (seed) => {
    const t = generated[seed - 1] as LabTopology;
    const index = buildIndex(t, callerFirstOrder(t));
    // A weekday from 16:00 to 22:00 UTC covers the daily peak (traffic.ts).
    const r = simulate({
      topology: t,
      index,
      start: Date.UTC(2026, 2, 3, 16),
      stepMs: 60_000,
      steps: 360,
      rng: new Random(seed),
      noise: 1,
      blips: [],
      applyFault: () => {},
    });
    const F = r.fields;
    let cpu = 0;
    let pool = 0;
    let queue = 0;
    for (let c = 0; c < r.steps * r.services; c++) {
      cpu = Math.max(cpu, F.cpu[c] ?? 0);
      if ((F.poolMax[c] ?? 0) > 0) pool = Math.max(pool, (F.poolInUse[c] ?? 0) / (F.poolMax[c] ?? 1));
      queue = Math.max(queue, F.queueDepth[c] ?? 0);
    }
    const entry = index.entry;
    const entryErrors = Array.from({ length: r.steps }, (_, k) => F.errorRatio[k * r.services + entry] ?? 0);
    const entryP99 = Array.from({ length: r.steps }, (_, k) => F.p99[k * r.services + entry] ?? 0);
    expect(cpu).toBeLessThan(0.6);
    expect(pool).toBeLessThan(0.6);
    expect(queue).toBeLessThan(50);
    expect(Math.max(...entryErrors)).toBeLessThan(0.02);
    expect(Math.max(...entryP99)).toBeLessThan(1500);
    expect(r.restarts).toEqual([]);
  });
});

describe('resolveTopology', () => {
  test('names the hand-made systems and generated ones', () => {
    expect(resolveTopology('shop')).toBe(labTopologies.shop);
    expect(resolveTopology('mini')).toBe(labTopologies.mini);
    expect(resolveTopology('gen-12')).toEqual(generateTopology(12));
  });

  test.each(['gen-', 'gen-x', 'gen--1', 'boutique', 'toString'])('refuses %s with a hint', (name) => {
    expect(() => resolveTopology(name)).toThrow(NightshiftError);
    expect(() => resolveTopology(name)).toThrow(/unknown topology/);
  });
});

function callers(t: LabTopology, name: string): number {
  return t.services.filter((s) => s.dependsOn.some((d) => d.service === name)).length;
}

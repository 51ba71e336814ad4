/**
 * Signatures of the fault variants on data paths, resources and load: a cache that evicts or starts
 * cold, a pool that runs dry on the client or the server side, a full database disk, a leak already
 * under way, a surge that saturates something downstream first. Each runs on shop and on a
 * generated topology, whose names say nothing about roles.
 */
import { expect, test } from 'vitest';
import {
  logLines,
  medianAfter,
  medianBefore,
  medianBetween,
  type Observation,
  type SignatureCase,
  series,
  signatureRows,
  stepAt,
} from '../../testing/lab/support.js';
import { HOUR_MS, MINUTE_MS } from '../core/index.js';

/** Shop and one generated system, unless a case says otherwise. */
const RUNS: SignatureCase['runs'] = [
  ['shop', 1],
  ['gen-3', 1],
];

/** A variant's signature check; `runs` defaults to RUNS. */
type VariantCase = Omit<SignatureCase, 'runs'> & { variant: string; runs?: SignatureCase['runs'] };

const variantRows = (cases: readonly VariantCase[]) =>
  signatureRows(cases.map((c) => ({ ...c, runs: c.runs ?? RUNS })));

function roleOf(o: Observation, name: string) {
  return o.s.topology.services.find((s) => s.name === name)?.role;
}

/**
 * Request-rate growth of the entry and of the stores (databases and their proxies) that the
 * cache's callers call directly: where a miss goes.
 */
function storeGrowth(o: Observation, from: number, to: number) {
  const growth = (name: string) => {
    const rps = series(o.s, 'rps', name);
    const before = rps.slice(Math.max(0, stepAt(o.s, from - 30 * MINUTE_MS)), stepAt(o.s, from));
    const after = rps.slice(stepAt(o.s, from + MINUTE_MS * 2), stepAt(o.s, to));
    return avg(after) / Math.max(1e-9, avg(before));
  };
  const isStore = (name: string) => {
    const role = roleOf(o, name);
    return role === 'database' || role === 'db-proxy';
  };
  const stores = o.s.topology.services
    .filter((s) => s.dependsOn.some((d) => d.service === o.root))
    .flatMap((s) => s.dependsOn.map((d) => d.service).filter(isStore));
  expect(stores.length, `no store behind the callers of ${o.root}`).toBeGreaterThan(0);
  return { entry: growth(o.s.topology.entry), stores: Math.max(...stores.map(growth)) };
}

function avg(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

const cases: VariantCase[] = [
  {
    fault: 'cache-failure',
    variant: 'evict',
    signature:
      'the cache stays up at maxmemory, evicts (hit ratio < 0.5), the store behind it takes the misses',
    check(o) {
      expect(roleOf(o, o.root)).toBe('cache');
      const i = o.s.index.byName.get(o.root) ?? -1;
      const r = o.s.result;
      for (let k = 0; k < r.steps; k++) expect(r.down[k * r.services + i], `down at step ${k}`).toBe(0);
      expect(medianBefore(o.s, 'cacheHitRatio', o.root)).toBeGreaterThan(0.9);
      expect(medianAfter(o.s, 'cacheHitRatio', o.root)).toBeLessThan(0.5);
      expect(medianBefore(o.s, 'memoryUtilization', o.root)).toBeLessThan(0.8);
      expect(medianAfter(o.s, 'memoryUtilization', o.root)).toBeGreaterThan(0.85);
      expect(Math.max(...series(o.s, 'memoryUtilization', o.root))).toBeLessThan(1);
      expect(medianAfter(o.s, 'errorRatio', o.root)).toBeLessThan(0.02);
      const g = storeGrowth(o, o.incidentAt, o.s.incident.window.end);
      expect(g.stores).toBeGreaterThan(1.15 * g.entry);
      const evicted = logLines(o.telemetry().logs, /evicted \d+ keys in .*maxmemory/, o.incidentAt);
      expect(evicted.services).toEqual([o.root]);
      expect(evicted.before).toBe(0);
      expect(evicted.after).toBeGreaterThan(100);
      expect(o.s.result.restarts).toEqual([]);
    },
  },
  {
    fault: 'cache-failure',
    variant: 'cold-start',
    signature: 'a restart of the cache, then its hit ratio starts near 0 and climbs back; the store spikes',
    check(o) {
      expect(roleOf(o, o.root)).toBe('cache');
      const killed = o.s.events.filter((e) => e.service === o.root && e.reason === 'Killing');
      expect(killed).toHaveLength(1);
      expect(Math.abs((killed[0]?.ts ?? 0) - o.incidentAt)).toBeLessThan(MINUTE_MS);
      const restarts = series(o.s, 'restarts', o.root);
      expect((restarts.at(-1) ?? 0) - (restarts[0] ?? 0)).toBe(1);
      const i = o.s.index.byName.get(o.root) ?? -1;
      const r = o.s.result;
      const onset = stepAt(o.s, o.incidentAt);
      const downSteps = Array.from({ length: r.steps }, (_, k) => k).filter(
        (k) => r.down[k * r.services + i],
      );
      expect(downSteps.length).toBeGreaterThan(0);
      expect(downSteps.length).toBeLessThanOrEqual(2);
      expect(Math.min(...downSteps)).toBeGreaterThanOrEqual(onset);
      const hit = series(o.s, 'cacheHitRatio', o.root);
      const firstUp = Math.max(...downSteps) + 1;
      expect(hit[firstUp]).toBeLessThan(0.15);
      expect(hit.at(-1) ?? 0).toBeGreaterThan((hit[firstUp] ?? 0) + 0.3);
      expect(medianBefore(o.s, 'cacheHitRatio', o.root)).toBeGreaterThan(0.9);
      const g = storeGrowth(o, o.incidentAt, o.incidentAt + 10 * MINUTE_MS);
      expect(g.stores).toBeGreaterThan(1.15 * g.entry);
      const ready = logLines(o.telemetry().logs, /Starting with an empty dataset/, o.incidentAt);
      expect(ready.services).toEqual([o.root]);
      expect(ready.before).toBe(0);
      expect(ready.after).toBe(1);
    },
  },
  {
    fault: 'pool-exhaustion',
    variant: 'client',
    signature: "the root's own pool pins at its max with waits in its logs; the database stays healthy",
    check(o) {
      const poolMax = o.s.topology.services.find((s) => s.name === o.root)?.poolMax ?? 0;
      expect(poolMax).toBeGreaterThan(0);
      expect(medianBefore(o.s, 'poolInUse', o.root)).toBeLessThan(0.7 * poolMax);
      expect(medianAfter(o.s, 'poolInUse', o.root)).toBe(poolMax);
      for (const other of o.s.topology.services) {
        if (other.name !== o.root && other.poolMax)
          expect(medianAfter(o.s, 'poolInUse', other.name), other.name).toBeLessThan(other.poolMax);
        if (other.role !== 'database') continue;
        expect(medianAfter(o.s, 'selfMedianMs', other.name), other.name).toBeLessThan(
          1.5 * medianBefore(o.s, 'selfMedianMs', other.name),
        );
        expect(medianAfter(o.s, 'cpu', other.name), other.name).toBeLessThan(0.8);
        expect(medianAfter(o.s, 'selfErrorRatio', other.name), other.name).toBeLessThan(0.02);
      }
      const { logs } = o.telemetry();
      const waits = logLines(logs, /waiting for a database connection|QueuePool limit of size/, o.startedAt);
      expect(waits.services).toEqual([o.root]);
      expect(waits.before).toBe(0);
      expect(waits.after).toBeGreaterThan(100);
      expect(logLines(logs, /connection leak detection|too many clients/, 0).lines).toEqual([]);
    },
  },
  {
    fault: 'pool-exhaustion',
    variant: 'server',
    signature: 'the database at max_connections logs too many clients; its callers fail at once',
    check(o) {
      expect(roleOf(o, o.root)).toBe('database');
      expect(medianAfter(o.s, 'selfErrorRatio', o.root)).toBeGreaterThan(0.2);
      expect(medianAfter(o.s, 'selfMedianMs', o.root)).toBeLessThan(
        1.5 * medianBefore(o.s, 'selfMedianMs', o.root),
      );
      const { logs } = o.telemetry();
      const fatal = logLines(
        logs.filter((l) => l.level === 'fatal'),
        /^(sorry, too many clients already|remaining connection slots are reserved)/,
        o.startedAt,
      );
      expect(fatal.services).toEqual([o.root]);
      expect(fatal.before).toBe(0);
      expect(fatal.after).toBeGreaterThan(20);
      const refused = logLines(
        logs,
        /too many clients|connection slots are reserved|cannot connect to server/,
        o.startedAt,
      );
      expect(refused.before).toBe(0);
      expect(refused.services.filter((s) => s !== o.root).length).toBeGreaterThanOrEqual(2);
      const failing = o.s.topology.services.filter(
        (s) =>
          s.name !== o.root &&
          medianAfter(o.s, 'errorRatio', s.name) >
            Math.max(0.05, 5 * medianBefore(o.s, 'errorRatio', s.name)),
      );
      expect(failing.length).toBeGreaterThanOrEqual(2);
    },
  },
  {
    fault: 'disk-full',
    variant: 'database',
    signature:
      "the database's volume at ~100 %; writes fail with No space left on device in it and its callers; reads do not",
    check(o) {
      expect(roleOf(o, o.root)).toBe('database');
      const disk = series(o.s, 'disk', o.root);
      expect(Math.max(...disk)).toBeGreaterThanOrEqual(0.995);
      for (const other of o.s.topology.services) {
        if (other.name !== o.root && (other.role === 'database' || other.role === 'queue'))
          expect(Math.max(...series(o.s, 'disk', other.name)), other.name).toBeLessThan(0.9);
      }
      // Writes fail (a third of statements), reads are served as fast as before.
      const failed = medianBetween(o.s, 'selfErrorRatio', o.root, o.incidentAt, o.s.incident.window.end);
      expect(failed).toBeGreaterThan(0.2);
      expect(failed).toBeLessThan(0.6);
      const self = series(o.s, 'selfMedianMs', o.root);
      const at = (keep: (d: number) => boolean) => avg(self.filter((_, k) => keep(disk[k] ?? 0)));
      expect(at((d) => d >= 0.985)).toBeLessThan(1.5 * at((d) => d < 0.985));
      const full = logLines(o.telemetry().logs, /No space left on device/, o.startedAt);
      expect(full.services).toContain(o.root);
      expect(full.services.length).toBeGreaterThanOrEqual(2);
      for (const line of full.lines) expect(disk[stepAt(o.s, line.ts)]).toBeGreaterThanOrEqual(0.985);
      expect(full.lines.some((l) => /could not extend file/.test(l.message))).toBe(true);
    },
  },
  {
    fault: 'memory-leak',
    variant: 'under-way',
    signature:
      'a 1 h window opens with the root at its memory limit; several OOM kills, all of it, no clean before',
    hours: 1,
    check(o) {
      expect(o.s.plan.startedAt).toBeLessThan(o.s.result.start - HOUR_MS);
      expectUnderWay(o);
    },
  },
  {
    fault: 'memory-leak',
    variant: 'under-way',
    signature: 'a 6 h window: the root is at its limit and OOMKilled throughout, from the first hour',
    hours: 6,
    check(o) {
      expectUnderWay(o);
      const firstHour = o.s.result.restarts.filter((r) => r.ts < o.s.result.start + HOUR_MS);
      expect(firstHour.length).toBeGreaterThanOrEqual(2);
    },
  },
  {
    fault: 'traffic-surge',
    variant: 'edge-entry',
    signature: 'entry traffic rises; a downstream service pins its CPU or pool first; the entry keeps up',
    check(o) {
      expect(o.root).toBe(o.s.topology.entry);
      expect(o.s.truth.rootCause.category).toBe('traffic_surge');
      expect(o.s.truth.alsoAcceptable).toEqual([]);
      expect(medianAfter(o.s, 'rps', o.root)).toBeGreaterThan(1.5 * medianBefore(o.s, 'rps', o.root));
      expect(Math.max(...series(o.s, 'cpu', o.root).slice(stepAt(o.s, o.incidentAt)))).toBeLessThan(0.95);
      const pinnedAt = o.s.topology.services.map((s) => {
        const cpu = series(o.s, 'cpu', s.name);
        const pool = series(o.s, 'poolInUse', s.name);
        const from = stepAt(o.s, o.incidentAt);
        const k = cpu.findIndex(
          (v, j) => j >= from && (v >= 0.97 || (!!s.poolMax && (pool[j] ?? 0) >= s.poolMax)),
        );
        return { name: s.name, k: k < 0 ? Number.POSITIVE_INFINITY : k };
      });
      const first = pinnedAt.reduce((a, b) => (b.k < a.k ? b : a));
      expect(first.k).toBeLessThan(Number.POSITIVE_INFINITY);
      expect(first.name).not.toBe(o.root);
      expect(o.s.changes.filter((c) => c.kind === 'scale' && c.ts >= o.incidentAt)).toEqual([]);
      const shed = logLines(
        o.telemetry().logs,
        /request queue full|waiting for a database connection/,
        o.incidentAt,
      );
      expect(shed.services).toContain(first.name);
      expect(shed.services).not.toContain(o.root);
      expect(shed.before).toBe(0);
      const limited = logLines(o.telemetry().logs, /rate limit exceeded for client/, o.incidentAt);
      expect(limited.services).toEqual([o.root]);
      expect(limited.before).toBe(0);
    },
  },
];

function expectUnderWay(o: Observation): void {
  const i = o.s.index.byName.get(o.root);
  const kills = o.s.result.restarts.filter((r) => r.reason === 'OOMKilled');
  expect(kills.length).toBeGreaterThanOrEqual(3);
  expect(new Set(kills.map((r) => r.service))).toEqual(new Set([i]));
  const events = o.s.events.filter((e) => e.reason === 'OOMKilled');
  expect(events).toHaveLength(kills.length);
  // At its limit from the first minutes and again in every 20-minute slice: no clean "before".
  const memory = series(o.s, 'memoryUtilization', o.root);
  const slice = Math.round((20 * MINUTE_MS) / o.s.result.stepMs);
  for (let k = 0; k < memory.length; k += slice)
    expect(Math.max(...memory.slice(k, k + slice)), `slice from step ${k}`).toBeGreaterThan(0.95);
  expect(Math.max(...memory.slice(0, Math.round((10 * MINUTE_MS) / o.s.result.stepMs)))).toBeGreaterThan(0.9);
  for (const s of o.s.topology.services) {
    const restarts = series(o.s, 'restarts', s.name);
    const added = (restarts.at(-1) ?? 0) - (restarts[0] ?? 0);
    if (s.name === o.root) expect(added, s.name).toBeGreaterThanOrEqual(3);
    else expect(added, s.name).toBe(0);
  }
  const gc = logLines(o.telemetry().logs, /GC overhead high/, 0);
  expect(gc.services).toEqual([o.root]);
  expect(gc.lines.filter((l) => l.ts < o.s.result.start + 15 * MINUTE_MS).length).toBeGreaterThan(0);
}

test.each(variantRows(cases))('$name', ({ run }) => run());

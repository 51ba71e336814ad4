/**
 * Signatures of the faults on data paths: a connection pool that runs dry, database locks, a cache
 * that stops serving, a worker that stops draining its queue.
 */
import { expect, test } from 'vitest';
import {
  logLines,
  medianAfter,
  medianBefore,
  SIGNATURE_RUNS,
  type SignatureCase,
  series,
  signatureRows,
  stepAt,
} from '../../testing/lab/support.js';

/** Lines per minute before and after `at`, over the window. */
function ratesPerMinute(counts: { before: number; after: number }, start: number, at: number, end: number) {
  return { before: counts.before / ((at - start) / 60_000), after: counts.after / ((end - at) / 60_000) };
}

const cases: SignatureCase[] = [
  {
    fault: 'pool-exhaustion',
    signature: "the root's pool runs full, no other pool does; pool errors only from the root",
    runs: SIGNATURE_RUNS,
    check(o) {
      const poolMax = o.s.topology.services.find((s) => s.name === o.root)?.poolMax ?? 0;
      expect(medianBefore(o.s, 'poolInUse', o.root)).toBeLessThan(0.6 * poolMax);
      expect(medianAfter(o.s, 'poolInUse', o.root)).toBe(poolMax);
      for (const other of o.s.topology.services) {
        if (other.name === o.root || !other.poolMax) continue;
        expect(medianAfter(o.s, 'poolInUse', other.name), other.name).toBeLessThan(other.poolMax);
      }
      const pool = logLines(
        o.telemetry().logs,
        /HikariPool-1 - Connection is not available|connection leak detection triggered/,
        o.startedAt,
      );
      expect(pool.services).toEqual([o.root]);
      expect(pool.before).toBe(0);
      expect(pool.after).toBeGreaterThan(100);
    },
  },
  {
    fault: 'lock-contention',
    signature: 'the database slows ≥ 10×; lock waits from it alone, far above their usual rate',
    runs: SIGNATURE_RUNS,
    check(o) {
      expect(o.s.topology.services.find((s) => s.name === o.root)?.role).toBe('database');
      expect(medianAfter(o.s, 'selfMedianMs', o.root)).toBeGreaterThanOrEqual(
        10 * medianBefore(o.s, 'selfMedianMs', o.root),
      );
      const waits = logLines(o.telemetry().logs, /still waiting for ShareLock/, o.startedAt);
      expect(waits.services).toEqual([o.root]);
      const rate = ratesPerMinute(waits, o.s.result.start, o.startedAt, o.s.incident.window.end);
      expect(rate.after).toBeGreaterThan(10 * Math.max(rate.before, 0.1));
    },
  },
  {
    fault: 'cache-failure',
    signature: 'the cache misses (hit ratio < 0.5) or is down; database traffic rises, the entry does not',
    // The mini topology's cache has only soft callers, so the fault cannot hit it (scenario.test.ts).
    // Seed 1 makes the cache evict; seed 3 takes it down.
    runs: [
      ['shop', 1],
      ['shop', 3],
    ],
    check(o) {
      expect(o.s.topology.services.find((s) => s.name === o.root)?.role).toBe('cache');
      const i = o.s.index.byName.get(o.root) ?? -1;
      const full = stepAt(o.s, o.incidentAt + 2 * 60_000);
      const down = Array.from(
        { length: o.s.result.steps - full },
        (_, k) => o.s.result.down[(full + k) * o.s.result.services + i],
      );
      const isDown = down.every((d) => d === 1);
      if (!isDown) {
        expect(down.every((d) => d === 0)).toBe(true);
        expect(medianAfter(o.s, 'cacheHitRatio', o.root)).toBeLessThan(0.5);
      }
      expect(medianBefore(o.s, 'cacheHitRatio', o.root)).toBeGreaterThan(0.9);
      const growth = (name: string) => medianAfter(o.s, 'rps', name) / medianBefore(o.s, 'rps', name);
      const entry = growth(o.s.topology.entry);
      for (const db of ['db-proxy', 'postgres']) expect(growth(db), db).toBeGreaterThan(1.5 * entry);
      const cacheLines = logLines(
        o.telemetry().logs,
        /evicted \d+ keys in|corrupted dump\.rdb/,
        o.incidentAt,
      );
      expect(cacheLines.services).toEqual([o.root]);
      expect(cacheLines.before).toBe(0);
    },
  },
  {
    fault: 'queue-backlog',
    signature: 'the queue the root worker drains grows by thousands; handler timeouts only from it',
    runs: SIGNATURE_RUNS,
    check(o) {
      const worker = o.s.topology.services.find((s) => s.name === o.root);
      expect(worker?.role).toBe('worker');
      const queue = worker?.dependsOn
        .map((d) => o.s.topology.services.find((s) => s.name === d.service))
        .find((s) => s?.role === 'queue');
      if (!queue) throw new Error(`${o.root} consumes no queue`);
      const before = series(o.s, 'queueDepth', queue.name).slice(0, stepAt(o.s, o.startedAt));
      expect(Math.max(...before)).toBeLessThan(50);
      expect(medianAfter(o.s, 'queueDepth', queue.name)).toBeGreaterThan(5000);
      expect(medianAfter(o.s, 'rps', o.root)).toBeLessThan(0.1 * medianBefore(o.s, 'rps', o.root));
      const timeouts = logLines(o.telemetry().logs, /handler timed out after 30000 ms/, o.startedAt);
      expect(timeouts.services).toEqual([o.root]);
      expect(timeouts.before).toBe(0);
      expect(timeouts.after).toBeGreaterThan(100);
    },
  },
];

test.each(signatureRows(cases))('$name', ({ run }) => run());

/** Faults around data paths: connection pools, database locks, the cache, the queue. */
import { MINUTE_MS } from '../../core/index.js';
import { planCacheColdStart, planCacheEvict } from './cache-variants.js';
import { poolDemand } from './change-faults.js';
import { emitMany, type FaultType, indexOf, ramp } from './fault.js';
import { planPoolClient, planPoolServer } from './pool-variants.js';
import { byRole, callersOf, union, withPool } from './targets.js';

export const poolExhaustion: FaultType = {
  category: 'connection_pool_exhaustion',
  description: 'a code path stops returning database connections; the pool runs dry',
  signature:
    "leak/client: the root's pool runs full, no other pool does, pool errors only from the root (client: waits, the database idles); server: the database at max_connections logs too many clients, its callers fail",
  variants: ['leak', 'client', 'server'],
  // A database is a target only of `server`: appended after the pools, so the others' lists are unchanged.
  targets: (t) => union(withPool(t), byRole(t, 'database')),
  viable(ctx, target) {
    const s = ctx.topology.services[indexOf(ctx, target)];
    if (ctx.variant === 'server') return s?.role === 'database' && callersOf(ctx.topology, target).length > 0;
    // A worker's pool swings with its batches, so the steady pin of `client` needs a request server.
    if (ctx.variant === 'client' && s?.role === 'worker') return false;
    return (s?.poolMax ?? 0) > 0 && poolDemand(ctx, indexOf(ctx, target)) >= 3;
  },
  plan(ctx, target) {
    if (ctx.variant === 'client') return planPoolClient(ctx, target);
    if (ctx.variant === 'server') return planPoolServer(ctx, target);
    const i = indexOf(ctx, target);
    const max = ctx.topology.services[i]?.poolMax ?? 10;
    const demand = poolDemand(ctx, i);
    const factor = (max / Math.max(0.5, demand)) * ctx.rng.float(1.4, 2.5);
    const rampMs = ctx.rng.float(10, 25) * MINUTE_MS + ctx.rampMs;
    const startedAt = ctx.incidentAt - rampMs * 0.6;
    return {
      target,
      startedAt,
      summary: `${target} leaks database connections on an error path until its pool of ${max} is exhausted`,
      apply(t, c) {
        c.holdFactor[i] = (c.holdFactor[i] ?? 1) * (1 + (factor - 1) * ramp(t, startedAt, rampMs));
      },
      logs(s) {
        const cell = s.step * s.result.services + i;
        const inUse = s.result.fields.poolInUse[cell] ?? 0;
        if (s.t < startedAt) return;
        emitMany(
          s,
          i,
          0.5,
          3,
          'warn',
          () =>
            `connection leak detection triggered: connection held for ${s.rng.int(30, 300)}s, stack: at OrderRepository.findOpen (OrderRepository.java:${s.rng.int(80, 140)})`,
        );
        const share = s.result.fields.selfErrorRatio[cell] ?? 0;
        emitMany(
          s,
          i,
          s.requests(i) * share * 0.3,
          400,
          'error',
          () =>
            `HikariPool-1 - Connection is not available, request timed out after 5000ms (total=${max}, active=${Math.round(inUse)}, idle=0, waiting=${s.rng.int(5, 90)})`,
        );
      },
      fallbackAlert: {
        name: 'HighLatencyP99',
        service: target,
        summary: `p99 latency of ${target} above 1s`,
      },
    };
  },
};

const TABLES = ['orders', 'inventory_reservations', 'payments', 'user_sessions'];

export const lockContention: FaultType = {
  category: 'database',
  description: 'locks held by a migration or a long batch query stall the database for everyone',
  signature: 'the database slows ≥ 10×; lock waits from it alone, far above their usual rate',
  targets: (t) => byRole(t, 'database'),
  plan(ctx, target) {
    const i = indexOf(ctx, target);
    const table = ctx.rng.pick(TABLES);
    const byMigration = ctx.rng.chance(0.5);
    const slowdown = ctx.rng.float(15, 60);
    const startedAt = ctx.incidentAt - ctx.rng.float(0, 2) * MINUTE_MS;
    return {
      target,
      startedAt,
      summary: byMigration
        ? `Migration adding an index on ${table} without CONCURRENTLY locked the table; queries queued behind it`
        : `A long-running reporting query held locks on ${table}; writers and readers queued behind it`,
      causingChange: byMigration
        ? {
            ts: startedAt,
            service: target,
            kind: 'migration',
            summary: `add index on ${table}(created_at)`,
            author: 'migrations-bot',
            diff: `+CREATE INDEX idx_${table}_created_at ON ${table} (created_at);`,
          }
        : undefined,
      apply(t, c) {
        const r = ramp(t, startedAt, 2 * MINUTE_MS + ctx.rampMs);
        c.selfLatencyFactor[i] = (c.selfLatencyFactor[i] ?? 1) * (1 + (slowdown - 1) * r);
        c.selfErrorAdd[i] = (c.selfErrorAdd[i] ?? 0) + 0.04 * r;
      },
      logs(s) {
        const r = ramp(s.t, startedAt, 2 * MINUTE_MS + ctx.rampMs);
        if (r <= 0) return;
        const pid = () => s.rng.int(2000, 65000);
        emitMany(
          s,
          i,
          30 * r,
          60,
          'info',
          () =>
            `process ${pid()} still waiting for ShareLock on transaction ${s.rng.int(900000, 999999)} after ${(1000 + s.rng.float(0, 4000)).toFixed(3)} ms`,
        );
        emitMany(
          s,
          i,
          20 * r,
          60,
          'info',
          () =>
            `duration: ${(slowdown * 40 * s.rng.float(0.5, 2)).toFixed(3)} ms  statement: UPDATE ${table} SET status = $1 WHERE id = $2`,
        );
        emitMany(s, i, 4 * r, 10, 'error', () => 'canceling statement due to lock timeout');
      },
      fallbackAlert: {
        name: 'HighLatencyP99',
        service: target,
        summary: `query latency of ${target} above 1s`,
      },
    };
  },
};

export const cacheFailure: FaultType = {
  category: 'cache_failure',
  description: 'the cache goes down or starts evicting; misses fall through and overload the database',
  signature:
    'the cache misses (hit ratio < 0.5) or is down (evict: up, memory at maxmemory; cold-start: a restart, then hit ratio near 0 recovering); database traffic rises, the entry does not',
  // `down` is the original fault, which takes the cache down or (60 %) makes it evict.
  variants: ['down', 'evict', 'cold-start'],
  // Soft callers count here: their fallback to the database is how a cache failure hurts.
  targets: (t) =>
    byRole(t, 'cache').filter((c) => t.services.some((s) => s.dependsOn.some((d) => d.service === c))),
  plan(ctx, target) {
    if (ctx.variant === 'evict') return planCacheEvict(ctx, target);
    if (ctx.variant === 'cold-start') return planCacheColdStart(ctx, target);
    const i = indexOf(ctx, target);
    const down = ctx.rng.chance(0.4);
    const hit = ctx.rng.float(0.05, 0.35);
    return {
      target,
      startedAt: ctx.incidentAt,
      summary: down
        ? `${target} crashed and restarts in a loop; every read misses and goes to the database`
        : `${target} hit maxmemory with noeviction disabled mid-change; hit ratio fell to ${Math.round(hit * 100)}% and misses overload the database`,
      apply(t, c) {
        const r = ramp(t, ctx.incidentAt, MINUTE_MS + ctx.rampMs);
        if (r <= 0) return;
        if (down && r >= 1) c.down[i] = 1;
        else c.cacheHitRatio[i] = (c.cacheHitRatio[i] ?? 0.94) * (1 - r) + hit * r;
      },
      logs(s) {
        if (s.t < ctx.incidentAt) return;
        if (down) {
          emitMany(
            s,
            i,
            0.3,
            2,
            'fatal',
            () => `Can't handle RDB format version 12 - corrupted dump.rdb after failed BGSAVE`,
          );
        } else {
          emitMany(
            s,
            i,
            25,
            60,
            'warn',
            () =>
              `evicted ${s.rng.int(2000, 40000)} keys in ${s.rng.int(5, 90)} ms (used_memory ${s.rng.float(3.9, 4.0).toFixed(2)}G > maxmemory 3.90G)`,
          );
        }
      },
      fallbackAlert: {
        name: 'CacheHitRatioLow',
        service: target,
        summary: `cache hit ratio of ${target} below 50%`,
      },
    };
  },
};

export const queueBacklog: FaultType = {
  category: 'queue_backlog',
  description: 'a worker stops keeping up with its queue; the backlog grows and orders are delayed',
  signature: 'the queue the root worker drains grows by thousands; handler timeouts only from it',
  targets: (t) => byRole(t, 'worker'),
  plan(ctx, target) {
    const i = indexOf(ctx, target);
    const throughput = ctx.rng.float(0.002, 0.02);
    const startedAt = ctx.incidentAt - ctx.rng.float(5, 20) * MINUTE_MS;
    return {
      target,
      startedAt,
      summary: `${target} handlers stall on a poisoned message retried forever; consumption nearly stops`,
      apply(t, c) {
        const r = ramp(t, startedAt, 2 * MINUTE_MS + ctx.rampMs);
        c.consumeFactor[i] = (c.consumeFactor[i] ?? 1) * (1 - (1 - throughput) * r);
        c.selfLatencyFactor[i] = (c.selfLatencyFactor[i] ?? 1) * (1 + 40 * r);
      },
      logs(s) {
        if (s.t < startedAt) return;
        emitMany(
          s,
          i,
          8,
          20,
          'error',
          () =>
            `handler timed out after 30000 ms; message ${s.rng.hex(12)} requeued (delivery ${s.rng.int(5, 60)})`,
        );
        emitMany(
          s,
          i,
          2,
          5,
          'warn',
          () => `prefetch window full: 8/8 unacknowledged, consumer idle for ${s.rng.int(20, 300)} s`,
        );
      },
      fallbackAlert: { name: 'QueueDepthHigh', service: target, summary: `backlog behind ${target} growing` },
    };
  },
};

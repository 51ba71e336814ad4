/**
 * The cache-failure variants besides `down`: a cache that stays up but evicts what callers need
 * (memory pressure), and one that restarted empty and warms up slowly. In both, reads miss and fall
 * through to the store behind the cache, which is where the load and the latency show.
 */
import type { InfraEvent } from '../../core/index.js';
import { MINUTE_MS, SECOND_MS } from '../../core/index.js';
import { BASE_CACHE_HIT_RATIO } from '../sim/conditions.js';
import { emitMany, type FaultContext, type FaultPlan, indexOf, podName, ramp } from './fault.js';

const BULK_WRITERS = [
  'a backfill job writing session snapshots without a TTL',
  'a new report caching whole result pages (300 KB values)',
  'a key-naming change that stopped reusing keys, so every write adds one',
];

/** `evict`: memory at maxmemory, hot keys evicted, hit ratio collapses; the cache answers every call. */
export function planCacheEvict(ctx: FaultContext, target: string): FaultPlan {
  const i = indexOf(ctx, target);
  const s = ctx.topology.services[i];
  const hit = ctx.rng.float(0.08, 0.35);
  const writer = ctx.rng.pick(BULK_WRITERS);
  const rampMs = ctx.rng.float(2, 6) * MINUTE_MS + ctx.rampMs;
  // The working set grows to just under the container's limit: maxmemory, not an OOM kill.
  const full = ((s?.memoryLimitBytes ?? 0) * 0.95) / Math.max(1, (s?.memoryBaseBytes ?? 1) * 1.07);
  const maxmemory = `${(((s?.memoryLimitBytes ?? 0) * 0.95) / 1024 ** 3).toFixed(2)}G`;
  return {
    target,
    startedAt: ctx.incidentAt,
    summary: `${target} reached maxmemory (${writer}) and evicts hot keys: hit ratio fell to ${Math.round(hit * 100)}%, misses go to the store behind it`,
    apply(t, c) {
      const r = ramp(t, ctx.incidentAt, rampMs);
      if (r <= 0) return;
      c.memoryFactor[i] = (c.memoryFactor[i] ?? 1) * (1 + (full - 1) * r);
      c.cacheHitRatio[i] = (c.cacheHitRatio[i] ?? BASE_CACHE_HIT_RATIO) * (1 - r) + hit * r;
    },
    logs(st) {
      const r = ramp(st.t, ctx.incidentAt, rampMs);
      if (r <= 0) return;
      emitMany(
        st,
        i,
        20 * r,
        60,
        'warn',
        () =>
          `evicted ${st.rng.int(2000, 40000)} keys in ${st.rng.int(5, 90)} ms (used_memory ${maxmemory} >= maxmemory ${maxmemory}, policy allkeys-lru)`,
      );
    },
    fallbackAlert: {
      name: 'CacheHitRatioLow',
      service: target,
      summary: `cache hit ratio of ${target} below 50%`,
    },
  };
}

const RESTART_CAUSES = [
  'its node was drained for a kernel upgrade',
  'it was rescheduled after its node ran out of memory',
  'a liveness probe killed it during a slow fork for BGSAVE',
];

/** `cold-start`: the cache restarted without its data; it serves again at once but nearly every read misses. */
export function planCacheColdStart(ctx: FaultContext, target: string): FaultPlan {
  const i = indexOf(ctx, target);
  const restartAt = ctx.incidentAt;
  const upAt = restartAt + ctx.rng.float(40, 90) * SECOND_MS;
  const startHit = ctx.rng.float(0, 0.05);
  // Keys come back as callers miss and refill them: tens of minutes for the hot set.
  const tauMs = ctx.rng.float(15, 35) * MINUTE_MS;
  const cause = ctx.rng.pick(RESTART_CAUSES);
  const pod = podName(target, 0);
  const hitAt = (t: number) =>
    BASE_CACHE_HIT_RATIO - (BASE_CACHE_HIT_RATIO - startHit) * Math.exp(-(t - upAt) / tauMs);
  let restarted = false;
  const events: InfraEvent[] = [
    {
      ts: restartAt - 2 * SECOND_MS,
      service: target,
      object: `pod/${pod}`,
      type: 'Normal',
      reason: 'Killing',
      message: `Stopping container ${target}`,
    },
    {
      ts: upAt - 5 * SECOND_MS,
      service: target,
      object: `pod/${pod}`,
      type: 'Normal',
      reason: 'Started',
      message: `Started container ${target}`,
    },
  ];
  return {
    target,
    startedAt: restartAt,
    summary: `${target} restarted empty (${cause}); with no persisted data its hit ratio started near 0 and recovers over about ${Math.round((3 * tauMs) / MINUTE_MS)} minutes while misses load the store behind it`,
    apply(t, c, p) {
      if (t < restartAt) return;
      if (!restarted) {
        restarted = true;
        p.restartCount[i] = (p.restartCount[i] ?? 0) + 1;
      }
      if (t < upAt) {
        c.down[i] = 1;
        return;
      }
      const hit = hitAt(t);
      c.cacheHitRatio[i] = hit;
      c.memoryFactor[i] = (c.memoryFactor[i] ?? 1) * (0.15 + 0.85 * (hit / BASE_CACHE_HIT_RATIO));
    },
    logs(st) {
      if (st.t + st.stepMs <= upAt || st.t > upAt) return;
      st.emit(i, 'info', 'Server initialized');
      st.emit(
        i,
        'warn',
        'Fatal error loading the DB: No such file or directory. Starting with an empty dataset.',
      );
      st.emit(i, 'info', 'Ready to accept connections tcp');
    },
    events,
    fallbackAlert: {
      name: 'CacheHitRatioLow',
      service: target,
      summary: `cache hit ratio of ${target} below 50%`,
    },
  };
}

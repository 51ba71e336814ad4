/**
 * Resource-fault variants: a memory leak already under way when the window opens (pods at their
 * limit, OOM kills throughout, no clean "before"), and a full disk on a database host (writes fail,
 * reads still served).
 */
import { HOUR_MS, MINUTE_MS } from '../../core/index.js';
import { emitMany, type FaultContext, type FaultPlan, indexOf } from './fault.js';
import { callersOf } from './targets.js';

/**
 * `under-way`: the leak began hours before the window, and it is fast enough that a killed pod
 * refills its heap within the hour, so even a 1 h window holds several OOM kills.
 */
export function planLeakUnderWay(ctx: FaultContext, target: string): FaultPlan {
  const i = indexOf(ctx, target);
  const s = ctx.topology.services[i];
  const startedAt = ctx.windowStart - ctx.rng.float(2, 8) * HOUR_MS;
  // Replicas take turns: one of them is killed every 6–14 minutes, whatever their number.
  const refillMs = (s?.replicas ?? 1) * ctx.rng.float(6, 14) * MINUTE_MS;
  // A killed pod restarts at 70 % of its working set (engine.ts), then grows to the limit again.
  const headroom = (s?.memoryLimitBytes ?? 0) - (s?.memoryBaseBytes ?? 0) * 0.7;
  const perMs = headroom / refillMs;
  const limitMiB = Math.round((s?.memoryLimitBytes ?? 0) / 1024 ** 2);
  return {
    target,
    startedAt,
    summary: `Memory leak in ${target} since about ${new Date(startedAt).toISOString().slice(11, 16)} UTC: heap grows about ${Math.round((perMs * HOUR_MS) / 1024 ** 2)} MiB/h, so pods hit their ${limitMiB} MiB limit and are OOMKilled, one pod every ${Math.round(refillMs / (s?.replicas ?? 1) / MINUTE_MS)} minutes or so`,
    apply(t, c) {
      if (t >= startedAt) c.memoryLeakBytesPerMs[i] = (c.memoryLeakBytesPerMs[i] ?? 0) + perMs;
    },
    logs(st) {
      const util = st.result.fields.memoryUtilization[st.step * st.result.services + i] ?? 0;
      if (util < 0.8) return;
      emitMany(
        st,
        i,
        (util - 0.8) * 40,
        20,
        'warn',
        () =>
          `GC overhead high: heap ${Math.round(util * 100)}% of limit after full collection (${st.rng.int(150, 900)} ms pause)`,
      );
    },
    fallbackAlert: { name: 'KubePodCrashLooping', service: target, summary: `pods of ${target} restarting` },
  };
}

const DB_FILLERS = [
  'WAL retained behind an inactive replication slot "analytics_cdc"',
  'a runaway audit_log table (no retention job since a schema change)',
  'temporary files of a reporting query sorting on disk',
];

/** `database`: the database host's data volume reaches 100 %; writes fail, reads do not. */
export function planDiskDatabase(ctx: FaultContext, target: string): FaultPlan {
  const i = indexOf(ctx, target);
  const fillHours = ctx.rng.float(2, 8);
  const startedAt = ctx.incidentAt - fillHours * HOUR_MS;
  const filler = ctx.rng.pick(DB_FILLERS);
  const writers = callersOf(ctx.topology, target).map((s) => indexOf(ctx, s.name));
  const relation = () => `base/16384/${ctx.rng.int(16400, 24999)}`;
  const file = relation();
  return {
    target,
    startedAt,
    summary: `Data volume of ${target} is full (${filler}): writes fail with "No space left on device", reads still work`,
    apply(t, c, p) {
      if (t < startedAt) return;
      const left = Math.max(MINUTE_MS, ctx.incidentAt - t);
      const rate = Math.max(0, 0.999 - (p.disk[i] ?? 0)) / left;
      c.diskFillPerMs[i] = (c.diskFillPerMs[i] ?? 0) + Math.max(rate, 1e-12);
    },
    logs(st) {
      const disk = st.result.fields.disk[st.step * st.result.services + i] ?? 0;
      if (disk < 0.985) return;
      emitMany(st, i, st.requests(i) * 0.02, 300, 'error', () =>
        st.rng.chance(0.7)
          ? `could not extend file "${file}": No space left on device`
          : `could not write to file "pg_wal/xlogtemp.${st.rng.int(100, 9999)}": No space left on device`,
      );
      emitMany(st, i, 0.5, 2, 'warn', () => 'HINT:  Check free disk space.');
      for (const w of writers) {
        emitMany(
          st,
          w,
          st.requests(w) * 0.01,
          100,
          'error',
          () =>
            `INSERT failed on ${ctx.topology.services[i]?.name}: ERROR: could not extend file "${file}": No space left on device`,
        );
      }
    },
    fallbackAlert: { name: 'DiskSpaceLow', service: target, summary: `disk of ${target} above 95%` },
  };
}

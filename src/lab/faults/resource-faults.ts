/** Faults of one component's resources: CPU, memory, disk. */
import { HOUR_MS, MINUTE_MS } from '../../core/index.js';
import { emitMany, type FaultType, indexOf, ramp } from './fault.js';
import { planDiskDatabase, planLeakUnderWay } from './resource-variants.js';
import { byRole, onRequestPath } from './targets.js';

const CPU_CAUSES = [
  'a catastrophic-backtracking regular expression in request validation',
  'a busy-looping retry after a library upgrade changed a timeout default',
  'JSON serialisation of an unexpectedly large response for a few hot keys',
];

export const cpuSaturation: FaultType = {
  category: 'resource_cpu',
  description: 'one service runs out of CPU; its latency climbs and callers time out',
  signature: "the root's CPU pins at the limit, no other service's passes 0.9; overload lines only from it",
  targets: (t) => onRequestPath(t, 'app', 'web'),
  plan(ctx, target) {
    const i = indexOf(ctx, target);
    // Enough to push the service just past its capacity at the hour of the incident.
    const idle = 1 - (ctx.baselineAt(ctx.incidentAt).fields.cpu[i] ?? 0.2);
    const burn = idle + ctx.rng.float(0.03, 0.25);
    const cause = ctx.rng.pick(CPU_CAUSES);
    return {
      target,
      startedAt: ctx.incidentAt,
      summary: `CPU saturation on ${target}: ${cause}`,
      apply(t, c) {
        c.cpuAdd[i] = (c.cpuAdd[i] ?? 0) + burn * ramp(t, ctx.incidentAt, 4 * MINUTE_MS + ctx.rampMs);
      },
      logs(s) {
        const r = ramp(s.t, ctx.incidentAt, 4 * MINUTE_MS + ctx.rampMs);
        if (r <= 0) return;
        const lag = () => Math.round(s.rng.logNormal(300 * r + 20, 0.4));
        emitMany(
          s,
          i,
          6 * r,
          20,
          'warn',
          () => `event loop blocked for ${lag()} ms; ${s.rng.int(20, 400)} requests queued`,
        );
        emitMany(
          s,
          i,
          4 * r,
          20,
          'warn',
          () => `worker pool saturated: ${s.rng.int(32, 64)}/64 busy, queue wait ${lag()} ms`,
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

export const memoryLeak: FaultType = {
  category: 'resource_memory',
  description: 'memory grows for hours until pods hit their limit and are OOMKilled one after another',
  signature:
    "the root's memory climbs to its limit before it is OOMKilled (under-way: at its limit from the window's start, OOM kills throughout); no other service restarts",
  variants: ['onset', 'under-way'],
  targets: (t) => onRequestPath(t, 'app', 'web'),
  plan(ctx, target) {
    if (ctx.variant === 'under-way') return planLeakUnderWay(ctx, target);
    const i = indexOf(ctx, target);
    const s = ctx.topology.services[i];
    const leakHours = ctx.rng.float(1.5, 5);
    const startedAt = ctx.incidentAt - leakHours * HOUR_MS;
    const headroom = (s?.memoryLimitBytes ?? 0) - (s?.memoryBaseBytes ?? 0) * 1.06;
    const perMs = headroom / (leakHours * HOUR_MS);
    const limitMiB = Math.round((s?.memoryLimitBytes ?? 0) / 1024 ** 2);
    return {
      target,
      startedAt,
      summary: `Memory leak in ${target}: heap grows about ${Math.round((perMs * HOUR_MS) / 1024 ** 2)} MiB/h until pods hit their ${limitMiB} MiB limit and are OOMKilled`,
      apply(t, c) {
        if (t >= startedAt) c.memoryLeakBytesPerMs[i] = (c.memoryLeakBytesPerMs[i] ?? 0) + perMs;
      },
      logs(st) {
        const util = st.result.fields.memoryUtilization[st.step * st.result.services + i] ?? 0;
        if (st.t < startedAt || util < 0.8) return;
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
      fallbackAlert: {
        name: 'KubePodCrashLooping',
        service: target,
        summary: `pods of ${target} restarting`,
      },
    };
  },
};

export const diskFull: FaultType = {
  category: 'resource_disk',
  description: 'a data volume fills up (retained WAL, unacked messages) and writes start failing',
  signature:
    "the root's volume fills to ≥ 98.5 %, other volumes stay below 90 %; disk errors only from it (database: its callers' writes fail too, reads do not)",
  variants: ['any', 'database'],
  targets: (t) => byRole(t, 'database', 'queue'),
  viable: (ctx, target) =>
    ctx.variant !== 'database' || ctx.topology.services[indexOf(ctx, target)]?.role === 'database',
  plan(ctx, target) {
    if (ctx.variant === 'database') return planDiskDatabase(ctx, target);
    const i = indexOf(ctx, target);
    const role = ctx.topology.services[i]?.role;
    const fillHours = ctx.rng.float(2, 8);
    const startedAt = ctx.incidentAt - fillHours * HOUR_MS;
    const cause =
      role === 'database'
        ? 'WAL retained behind an inactive replication slot "analytics_cdc"'
        : 'messages for a retired consumer group never acknowledged and persisted to disk';
    return {
      target,
      startedAt,
      summary: `Disk of ${target} filled up: ${cause}`,
      apply(t, c, p) {
        if (t < startedAt) return;
        const left = Math.max(MINUTE_MS, ctx.incidentAt - t);
        const rate = Math.max(0, 0.99 - (p.disk[i] ?? 0)) / left;
        c.diskFillPerMs[i] = (c.diskFillPerMs[i] ?? 0) + Math.max(rate, 1e-12);
        if ((p.disk[i] ?? 0) >= 0.985 && role === 'queue')
          c.selfLatencyAddMs[i] = (c.selfLatencyAddMs[i] ?? 0) + 4000;
      },
      logs(s) {
        const disk = s.result.fields.disk[s.step * s.result.services + i] ?? 0;
        if (s.t < startedAt) return;
        if (role === 'database') {
          emitMany(
            s,
            i,
            0.3,
            2,
            'warn',
            () =>
              `replication slot "analytics_cdc" is inactive; retained WAL is ${Math.round(disk * 480)} GB`,
          );
          if (disk >= 0.985) {
            emitMany(
              s,
              i,
              s.requests(i) * 0.02,
              300,
              'error',
              () => `could not extend file "base/16384/${s.rng.int(16400, 24999)}": No space left on device`,
            );
            emitMany(
              s,
              i,
              1,
              3,
              'fatal',
              () =>
                `could not write to file "pg_wal/xlogtemp.${s.rng.int(100, 9999)}": No space left on device`,
            );
          }
        } else if (disk >= 0.9) {
          emitMany(
            s,
            i,
            1,
            3,
            'warn',
            () =>
              `disk free limit alarm set on node rabbit@${s.rng.pick(['0', '1', '2'])}: free ${Math.round((1 - disk) * 100)}%. Publishers will be blocked`,
          );
          if (disk >= 0.985)
            emitMany(
              s,
              i,
              s.requests(i) * 0.01,
              200,
              'error',
              () => 'publish blocked: resource alarm in effect (disk)',
            );
        }
      },
      fallbackAlert: { name: 'DiskSpaceLow', service: target, summary: `disk of ${target} above 95%` },
    };
  },
};

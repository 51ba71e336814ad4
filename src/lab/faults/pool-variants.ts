/**
 * The pool-exhaustion variants besides `leak`: the caller's own pool runs dry while the database
 * is idle (`client`), and the database refuses new connections at max_connections, so several
 * callers fail at once (`server`).
 */
import { MINUTE_MS } from '../../core/index.js';
import { poolDemand } from './change-faults.js';
import { emitMany, type FaultContext, type FaultPlan, indexOf, ramp } from './fault.js';
import { callersOf } from './targets.js';

/** `client`: requests hold their connection across a slow step, so the pool is full and callers wait. */
export function planPoolClient(ctx: FaultContext, target: string): FaultPlan {
  const i = indexOf(ctx, target);
  const s = ctx.topology.services[i];
  const max = s?.poolMax ?? 10;
  const demand = poolDemand(ctx, i);
  const factor = (max / Math.max(0.5, demand)) * ctx.rng.float(1.5, 3);
  const rampMs = ctx.rng.float(3, 8) * MINUTE_MS + ctx.rampMs;
  const startedAt = ctx.incidentAt - rampMs * 0.5;
  const other = s?.dependsOn.find((d) => {
    const role = ctx.topology.services.find((x) => x.name === d.service)?.role;
    return role !== 'database' && role !== 'db-proxy' && role !== 'queue';
  })?.service;
  const slowStep = other ? `the call to ${other}` : 'a PDF rendering step';
  const waitersAt = (st: { rng: { int(a: number, b: number): number } }) => st.rng.int(max, max * 6);
  return {
    target,
    startedAt,
    summary: `${target}'s own connection pool (${max}) ran dry: a new code path holds its transaction open across ${slowStep}, so requests wait for a connection while the database idles`,
    apply(t, c) {
      c.holdFactor[i] = (c.holdFactor[i] ?? 1) * (1 + (factor - 1) * ramp(t, startedAt, rampMs));
    },
    logs(st) {
      if (st.t < startedAt) return;
      const cell = st.step * st.result.services + i;
      const inUse = st.result.fields.poolInUse[cell] ?? 0;
      if (inUse >= 0.9 * max)
        emitMany(
          st,
          i,
          3,
          8,
          'warn',
          () =>
            `waiting for a database connection: pool ${Math.round(inUse)}/${max} in use, ${waitersAt(st)} waiters, waited ${st.rng.int(800, 5000)} ms`,
        );
      const share = st.result.fields.selfErrorRatio[cell] ?? 0;
      emitMany(
        st,
        i,
        st.requests(i) * share * 0.3,
        400,
        'error',
        () =>
          `QueuePool limit of size ${max} overflow 0 reached, connection timed out, timeout 5.00 (Background on this error at: https://sqlalche.me/e/20/3o7r)`,
      );
    },
    fallbackAlert: { name: 'HighLatencyP99', service: target, summary: `p99 latency of ${target} above 1s` },
  };
}

const SESSION_HOGS = [
  'a reporting job that opens one connection per partition and leaves them idle in transaction',
  'a migration runner retrying in a loop, each attempt leaving its session open',
  'an ad-hoc analytics notebook holding hundreds of idle sessions',
];

/** `server`: the database is at max_connections; new connections fail for every client. */
export function planPoolServer(ctx: FaultContext, target: string): FaultPlan {
  const i = indexOf(ctx, target);
  const maxConnections = ctx.rng.pick([100, 200, 300, 500]);
  const refused = ctx.rng.float(0.25, 0.6);
  const hog = ctx.rng.pick(SESSION_HOGS);
  const startedAt = ctx.incidentAt - ctx.rng.float(0, 3) * MINUTE_MS;
  const rampMs = 2 * MINUTE_MS + ctx.rampMs;
  const direct = callersOf(ctx.topology, target);
  const directIdx = direct.map((s) => indexOf(ctx, s.name));
  // Services behind a proxy in front of this database see the proxy's error, not the database's.
  const behindProxy = direct
    .filter((s) => s.role === 'db-proxy')
    .flatMap((proxy) => callersOf(ctx.topology, proxy.name).map((s) => ({ s, proxy: proxy.name })));
  return {
    target,
    startedAt,
    summary: `${target} reached max_connections=${maxConnections}: ${hog} took the slots, so new connections from every client are refused`,
    apply(t, c) {
      c.selfErrorAdd[i] = (c.selfErrorAdd[i] ?? 0) + refused * ramp(t, startedAt, rampMs);
    },
    logs(st) {
      const r = ramp(st.t, startedAt, rampMs);
      if (r <= 0) return;
      const load = st.requests(i) * refused * r;
      emitMany(st, i, load * 0.05, 200, 'fatal', () =>
        st.rng.chance(0.5)
          ? 'sorry, too many clients already'
          : 'remaining connection slots are reserved for non-replication superuser connections',
      );
      direct.forEach((s, k) => {
        const ci = directIdx[k] ?? -1;
        emitMany(st, ci, st.requests(ci) * refused * r * 0.1, 150, 'error', () =>
          s.role === 'db-proxy'
            ? `S-0x${st.rng.hex(6)}: app/app@${st.rng.ip()}:5432 closing because: server login failed: FATAL: sorry, too many clients already`
            : `could not connect to ${target}: FATAL: remaining connection slots are reserved for non-replication superuser connections`,
        );
      });
      for (const { s, proxy } of behindProxy) {
        const ci = indexOf(ctx, s.name);
        emitMany(
          st,
          ci,
          st.requests(ci) * refused * r * 0.05,
          100,
          'error',
          () => `query via ${proxy} failed: ERROR: pgbouncer cannot connect to server`,
        );
      }
    },
    fallbackAlert: { name: 'HighErrorRate', service: target, summary: `errors connecting to ${target}` },
  };
}

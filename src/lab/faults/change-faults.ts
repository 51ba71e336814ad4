/** Faults a change introduces: a bad release, a bad config value, a feature flag. */
import { MINUTE_MS } from '../../core/index.js';
import { planConfigPush } from './config-variants.js';
import { emitMany, type FaultContext, type FaultType, indexOf, ramp } from './fault.js';
import { called, onRequestPath, union, withPool } from './targets.js';

const EXCEPTIONS = [
  (op: string) =>
    `unhandled error in ${op}: TypeError: Cannot read properties of undefined (reading 'currency')`,
  (op: string) =>
    `panic recovered in ${op}: runtime error: invalid memory address or nil pointer dereference`,
  (op: string) =>
    `${op} failed: java.lang.NullPointerException: Cannot invoke "Money.amount()" because "line.price" is null`,
  (op: string) => `${op} failed: KeyError: 'shipping_zone' in serialize_quote`,
];

const AUTHORS = ['alice.wong', 'b.okafor', 'chen.li', 'dmitri.v', 'eva.martins', 'farah.n'];

export const badDeploy: FaultType = {
  category: 'bad_deploy',
  description: 'a release adds an error regression on one service; its callers fail with it',
  signature: 'a deploy of the root just before onset; its own errors jump; exceptions only from it',
  targets: (t) => onRequestPath(t, 'app', 'web'),
  plan(ctx, target) {
    const i = indexOf(ctx, target);
    const errorShare = ctx.rng.float(0.08, 0.35);
    const render = ctx.rng.pick(EXCEPTIONS);
    const ops = ctx.topology.services[i]?.operations ?? ['request'];
    const rolloutMs = 3 * MINUTE_MS;
    const deployAt = ctx.incidentAt - ctx.rng.float(1, 3) * MINUTE_MS;
    return {
      target,
      startedAt: deployAt,
      summary: `Release of ${target} introduced an error on ${ops[0]} (${Math.round(errorShare * 100)}% of requests fail)`,
      causingChange: {
        ts: deployAt,
        service: target,
        kind: 'deploy',
        summary: 'release {version}',
        author: ctx.rng.pick(AUTHORS),
        diff: 'refactor: read price and shipping fields from the new quote payload',
      },
      apply(t, c) {
        const r = ramp(t, deployAt, rolloutMs + ctx.rampMs);
        c.selfErrorAdd[i] = (c.selfErrorAdd[i] ?? 0) + r * errorShare;
        c.selfLatencyFactor[i] = (c.selfLatencyFactor[i] ?? 1) * (1 + 0.25 * r);
      },
      logs(s) {
        const share = ramp(s.t, deployAt, rolloutMs + ctx.rampMs) * errorShare;
        emitMany(s, i, s.requests(i) * share * 0.4, 400, 'error', () => render(s.rng.pick(ops)));
      },
      fallbackAlert: { name: 'HighErrorRate', service: target, summary: `error ratio of ${target} above 5%` },
    };
  },
};

export const badConfig: FaultType = {
  category: 'config_change',
  description: 'a config change lowers a database connection pool below what traffic needs',
  signature:
    'a config change on the root (pool-size: DB_POOL_MAX, its pool shrinks and runs full; no-deploy: no release, no restart, its own errors jump and its callers fail)',
  variants: ['pool-size', 'no-deploy'],
  // Services a config push can break appear after the pools, so `pool-size` keeps its list.
  targets: (t) => union(withPool(t), called(t, 'app', 'web')),
  viable(ctx, target) {
    if (ctx.variant === 'no-deploy') return called(ctx.topology, 'app', 'web').includes(target);
    return withPool(ctx.topology).includes(target) && poolDemand(ctx, indexOf(ctx, target)) >= 3;
  },
  plan(ctx, target) {
    if (ctx.variant === 'no-deploy') return planConfigPush(ctx, target);
    const i = indexOf(ctx, target);
    const service = ctx.topology.services[i];
    const before = service?.poolMax ?? 10;
    const demand = poolDemand(ctx, i);
    const after = Math.max(
      1,
      Math.min(Math.floor(before / 3), Math.floor(demand * ctx.rng.float(0.35, 0.6))),
    );
    const at = ctx.incidentAt - ctx.rng.float(0.5, 2) * MINUTE_MS;
    return {
      target,
      startedAt: at,
      summary: `Config change lowered ${target}'s database pool from ${before} to ${after} connections`,
      causingChange: {
        ts: at,
        service: target,
        kind: 'config',
        summary: `tune database pool settings for ${target}`,
        author: ctx.rng.pick(AUTHORS),
        diff: `-DB_POOL_MAX=${before}\n+DB_POOL_MAX=${after}\n DB_POOL_ACQUIRE_TIMEOUT=5s`,
      },
      apply(t, c) {
        if (t >= at) c.poolMax[i] = after;
      },
      logs(s) {
        if (s.t < at) return;
        const share = s.result.fields.selfErrorRatio[s.step * s.result.services + i] ?? 0;
        emitMany(
          s,
          i,
          s.requests(i) * share * 0.3,
          400,
          'error',
          () =>
            `timeout acquiring connection from pool after 5000ms (max=${after}, in use=${after}, waiting=${s.rng.int(after, after * 8)})`,
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

const FLAGS = [
  'new-pricing-engine',
  'async-tax-calculation',
  'personalised-ranking-v2',
  'batch-address-validation',
];

export const featureFlag: FaultType = {
  category: 'feature_flag',
  description: 'a feature flag turns on a slow, failing code path on one service',
  signature: 'a flag flip on the root; its own latency rises ≥ 2×; lines naming the flag only from it',
  targets: (t) => onRequestPath(t, 'app', 'web'),
  plan(ctx, target) {
    const i = indexOf(ctx, target);
    const flag = ctx.rng.pick(FLAGS);
    const slowdown = ctx.rng.float(3, 8);
    const errorShare = ctx.rng.float(0.03, 0.12);
    const at = ctx.incidentAt - ctx.rng.float(0.5, 2) * MINUTE_MS;
    return {
      target,
      startedAt: at,
      summary: `Flag ${flag} enabled on ${target}: the new path is ${slowdown.toFixed(1)}x slower and fails ${Math.round(errorShare * 100)}% of requests`,
      causingChange: {
        ts: at,
        service: target,
        kind: 'feature_flag',
        summary: `enable ${flag} for 100% of traffic`,
        author: ctx.rng.pick(AUTHORS),
        diff: `- ${flag}: 10%\n+ ${flag}: 100%`,
      },
      apply(t, c) {
        const r = ramp(t, at, MINUTE_MS + ctx.rampMs);
        c.selfLatencyFactor[i] = (c.selfLatencyFactor[i] ?? 1) * (1 + (slowdown - 1) * r);
        c.selfErrorAdd[i] = (c.selfErrorAdd[i] ?? 0) + errorShare * r;
      },
      logs(s) {
        const r = ramp(s.t, at, MINUTE_MS + ctx.rampMs);
        emitMany(
          s,
          i,
          s.requests(i) * errorShare * r * 0.4,
          300,
          'error',
          () => `${flag}: request failed in new code path: upstream quote missing field "taxRate"`,
        );
        emitMany(
          s,
          i,
          s.requests(i) * r * 0.002,
          100,
          'warn',
          () => `${flag}: evaluation took ${Math.round(s.rng.logNormal(400, 0.5))} ms`,
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

export const poisonInput: FaultType = {
  category: 'code_error',
  description: 'a malformed record makes one handler throw for every request that touches it',
  signature: 'no causing change; "failed for id=" lines with the one bad record only from the root',
  targets: (t) => onRequestPath(t, 'app'),
  plan(ctx, target) {
    const i = indexOf(ctx, target);
    const ops = ctx.topology.services[i]?.operations ?? ['request'];
    const op = ctx.rng.pick(ops);
    const recordId = `${ctx.rng.int(10000, 99999)}`;
    const errorShare = ctx.rng.float(0.06, 0.2);
    return {
      target,
      startedAt: ctx.incidentAt,
      summary: `Record ${recordId} with an unexpected null field makes ${op} on ${target} throw`,
      apply(t, c) {
        c.selfErrorAdd[i] =
          (c.selfErrorAdd[i] ?? 0) + errorShare * ramp(t, ctx.incidentAt, 2 * MINUTE_MS + ctx.rampMs);
      },
      logs(s) {
        const r = ramp(s.t, ctx.incidentAt, 2 * MINUTE_MS + ctx.rampMs);
        emitMany(
          s,
          i,
          s.requests(i) * errorShare * r * 0.4,
          300,
          'error',
          () =>
            `${op} failed for id=${recordId}: invalid value for field "dimensions.weight": null (expected number)`,
        );
      },
      fallbackAlert: { name: 'HighErrorRate', service: target, summary: `error ratio of ${target} above 5%` },
    };
  },
};

/** Connections the service's pool needs at the incident without the fault. */
export function poolDemand(ctx: FaultContext, i: number): number {
  const base = ctx.baselineAt(ctx.incidentAt);
  return base.fields.poolInUse[i] ?? 0;
}

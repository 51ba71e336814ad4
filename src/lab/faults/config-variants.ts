/**
 * The bad-config variant `no-deploy`: a configuration push (a ConfigMap, a config-service key)
 * changes one service's behaviour with no release and no restart. Its errors read like a code bug
 * in that service, and its callers fail with it; the change record is the only pointer to config.
 */
import { MINUTE_MS } from '../../core/index.js';
import { emitMany, type FaultContext, type FaultPlan, indexOf, ramp } from './fault.js';

interface ConfigPush {
  key: string;
  before: string;
  after: string;
  /** What the service throws with the new value, per operation. */
  error(op: string): string;
}

const PUSHES: ConfigPush[] = [
  {
    key: 'PRICE_ROUNDING_MODE',
    before: 'HALF_EVEN',
    after: 'half-even',
    error: (op) =>
      `${op} failed: java.lang.IllegalArgumentException: No enum constant java.math.RoundingMode.half-even`,
  },
  {
    key: 'SUPPORTED_LOCALES',
    before: 'en-GB,de-DE,fr-FR',
    after: 'en-GB;de-DE;fr-FR',
    error: (op) => `unhandled error in ${op}: RangeError: Incorrect locale information provided`,
  },
  {
    key: 'RATE_TABLE_PATH',
    before: '/etc/config/rates-v3.json',
    after: '/etc/config/rates-v4.json',
    error: (op) => `${op} failed: KeyError: 'EUR' in lookup_rate`,
  },
  {
    key: 'REQUEST_SCHEMA_MODE',
    before: 'lenient',
    after: 'strict',
    error: (op) => `${op} failed: ValidationError: "client_ref" is required (at body.client_ref)`,
  },
];

const AUTHORS = ['alice.wong', 'b.okafor', 'chen.li', 'dmitri.v', 'eva.martins', 'farah.n'];

export function planConfigPush(ctx: FaultContext, target: string): FaultPlan {
  const i = indexOf(ctx, target);
  const push = ctx.rng.pick(PUSHES);
  const ops = ctx.topology.services[i]?.operations ?? ['request'];
  const errorShare = ctx.rng.float(0.1, 0.4);
  const slowdown = ctx.rng.float(1.1, 1.8);
  const at = ctx.incidentAt - ctx.rng.float(0.5, 3) * MINUTE_MS;
  // The config agent polls: replicas pick the new value up within about a minute, no restart.
  const reloadMs = MINUTE_MS + ctx.rampMs;
  const revision = ctx.rng.int(40, 900);
  return {
    target,
    startedAt: at,
    summary: `Config push changed ${push.key} on ${target} from "${push.before}" to "${push.after}" (no deploy, hot-reloaded): ${Math.round(errorShare * 100)}% of its requests fail`,
    causingChange: {
      ts: at,
      service: target,
      kind: 'config',
      summary: `update ${push.key} for ${target}`,
      author: ctx.rng.pick(AUTHORS),
      diff: `-${push.key}=${push.before}\n+${push.key}=${push.after}`,
    },
    apply(t, c) {
      const r = ramp(t, at, reloadMs);
      c.selfErrorAdd[i] = (c.selfErrorAdd[i] ?? 0) + errorShare * r;
      c.selfLatencyFactor[i] = (c.selfLatencyFactor[i] ?? 1) * (1 + (slowdown - 1) * r);
    },
    logs(st) {
      const r = ramp(st.t, at, reloadMs);
      if (r <= 0) return;
      if (st.t - st.stepMs < at)
        st.emit(i, 'info', `configuration reloaded from configmap ${target}-config (revision ${revision})`);
      emitMany(st, i, st.requests(i) * errorShare * r * 0.4, 400, 'error', () =>
        push.error(st.rng.pick(ops)),
      );
    },
    fallbackAlert: { name: 'HighErrorRate', service: target, summary: `error ratio of ${target} above 5%` },
  };
}

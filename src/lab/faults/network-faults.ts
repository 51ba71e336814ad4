/** Faults between components: the network, a dependency that is down, an external API, TLS. */
import type { InfraEvent } from '../../core/index.js';
import { HOUR_MS, MINUTE_MS } from '../../core/index.js';
import { EDGE_RESET, EDGE_TLS } from '../sim/conditions.js';
import { emitMany, type FaultType, indexOf, podName, ramp } from './fault.js';
import { planWireFault, type WireFault } from './network-variants.js';
import { planIdentityOutage } from './provider-variants.js';
import { byRole, called, isIdentityProvider } from './targets.js';

/** Edges into and out of service i. */
function edgesTouching(ctx: { index: { edges: { from: number; to: number }[] } }, i: number): number[] {
  return ctx.index.edges.flatMap((e, k) => (e.from === i || e.to === i ? [k] : []));
}

export const networkLatency: FaultType = {
  category: 'network',
  description: "packet loss on the node hosting one service's pods slows and resets its connections",
  signature:
    'latency on every edge touching the root and no other; resets name the root (timeout/reset/dns/tls: only one caller fails its calls to the root, and its lines say i/o timeout, reset by peer, no such host or tls)',
  variants: ['packet-loss', 'timeout', 'reset', 'dns', 'tls'],
  targets: (t) => called(t, 'app'),
  plan(ctx, target) {
    if (ctx.variant !== 'packet-loss') return planWireFault(ctx, target, ctx.variant as WireFault);
    const i = indexOf(ctx, target);
    const edges = edgesTouching(ctx, i);
    const addMs = ctx.rng.float(150, 700);
    const loss = ctx.rng.float(0.03, 0.12);
    const node = `ip-10-${ctx.rng.int(0, 63)}-${ctx.rng.int(0, 255)}-${ctx.rng.int(1, 254)}`;
    return {
      target,
      startedAt: ctx.incidentAt,
      summary: `Packet loss on node ${node}, which hosts ${target}'s pods: +${Math.round(addMs)} ms and ${Math.round(loss * 100)}% failed connections to and from ${target}`,
      apply(t, c) {
        const r = ramp(t, ctx.incidentAt, 2 * MINUTE_MS + ctx.rampMs);
        for (const e of edges) {
          c.edgeLatencyAddMs[e] = (c.edgeLatencyAddMs[e] ?? 0) + addMs * r;
          c.edgeErrorAdd[e] = (c.edgeErrorAdd[e] ?? 0) + loss * r;
          if (r > 0) c.edgeFailure[e] = EDGE_RESET;
        }
      },
      logs(s) {
        const r = ramp(s.t, ctx.incidentAt, 2 * MINUTE_MS + ctx.rampMs);
        if (r <= 0) return;
        emitMany(
          s,
          i,
          3 * r,
          10,
          'warn',
          () =>
            `TCP retransmission rate ${(loss * 100 * s.rng.float(0.8, 1.3)).toFixed(1)}% on eth0; srtt ${Math.round(addMs * s.rng.float(0.7, 1.2))} ms`,
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

const CRASHES = [
  'fatal: failed to load secrets: vault: permission denied (token expired)',
  'panic: schema migration check failed: relation "user_preferences" does not exist',
  'Error: listen EADDRINUSE: address already in use :::8080',
];

export const dependencyOutage: FaultType = {
  category: 'dependency_outage',
  description: 'an internal service goes down (crash loop); every caller fails calls to it',
  signature: 'the root is down and exports only restarts_total; BackOff for it alone; refusals name it',
  targets: (t) => called(t, 'app'),
  plan(ctx, target) {
    const i = indexOf(ctx, target);
    const crash = ctx.rng.pick(CRASHES);
    const replicas = ctx.topology.services[i]?.replicas ?? 1;
    const events: InfraEvent[] = [];
    let restartsAt = ctx.incidentAt;
    for (let k = 0; restartsAt < ctx.windowEnd; k++) {
      for (let r = 0; r < replicas; r++) {
        const pod = podName(target, r);
        const ts = restartsAt + ctx.rng.float(0, 20_000);
        events.push({
          ts,
          service: target,
          object: `pod/${pod}`,
          type: 'Warning',
          reason: 'BackOff',
          message: `Back-off restarting failed container ${target} in pod ${pod}`,
        });
        if (k % 2 === 0)
          events.push({
            ts: ts + 5000,
            service: target,
            object: `pod/${pod}`,
            type: 'Warning',
            reason: 'Unhealthy',
            message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
          });
      }
      restartsAt += Math.min(5, 2 ** k * 0.2) * MINUTE_MS;
    }
    return {
      target,
      startedAt: ctx.incidentAt,
      summary: `${target} is down: every pod crashes on start (${crash})`,
      apply(t, c, p) {
        if (t < ctx.incidentAt) return;
        c.down[i] = 1;
        if ((t - ctx.incidentAt) % (2 * MINUTE_MS) < 30_000)
          p.restartCount[i] = (p.restartCount[i] ?? 0) + replicas;
      },
      logs(s) {
        if (s.t < ctx.incidentAt) return;
        emitMany(s, i, replicas * 0.5, 6, 'fatal', () => crash);
      },
      events,
      fallbackAlert: {
        name: 'KubePodCrashLooping',
        service: target,
        summary: `pods of ${target} crash looping`,
      },
    };
  },
};

export const providerOutage: FaultType = {
  category: 'third_party_outage',
  description: 'the external payment provider returns 5xx and times out',
  signature:
    'the external provider fails calls; it writes no log lines or spans of its own (identity: its callers log JWKS/token failures, theirs 401s)',
  variants: ['payments', 'identity'],
  targets: (t) => byRole(t, 'external'),
  viable(ctx, target) {
    const providers = ctx.topology.services.filter((s) => s.role === 'external' && s.dependsOn.length === 0);
    const identity = isIdentityProvider(ctx.topology.services[indexOf(ctx, target)]);
    if (ctx.variant === 'identity') return identity;
    // A payments-style outage prefers another provider, but takes the identity one when it is the only one.
    return !identity || providers.every((s) => isIdentityProvider(s));
  },
  plan(ctx, target) {
    if (ctx.variant === 'identity') return planIdentityOutage(ctx, target);
    const i = indexOf(ctx, target);
    const errors = ctx.rng.float(0.3, 0.9);
    const slowdown = ctx.rng.float(4, 25);
    return {
      target,
      startedAt: ctx.incidentAt,
      summary: `${target} (external) outage: ${Math.round(errors * 100)}% of calls fail with 502/503, the rest are ${Math.round(slowdown)}x slower`,
      apply(t, c) {
        const r = ramp(t, ctx.incidentAt, MINUTE_MS + ctx.rampMs);
        c.selfErrorAdd[i] = (c.selfErrorAdd[i] ?? 0) + errors * r;
        c.selfLatencyFactor[i] = (c.selfLatencyFactor[i] ?? 1) * (1 + (slowdown - 1) * r);
      },
      fallbackAlert: { name: 'HighErrorRate', service: target, summary: `errors calling ${target}` },
    };
  },
};

export const certExpiry: FaultType = {
  category: 'certificate_expiry',
  description: "a service's TLS certificate expires after a failed renewal; callers cannot connect",
  signature: 'x509 errors name the root; handshakes fail only towards it; its traffic collapses',
  targets: (t) => called(t, 'app'),
  plan(ctx, target) {
    const i = indexOf(ctx, target);
    const into = ctx.index.edges.flatMap((e, k) => (e.to === i ? [k] : []));
    const renewFailedAt = ctx.incidentAt - ctx.rng.float(4, 20) * HOUR_MS;
    const events: InfraEvent[] = [];
    for (let at = renewFailedAt; at < ctx.incidentAt; at += 6 * HOUR_MS) {
      events.push({
        ts: at,
        service: target,
        object: `certificate/${target}-tls`,
        type: 'Warning',
        reason: 'Failed',
        message: `Failed to renew certificate ${target}-tls: issuer "internal-ca" not ready: secret "internal-ca-key" not found`,
      });
    }
    return {
      target,
      startedAt: ctx.incidentAt,
      summary: `TLS certificate ${target}-tls expired after renewals failed; clients reject the handshake`,
      apply(t, c) {
        if (t < ctx.incidentAt) return;
        for (const e of into) {
          c.edgeErrorAdd[e] = Math.max(c.edgeErrorAdd[e] ?? 0, 0.97);
          c.edgeFailure[e] = EDGE_TLS;
        }
      },
      events,
      fallbackAlert: { name: 'HighErrorRate', service: target, summary: `TLS errors calling ${target}` },
    };
  },
};

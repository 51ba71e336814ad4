/**
 * Network faults between one caller and the root (the callee, as for packet loss): calls time out,
 * are reset, cannot resolve the root's name, or fail the TLS handshake. Only that caller sees them,
 * and it logs what its client library says, which names the root but reads like any other error.
 */
import { MINUTE_MS } from '../../core/index.js';
import { EDGE_RESET } from '../sim/conditions.js';
import { emitMany, type FaultContext, type FaultPlan, indexOf, ramp } from './fault.js';

export type WireFault = 'timeout' | 'reset' | 'dns' | 'tls';

/** Deadlines of the engine (engine.ts): a gateway waits 15 s for an upstream, a service 5 s. */
const DEADLINE_MS = { edge: 15_000, other: 5_000 };

const CAUSES: Record<WireFault, readonly string[]> = {
  timeout: [
    'an MTU mismatch on the overlay network black-holes large packets',
    'a stateful firewall rule drops packets of long-lived connections',
  ],
  reset: [
    "a NAT gateway's 350 s idle timeout, shorter than the client's keep-alive, resets pooled connections",
    "the node's conntrack table is full and new flows are reset",
  ],
  dns: [
    "the callee's DNS record is missing from the cluster resolver after a CoreDNS reload (NXDOMAIN)",
    "a stale negative answer for the callee's name is cached by the node-local DNS cache",
  ],
  tls: [
    "the callee's serving certificate was re-issued by a new intermediate CA the caller does not trust",
    'the callee now requires TLS 1.3 and the caller offers TLS 1.2 only',
  ],
};

const WHAT: Record<WireFault, string> = {
  timeout: 'Connect timeouts',
  reset: 'Connection resets',
  dns: 'DNS lookup failures (NXDOMAIN)',
  tls: 'TLS handshake failures',
};

function clientLine(kind: WireFault, root: string, st: { rng: FaultContext['rng'] }): string {
  const ip = st.rng.ip();
  switch (kind) {
    case 'timeout':
      return `call to ${root} failed: dial tcp ${ip}:8080: i/o timeout`;
    case 'reset':
      return `call to ${root} failed: read tcp ${st.rng.ip()}:${st.rng.int(30000, 60000)}->${ip}:8080: read: connection reset by peer`;
    case 'dns':
      return `call to ${root} failed: dial tcp: lookup ${root}.prod.svc.cluster.local on 10.96.0.10:53: no such host`;
    case 'tls':
      return st.rng.chance(0.5)
        ? `call to ${root} failed: tls: failed to verify certificate: x509: certificate signed by unknown authority`
        : `call to ${root} failed: remote error: tls: handshake failure`;
  }
}

/** The caller whose calls to `target` fail: a hard caller if there is one. */
function pickCaller(ctx: FaultContext, target: string): { caller: number; edge: number } {
  const i = indexOf(ctx, target);
  const edges = ctx.index.edges.flatMap((e, k) => (e.to === i ? [k] : []));
  const soft = (k: number) => {
    const e = ctx.index.edges[k];
    const from = e ? ctx.index.services[e.from] : undefined;
    return from?.dependsOn.find((d) => d.service === target)?.soft === true;
  };
  const hard = edges.filter((k) => !soft(k));
  const edge = ctx.rng.pick(hard.length > 0 ? hard : edges);
  return { caller: ctx.index.edges[edge]?.from ?? -1, edge };
}

export function planWireFault(ctx: FaultContext, target: string, kind: WireFault): FaultPlan {
  const i = indexOf(ctx, target);
  const { caller, edge } = pickCaller(ctx, target);
  const from = ctx.index.services[caller];
  const callerName = from?.name ?? 'unknown';
  const cause = ctx.rng.pick(CAUSES[kind]);
  const share =
    kind === 'timeout' ? 1 : ctx.rng.float(kind === 'reset' ? 0.1 : 0.4, kind === 'reset' ? 0.35 : 0.95);
  const deadline = from?.role === 'edge' ? DEADLINE_MS.edge : DEADLINE_MS.other;
  const calls = Math.min(1, ctx.index.edges[edge]?.callsPerRequest ?? 1);
  // The engine adds a callee's latency to its caller in proportion to calls per request, so a call
  // made by a share of requests must hang longer for those requests to pass their deadline.
  const hangMs = (deadline * ctx.rng.float(0.8, 1.5)) / (from?.role === 'edge' ? 1 : Math.max(0.2, calls));
  const rampMs = MINUTE_MS + ctx.rampMs;
  return {
    target,
    startedAt: ctx.incidentAt,
    summary: `${WHAT[kind]} on calls from ${callerName} to ${target}: ${cause}`,
    alsoAcceptable: [{ service: callerName, category: 'network' }],
    apply(t, c) {
      const r = ramp(t, ctx.incidentAt, rampMs);
      if (r <= 0) return;
      if (kind === 'timeout') {
        c.edgeLatencyAddMs[edge] = (c.edgeLatencyAddMs[edge] ?? 0) + hangMs * r;
      } else if (kind === 'reset') {
        c.edgeErrorAdd[edge] = (c.edgeErrorAdd[edge] ?? 0) + share * r;
        c.edgeFailure[edge] = EDGE_RESET;
      } else {
        // The request is never written: the caller fails it itself, the root never sees it.
        c.edgeUnsent[edge] = Math.max(c.edgeUnsent[edge] ?? 0, share * r);
        c.selfErrorAdd[caller] = (c.selfErrorAdd[caller] ?? 0) + share * r * calls * 0.9;
      }
    },
    logs(st) {
      const r = ramp(st.t, ctx.incidentAt, rampMs);
      if (r <= 0) return;
      const cell = st.step * st.result.services + caller;
      // Resets already show as the caller's failed calls (emit/symptoms.ts); the others are written here.
      const failing =
        kind === 'timeout'
          ? (st.result.fields.timeoutShare[cell] ?? 0) * 0.3
          : kind === 'reset'
            ? 0
            : share * r * calls * 0.3;
      emitMany(st, caller, st.requests(caller) * failing, 250, 'error', () => clientLine(kind, target, st));
      if (kind === 'tls')
        emitMany(
          st,
          i,
          st.requests(caller) * share * r * calls * 0.05,
          60,
          'warn',
          () =>
            `http: TLS handshake error from ${st.rng.ip()}:${st.rng.int(30000, 60000)}: remote error: tls: bad certificate`,
        );
    },
    fallbackAlert: {
      name: 'HighErrorRate',
      service: callerName,
      summary: `errors calling ${target} from ${callerName}`,
    },
  };
}

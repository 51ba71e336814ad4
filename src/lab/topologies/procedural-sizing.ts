/**
 * Numbers for a generated system: traffic, latency, replicas, CPU, memory and pools, sized so the
 * fault-free system is healthy at its daily peak. Each service's peak traffic is worked out from
 * the call graph first; replicas then follow from CPU cost per request with a target utilisation
 * of 0.3–0.5 (teams keep headroom for spikes and node loss), and pools hold 2–3 times the
 * connections the peak needs, so no baseline pool runs past half full.
 */
import type { ServiceKind } from '../../core/index.js';
import type { Random } from '../random.js';
import type { LabDependency, LabRole, LabService, LabTopology } from '../topology.js';
import { singular } from './procedural-names.js';

export const EXTERNAL_KINDS = ['identity', 'payments', 'email', 'maps', 'sms', 'tax', 'fraud'] as const;
export type ExternalKind = (typeof EXTERNAL_KINDS)[number];

/** A service before its numbers: shape only. */
export interface Draft {
  name: string;
  role: LabRole;
  team: string;
  dependsOn: LabDependency[];
  /** Depth of an app in the synchronous call DAG (1 = called from web or edge). */
  layer: number;
  /** What the service deals in, for its routes, topics and tables. */
  noun: string;
  external?: ExternalKind;
}

const MiB = 1024 ** 2;

const EXTERNAL_OPERATIONS: Record<ExternalKind, string[]> = {
  identity: ['POST /oauth/token', 'GET /.well-known/jwks.json', 'GET /userinfo'],
  payments: ['POST /v1/charges', 'POST /v1/refunds', 'GET /v1/payment_intents/:id'],
  email: ['POST /v3/mail/send'],
  maps: ['GET /maps/api/geocode/json', 'GET /maps/api/distancematrix/json'],
  sms: ['POST /2010-04-01/Accounts/:sid/Messages.json'],
  tax: ['POST /api/v2/transactions/create'],
  fraud: ['POST /v1/assessments'],
};

/** Median self time (ms) range and log-normal sigma by role; third parties are slowest. */
const LATENCY: Record<LabRole, [min: number, max: number, sigma: number]> = {
  edge: [1, 3, 0.35],
  web: [8, 25, 0.5],
  app: [3, 30, 0.5],
  'db-proxy': [0.4, 1, 0.3],
  database: [1.5, 4, 0.7],
  cache: [0.2, 0.6, 0.3],
  queue: [1, 2.5, 0.3],
  worker: [15, 80, 0.5],
  external: [60, 250, 0.4],
};

/** CPU milliseconds a request costs, as a share of self time (I/O-bound services wait more than they compute). */
const CPU_SHARE: Record<LabRole, [number, number]> = {
  edge: [0.2, 0.3],
  web: [0.2, 0.35],
  app: [0.15, 0.35],
  'db-proxy': [0.15, 0.25],
  database: [0.3, 0.5],
  cache: [0.3, 0.5],
  queue: [0.2, 0.3],
  worker: [0.15, 0.3],
  external: [0, 0],
};

/** Working-set memory range (MiB) by role. */
const MEMORY: Record<LabRole, [number, number]> = {
  edge: [150, 320],
  web: [300, 700],
  app: [250, 1200],
  'db-proxy': [60, 120],
  database: [2048, 8192],
  cache: [512, 3072],
  queue: [500, 1500],
  worker: [300, 900],
  external: [0, 0],
};

const KIND: Partial<Record<LabRole, ServiceKind>> = {
  database: 'database',
  cache: 'cache',
  queue: 'queue',
  external: 'external',
};

/** Stateful services run as one primary; the rest scale out. */
const SINGLE: ReadonlySet<LabRole> = new Set(['database', 'cache', 'external']);

/** Engine constants this sizing must respect (see sim/engine.ts). */
const WORKER_CONCURRENCY = 8;
const TRANSACTION_OVERHEAD_MS = 20;
/** Peak rps of the busiest database client: about 4 connections busy at peak (see `poolFor`). */
const BUSIEST_POOLED_RPS = 300;

export interface SizeOptions {
  rng: Random;
  name: string;
  entry: string;
  description: string;
  /** Whether internal calls are gRPC methods rather than HTTP routes. */
  grpc: boolean;
}

export function sizeDrafts(drafts: Draft[], o: SizeOptions): LabTopology {
  const { rng } = o;
  const byName = new Map(drafts.map((d) => [d.name, d]));
  const self = new Map(
    drafts.map((d) => {
      const [min, max] = LATENCY[d.role];
      return [d.name, round(rng.float(min, max), d.role === 'cache' || d.role === 'db-proxy' ? 2 : 1)];
    }),
  );
  let peakRps = Math.round(Math.exp(rng.float(Math.log(150), Math.log(700))) * (1 + drafts.length / 25));
  let rps = peakTraffic(drafts, byName, o.entry, peakRps);
  // A system whose busiest database client sees a trickle would be oddly idle (and no pool could
  // ever run dry): raise user traffic until that client serves at least BUSIEST_POOLED_RPS.
  const busiest = Math.max(
    0,
    ...drafts.filter((d) => usesDatabase(d, byName)).map((d) => rps.get(d.name) ?? 0),
  );
  if (busiest > 0 && busiest < BUSIEST_POOLED_RPS) {
    peakRps = Math.min(6000, Math.ceil((peakRps * BUSIEST_POOLED_RPS) / busiest));
    rps = peakTraffic(drafts, byName, o.entry, peakRps);
  }
  const median = (name: string): number => {
    const d = byName.get(name);
    if (!d) return 0;
    return (
      (self.get(name) ?? 0) + d.dependsOn.reduce((sum, x) => sum + x.callsPerRequest * median(x.service), 0)
    );
  };

  const services = drafts.map((d): LabService => {
    const peak = rps.get(d.name) ?? 0;
    const selfMs = self.get(d.name) ?? 1;
    const [cpuMin, cpuMax] = CPU_SHARE[d.role];
    let cpuPerRps = (selfMs * rng.float(cpuMin, cpuMax)) / 1000;
    const target = rng.float(0.3, 0.5);
    let replicas = SINGLE.has(d.role) ? 1 : Math.max(2, Math.ceil((peak * cpuPerRps) / (target - 0.04)));
    if (d.role === 'queue') replicas = Math.min(replicas, 3);
    if (d.role === 'worker') {
      // A worker drains its queue with WORKER_CONCURRENCY handlers a replica; keep twice the need.
      const need = (peak * Math.max(1, median(d.name)) * 2) / (WORKER_CONCURRENCY * 1000);
      replicas = Math.max(replicas, Math.ceil(need), 1);
    }
    replicas = Math.min(replicas, 24);
    if (peak > 0 && 0.04 + (peak * cpuPerRps) / replicas > target)
      cpuPerRps = ((target - 0.04) * replicas) / peak;
    const [memMin, memMax] = MEMORY[d.role];
    const memoryBaseBytes = Math.round(rng.float(memMin, memMax)) * MiB;
    const service: LabService = {
      name: d.name,
      kind: KIND[d.role] ?? 'service',
      role: d.role,
      team: d.team,
      dependsOn: d.dependsOn,
      selfLatencyMs: selfMs,
      latencySigma: LATENCY[d.role][2],
      baseErrorRatio: round(d.role === 'external' ? rng.float(0.001, 0.003) : rng.float(0.0002, 0.001), 4),
      replicas,
      cpuPerRps: Number(cpuPerRps.toPrecision(3)),
      memoryBaseBytes,
      memoryLimitBytes:
        memoryBaseBytes === 0
          ? 0
          : Math.ceil((memoryBaseBytes * rng.float(1.8, 2.6)) / (128 * MiB)) * 128 * MiB,
      operations: operationsFor(d, byName, o.grpc, rng),
    };
    const poolMax = poolFor(d, byName, self, peak, rng);
    if (poolMax > 0) service.poolMax = poolMax;
    return service;
  });
  return { name: o.name, description: o.description, entry: o.entry, peakRps, services };
}

/** Peak requests a second per service: user traffic down from the entry, then each worker's share. */
function peakTraffic(drafts: Draft[], byName: Map<string, Draft>, entry: string, peakRps: number) {
  const rps = new Map<string, number>();
  const push = (name: string, amount: number) => {
    rps.set(name, (rps.get(name) ?? 0) + amount);
    for (const d of byName.get(name)?.dependsOn ?? []) push(d.service, amount * d.callsPerRequest);
  };
  push(entry, peakRps);
  const produced = new Map(rps);
  for (const w of drafts.filter((d) => d.role === 'worker')) {
    const queue = w.dependsOn.find((d) => byName.get(d.service)?.role === 'queue');
    push(w.name, queue ? (produced.get(queue.service) ?? 0) : 0);
  }
  return rps;
}

/**
 * Connections a service's pool holds: the engine's demand is rps × (20 ms of transaction overhead
 * plus its queries) × 1.3; 2.2–3.2 times the peak demand keeps utilisation under half.
 */
function poolFor(
  d: Draft,
  byName: Map<string, Draft>,
  self: Map<string, number>,
  peak: number,
  rng: Random,
): number {
  let dbMs = TRANSACTION_OVERHEAD_MS;
  let uses = false;
  for (const x of d.dependsOn) {
    const callee = byName.get(x.service);
    if (callee?.role !== 'database' && callee?.role !== 'db-proxy') continue;
    uses = true;
    const behind = callee.dependsOn.reduce((sum, y) => sum + (self.get(y.service) ?? 0), 0);
    dbMs += x.callsPerRequest * ((self.get(callee.name) ?? 0) + behind);
  }
  if (!uses || d.role === 'db-proxy') return 0;
  const demand = (peak * dbMs * 1.3) / 1000;
  return Math.min(400, Math.max(8, Math.ceil(demand * rng.float(2.2, 3.2))));
}

function usesDatabase(d: Draft, byName: Map<string, Draft>): boolean {
  if (d.role !== 'app' && d.role !== 'web') return false;
  return d.dependsOn.some((x) => {
    const role = byName.get(x.service)?.role;
    return role === 'database' || role === 'db-proxy';
  });
}

/** Routes, RPC methods, SQL verbs or topics: what a service serves, in the style its kind uses. */
export function operationsFor(d: Draft, byName: Map<string, Draft>, grpc: boolean, rng: Random): string[] {
  const one = singular(d.noun);
  const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  switch (d.role) {
    case 'edge':
      // One route per upstream, in the same order: the trace emitter names routed spans by it.
      return d.dependsOn.map((x, k) => {
        const up = byName.get(x.service);
        if (up?.role === 'edge') return 'GET /';
        if (up?.role === 'web') return k === 0 ? 'GET /' : `GET /${up.noun}`;
        return `${rng.pick(['GET', 'POST'])} /api/v1/${up?.noun ?? 'items'}`;
      });
    case 'web':
      return ['GET /', `GET /${d.noun}/:id`, `GET /${d.noun}`, 'GET /account'].slice(0, rng.int(2, 4));
    case 'app':
      if (grpc) {
        const svc = `${d.name.replaceAll('-', '_')}.v1.${pascal(d.noun)}`;
        return [`${svc}/Get${pascal(one)}`, `${svc}/List${pascal(d.noun)}`, `${svc}/Create${pascal(one)}`];
      }
      return [`GET /${d.noun}/:id`, `POST /${d.noun}`, `GET /${d.noun}`, `PUT /${d.noun}/:id`].slice(
        0,
        rng.int(2, 4),
      );
    case 'db-proxy':
      return ['query'];
    case 'database':
      return rng.chance(0.5) ? ['SELECT', 'INSERT', 'UPDATE'] : ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
    case 'cache':
      return rng.chance(0.5) ? ['GET', 'SET', 'MGET'] : ['GET', 'SET', 'DEL'];
    case 'queue':
      return [`publish ${one}.events`, `consume ${one}.events`];
    case 'worker':
      return [`process ${one}.${rng.pick(['created', 'updated', 'requested'])}`];
    case 'external':
      return EXTERNAL_OPERATIONS[d.external ?? 'payments'];
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

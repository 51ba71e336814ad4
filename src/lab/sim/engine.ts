/**
 * The simulator: steps through the window, lets noise, blips and the fault set each step's
 * conditions, then pushes traffic down the call graph and latency and errors back up. Everything
 * the bundle shows (metrics, logs, traces, restarts) is derived from its result, so the sources
 * agree with each other the way real telemetry does.
 */
import { MINUTE_MS, SECOND_MS } from '../../core/index.js';
import type { Random } from '../random.js';
import type { LabTopology } from '../topology.js';
import { trafficFactor } from '../traffic.js';
import { applyBlips, type Blip } from './blips.js';
import {
  BASE_CACHE_HIT_RATIO,
  type Conditions,
  freshConditions,
  type Index,
  resetConditions,
} from './conditions.js';
import { logNormalQuantiles, mixtureQuantiles, type Quantiles, tailShare } from './latency.js';
import { allocateResult, type RestartRecord, type SimResult } from './state.js';

/** State that carries from one step to the next. */
export interface Persistent {
  leakedBytes: Float64Array[];
  restartCount: Float64Array;
  disk: Float64Array;
  queueDepth: Float64Array;
  restarts: RestartRecord[];
}

/** What a fault does to the system at an instant; see `faults/`. */
export type ApplyFault = (t: number, c: Conditions, p: Persistent) => void;

export interface SimOptions {
  topology: LabTopology;
  index: Index;
  start: number;
  stepMs: number;
  steps: number;
  rng: Random;
  noise: number;
  blips: readonly Blip[];
  applyFault: ApplyFault;
}

/** Requests slower than this are cut off by the server's deadline and count as errors. */
const DEADLINE_MS = 5_000;
const GATEWAY_DEADLINE_MS = 15_000;
const POOL_ACQUIRE_TIMEOUT_MS = 5_000;
const WORKER_CONCURRENCY = 8;
const RESTART_DOWNTIME_MS = 40 * SECOND_MS;
/** A transaction holds its connection for its queries plus BEGIN/COMMIT round trips and the handler's own work. */
const TRANSACTION_OVERHEAD_MS = 20;
/** CPU utilisation past which a service is overloaded. */
const SATURATED = 0.985;
const DOWN: Quantiles = { p50: 1.5, p95: 3, p99: 5 };

export function simulate(o: SimOptions): SimResult {
  const { index, rng } = o;
  const n = index.services.length;
  const result = allocateResult(o.start, o.stepMs, o.steps, n, index.edges.length);
  const c = freshConditions(index);
  const p = initialPersistent(o);
  const replicaSkew = index.services.map((s) =>
    Array.from({ length: s.replicas }, () => rng.float(0.94, 1.06)),
  );
  const rps = new Float64Array(n);
  const quantiles: Quantiles[] = index.services.map(() => ({ p50: 0, p95: 0, p99: 0 }));
  const err = new Float64Array(n);
  const prevWorkerP50 = new Float64Array(n).fill(50);
  const stepSec = o.stepMs / SECOND_MS;
  const F = result.fields;

  for (let step = 0; step < o.steps; step++) {
    const t = o.start + step * o.stepMs;
    const base = step * n;
    resetConditions(index, c);
    applyBlips(o.blips, t, c);
    o.applyFault(t, c, p);
    stepMemory(o, c, p, replicaSkew, t, base, F.memoryBytes, F.memoryUtilization);
    stepDisk(o, c, p, base, F.disk);
    const edgeBase = step * index.edges.length;
    result.edgeError.set(c.edgeErrorAdd, edgeBase);
    result.edgeFailure.set(c.edgeFailure, edgeBase);
    result.edgeLatencyMs.set(c.edgeLatencyAddMs, edgeBase);
    result.edgeUnsent.set(c.edgeUnsent, edgeBase);

    // Traffic flows down from the entry, then from each worker at the rate it drains its queue.
    rps.fill(0);
    rps[index.entry] =
      o.topology.peakRps * trafficFactor(t) * c.trafficFactor * (1 + rng.normal(0, 0.02 * o.noise));
    pushTraffic(index, c, rps, index.entry);
    index.services.forEach((s, w) => {
      if (s.role !== 'worker') return;
      const queue = s.dependsOn.find(
        (d) => index.services[index.byName.get(d.service) as number]?.role === 'queue',
      );
      const q = queue ? (index.byName.get(queue.service) as number) : -1;
      const produced = q >= 0 ? (rps[q] ?? 0) : 0;
      const capacity = c.down[w]
        ? 0
        : (s.replicas * WORKER_CONCURRENCY * 1000 * (c.consumeFactor[w] ?? 1)) /
          Math.max(1, prevWorkerP50[w] ?? 1);
      const depth = q >= 0 ? (p.queueDepth[q] ?? 0) : 0;
      const consumed = Math.min(capacity, produced + depth / stepSec);
      if (q >= 0) p.queueDepth[q] = Math.max(0, depth + (produced - consumed) * stepSec);
      rps[w] = consumed;
      pushTraffic(index, c, rps, w);
    });

    // Latency, errors and saturation flow back up, dependencies first.
    for (let k = index.order.length - 1; k >= 0; k--) {
      const i = index.order[k] as number;
      const s = index.services[i];
      if (!s) continue;
      const cell = base + i;
      if (c.down[i]) {
        quantiles[i] = DOWN;
        err[i] = 1;
        result.down[cell] = 1;
        F.rps[cell] = rps[i] ?? 0;
        F.errorRatio[cell] = 1;
        F.restarts[cell] = p.restartCount[i] ?? 0;
        continue;
      }
      const load =
        s.cpuPerRps > 0 ? 0.04 + ((rps[i] ?? 0) * s.cpuPerRps) / s.replicas + (c.cpuAdd[i] ?? 0) : 0;
      // Queueing for CPU: M/M/1-like growth past 70 % busy; past capacity, the excess waits until
      // its deadline and fails, and everything else queues behind it.
      const cpuFactor = load > 0.7 ? 0.3 / (1 - Math.min(load, SATURATED)) : 1;
      let selfMedian =
        (s.selfLatencyMs * (c.selfLatencyFactor[i] ?? 1) + (c.selfLatencyAddMs[i] ?? 0)) * cpuFactor;
      selfMedian *= Math.exp(rng.normal(0, 0.04 * o.noise));
      let selfErr = s.baseErrorRatio * o.noise + (c.selfErrorAdd[i] ?? 0);
      if (load > SATURATED) {
        selfErr += 1 - SATURATED / load;
        selfMedian += 2000 * Math.min(1, (load - SATURATED) * 5);
      }

      const poolMax = c.poolMax[i] ?? 0;
      if (poolMax > 0) {
        let dbMs = TRANSACTION_OVERHEAD_MS;
        const missCalls = cacheMissCalls(index, c, i);
        for (const e of index.out[i] ?? []) {
          const edge = index.edges[e];
          const role = edge ? index.services[edge.to]?.role : undefined;
          if (edge && (role === 'db-proxy' || role === 'database')) {
            dbMs +=
              (edge.callsPerRequest + missCalls) *
              ((quantiles[edge.to]?.p50 ?? 0) + (c.edgeLatencyAddMs[e] ?? 0));
          }
        }
        const demand = ((rps[i] ?? 0) * dbMs * (c.holdFactor[i] ?? 1) * 1.3) / 1000;
        const u = demand / poolMax;
        if (u > 0.85) selfMedian += Math.min(POOL_ACQUIRE_TIMEOUT_MS * 0.8, 30 * ((u - 0.85) / 0.15) ** 2);
        if (u >= 1) selfErr += (1 - 1 / u) * 0.9;
        F.poolInUse[cell] = Math.min(poolMax, demand * (1 + rng.normal(0, 0.05 * o.noise)));
        F.poolMax[cell] = poolMax;
      }

      const self = logNormalQuantiles(selfMedian, s.latencySigma);
      const { q, failProduct, failingEdge, slowEdge } = combine(index, c, i, self, quantiles, err);
      const deadline = s.role === 'edge' ? GATEWAY_DEADLINE_MS : DEADLINE_MS;
      const timeouts = s.role === 'external' ? 0 : tailShare(q, deadline);
      const e = 1 - (1 - Math.min(1, selfErr)) * failProduct;
      const total = Math.min(1, e + (1 - e) * timeouts);
      quantiles[i] = capAt(q, deadline * 1.02);
      err[i] = total;
      const sampled = observedRatio(rng, total, (rps[i] ?? 0) * stepSec);

      F.rps[cell] = Math.max(0, (rps[i] ?? 0) * (1 + rng.normal(0, 0.01 * o.noise)));
      F.errorRatio[cell] = sampled;
      F.p50[cell] = quantiles[i]?.p50 ?? 0;
      F.p95[cell] = quantiles[i]?.p95 ?? 0;
      F.p99[cell] = quantiles[i]?.p99 ?? 0;
      F.selfMedianMs[cell] = selfMedian;
      F.selfErrorRatio[cell] = Math.min(1, selfErr);
      F.timeoutShare[cell] = timeouts;
      F.cpu[cell] = s.cpuPerRps > 0 ? Math.min(1, Math.max(0.01, load + rng.normal(0, 0.01 * o.noise))) : 0;
      F.restarts[cell] = p.restartCount[i] ?? 0;
      F.queueDepth[cell] = p.queueDepth[i] ?? 0;
      F.cacheHitRatio[cell] =
        s.role === 'cache' ? (c.cacheHitRatio[i] ?? 0) + rng.normal(0, 0.004 * o.noise) : 0;
      result.failingEdge[cell] = failingEdge;
      result.slowEdge[cell] = slowEdge;
      if (s.role === 'worker') prevWorkerP50[i] = quantiles[i]?.p50 ?? 50;
    }
  }
  result.restarts = p.restarts;
  return result;
}

function initialPersistent(o: SimOptions): Persistent {
  const n = o.index.services.length;
  const disk = new Float64Array(n);
  o.index.services.forEach((s, i) => {
    if (s.role === 'database') disk[i] = o.rng.float(0.48, 0.62);
    else if (s.role === 'queue') disk[i] = o.rng.float(0.18, 0.3);
  });
  return {
    leakedBytes: o.index.services.map((s) => new Float64Array(s.replicas)),
    restartCount: new Float64Array(n).map(() => o.rng.int(0, 3)),
    disk,
    queueDepth: new Float64Array(n),
    restarts: [],
  };
}

/** Adds traffic that `from` sends to its dependencies, recursively, callers first. */
function pushTraffic(index: Index, c: Conditions, rps: Float64Array, from: number): void {
  const sent = new Float64Array(rps.length);
  sent[from] = rps[from] ?? 0;
  for (const i of index.order) {
    const r = i === from ? (rps[from] ?? 0) : (sent[i] ?? 0);
    if (r <= 0 || c.down[i]) continue;
    const missCalls = cacheMissCalls(index, c, i);
    for (const e of index.out[i] ?? []) {
      const edge = index.edges[e];
      if (!edge) continue;
      const role = index.services[edge.to]?.role;
      // Calls that fail on the wire (TLS, network) never reach the callee.
      const reaching = (1 - (c.edgeErrorAdd[e] ?? 0)) * (1 - (c.edgeUnsent[e] ?? 0));
      const calls =
        (edge.callsPerRequest + (role === 'db-proxy' || role === 'database' ? missCalls : 0)) * reaching;
      sent[edge.to] = (sent[edge.to] ?? 0) + r * calls;
      if (edge.to !== from) rps[edge.to] = (rps[edge.to] ?? 0) + r * calls;
    }
  }
}

/**
 * Calls that miss a soft cache dependency and fall through to the database. A miss costs about two
 * queries: what is cached is usually the result of a join or a few lookups.
 */
function cacheMissCalls(index: Index, c: Conditions, i: number): number {
  let extra = 0;
  for (const e of index.out[i] ?? []) {
    const edge = index.edges[e];
    if (!edge || index.services[edge.to]?.role !== 'cache') continue;
    const hit = c.down[edge.to] ? 0 : (c.cacheHitRatio[edge.to] ?? BASE_CACHE_HIT_RATIO);
    extra += 2 * edge.callsPerRequest * Math.max(0, BASE_CACHE_HIT_RATIO - hit);
  }
  return extra;
}

function combine(
  index: Index,
  c: Conditions,
  i: number,
  self: Quantiles,
  quantiles: Quantiles[],
  err: Float64Array,
) {
  const s = index.services[i];
  let failProduct = 1;
  let failingEdge = -1;
  let worstFail = 0;
  let slowEdge = -1;
  let worstSlow = 0;
  const parts: { weight: number; q: Quantiles }[] = [];
  const q: Quantiles = { ...self };
  for (const e of index.out[i] ?? []) {
    const edge = index.edges[e];
    if (!edge) continue;
    const callee = quantiles[edge.to] as Quantiles;
    const add = c.edgeLatencyAddMs[e] ?? 0;
    const edgeErr = c.edgeErrorAdd[e] ?? 0;
    const fail = edgeErr + (1 - edgeErr) * (err[edge.to] ?? 0);
    const propagate =
      s?.role === 'edge'
        ? 1
        : index.services[i]?.dependsOn.find((d) => d.service === index.services[edge.to]?.name)?.soft
          ? 0.05
          : 0.9;
    const calls = Math.min(3, edge.callsPerRequest);
    const contribution =
      s?.role === 'edge' ? edge.callsPerRequest * fail : Math.min(1, calls) * fail * propagate;
    failProduct *= 1 - Math.min(1, contribution);
    if (contribution > worstFail) {
      worstFail = contribution;
      failingEdge = e;
    }
    const slow = calls * (callee.p95 + add);
    if (slow > worstSlow) {
      worstSlow = slow;
      slowEdge = e;
    }
    if (s?.role === 'edge') {
      parts.push({
        weight: edge.callsPerRequest,
        q: { p50: callee.p50 + add, p95: callee.p95 + add, p99: callee.p99 + add },
      });
    } else {
      q.p50 += calls * (callee.p50 + add);
      q.p95 += calls * (callee.p95 + add);
      q.p99 += calls * (callee.p99 + add);
    }
  }
  if (parts.length > 0) {
    const mixed = mixtureQuantiles(parts);
    q.p50 += mixed.p50;
    q.p95 += mixed.p95;
    q.p99 += mixed.p99;
  }
  if (worstSlow < self.p95) slowEdge = -1;
  return { q, failProduct, failingEdge, slowEdge };
}

function capAt(q: Quantiles, limit: number): Quantiles {
  return { p50: Math.min(q.p50, limit), p95: Math.min(q.p95, limit), p99: Math.min(q.p99, limit) };
}

/** The error ratio a metric would show for `requests` requests at true ratio `p` (binomial noise). */
function observedRatio(rng: Random, p: number, requests: number): number {
  if (requests < 1) return p;
  const sd = Math.sqrt((p * (1 - p)) / requests);
  return Math.min(1, Math.max(0, p + rng.normal(0, sd)));
}

function stepMemory(
  o: SimOptions,
  c: Conditions,
  p: Persistent,
  skew: number[][],
  t: number,
  base: number,
  memoryBytes: Float64Array,
  memoryUtilization: Float64Array,
): void {
  o.index.services.forEach((s, i) => {
    if (s.memoryLimitBytes <= 0) return;
    const leaked = p.leakedBytes[i] as Float64Array;
    const load = trafficFactor(t);
    let sum = 0;
    let max = 0;
    for (let r = 0; r < leaked.length; r++) {
      leaked[r] = (leaked[r] ?? 0) + (c.memoryLeakBytesPerMs[i] ?? 0) * o.stepMs * (skew[i]?.[r] ?? 1);
      let bytes =
        s.memoryBaseBytes * (1 + 0.06 * load + o.rng.normal(0, 0.008 * o.noise)) * (c.memoryFactor[i] ?? 1) +
        (leaked[r] ?? 0);
      if (bytes >= s.memoryLimitBytes) {
        p.restarts.push({ ts: t + o.rng.float(0, o.stepMs), service: i, replica: r, reason: 'OOMKilled' });
        p.restartCount[i] = (p.restartCount[i] ?? 0) + 1;
        leaked[r] = 0;
        bytes = s.memoryBaseBytes * 0.7;
        // In-flight requests on the killed pod fail, and the pod serves nothing until it is ready.
        c.selfErrorAdd[i] =
          (c.selfErrorAdd[i] ?? 0) + (0.6 / s.replicas) * Math.min(1, RESTART_DOWNTIME_MS / o.stepMs);
      }
      sum += bytes;
      max = Math.max(max, bytes);
    }
    memoryBytes[base + i] = sum / leaked.length;
    memoryUtilization[base + i] = Math.min(1, max / s.memoryLimitBytes);
  });
}

/** Normal growth of stateful disks: about 1.5 % a day. */
const DISK_GROWTH_PER_MS = 0.015 / (24 * 60 * MINUTE_MS);

function stepDisk(o: SimOptions, c: Conditions, p: Persistent, base: number, disk: Float64Array): void {
  o.index.services.forEach((s, i) => {
    if (s.role !== 'database' && s.role !== 'queue') return;
    const next = Math.min(1, (p.disk[i] ?? 0) + (DISK_GROWTH_PER_MS + (c.diskFillPerMs[i] ?? 0)) * o.stepMs);
    p.disk[i] = next;
    disk[base + i] = next;
    // A full volume fails writes (about a third of a database's statements) until space is freed.
    if (next >= 0.985) c.selfErrorAdd[i] = (c.selfErrorAdd[i] ?? 0) + 0.35;
  });
}

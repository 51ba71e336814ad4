/**
 * What holds for each service and call edge at one instant, before traffic, latency and errors
 * are propagated through the call graph. Noise, benign blips and faults write here; the engine
 * reads it. Arrays are indexed by service index (`Index`), edges by edge index.
 */
import type { LabService, LabTopology } from '../topology.js';

export interface Edge {
  from: number;
  to: number;
  callsPerRequest: number;
}

/** Service and edge numbering shared by the simulator and the emitters. */
export interface Index {
  services: LabService[];
  byName: Map<string, number>;
  edges: Edge[];
  /** Edge indices leaving each service. */
  out: number[][];
  /** Callers first: each service after all its callers. */
  order: number[];
  entry: number;
}

export function buildIndex(topology: LabTopology, callerFirst: LabService[]): Index {
  const services = topology.services;
  const byName = new Map(services.map((s, i) => [s.name, i]));
  const edges: Edge[] = [];
  const out: number[][] = services.map(() => []);
  services.forEach((s, from) => {
    for (const d of s.dependsOn) {
      const to = byName.get(d.service) as number;
      out[from]?.push(edges.length);
      edges.push({ from, to, callsPerRequest: d.callsPerRequest });
    }
  });
  return {
    services,
    byName,
    edges,
    out,
    order: callerFirst.map((s) => byName.get(s.name) as number),
    entry: byName.get(topology.entry) as number,
  };
}

export interface Conditions {
  /** Multiplier on user traffic at the entry. */
  trafficFactor: number;
  selfLatencyFactor: Float64Array;
  selfLatencyAddMs: Float64Array;
  /** Share of requests the service itself fails, added to its base error ratio. */
  selfErrorAdd: Float64Array;
  /** 1 when no instance is ready: calls to it fail at once and it reports no metrics. */
  down: Uint8Array;
  /** CPU a fault burns besides serving requests, in fractions of the service's capacity. */
  cpuAdd: Float64Array;
  /** Multiplier on how long a request holds a database connection. */
  holdFactor: Float64Array;
  /** Current connection-pool size (0 where the service has no pool). */
  poolMax: Float64Array;
  /** Cache hit ratio for cache services (ignored elsewhere). */
  cacheHitRatio: Float64Array;
  /** Multiplier on a worker's throughput. */
  consumeFactor: Float64Array;
  /** Bytes each replica's memory grows per millisecond beyond its working set (a leak). */
  memoryLeakBytesPerMs: Float64Array;
  /** Disk utilisation added per millisecond (0..1 scale) beyond normal growth. */
  diskFillPerMs: Float64Array;
  /**
   * Multiplier on a service's working set (1 = normal): a cache filled to maxmemory, or one that
   * has just restarted empty. Unlike a leak it carries nothing over between steps.
   */
  memoryFactor: Float64Array;
  edgeLatencyAddMs: Float64Array;
  /** Share of calls on the edge that fail before reaching the callee (TLS, network). */
  edgeErrorAdd: Float64Array;
  /** Why calls on the edge fail, for the callers' log lines. */
  edgeFailure: Uint8Array;
  /**
   * Share of calls on the edge the caller never sends (its resolver returns NXDOMAIN, its TLS
   * client rejects the peer before a request is written). The callee does not see them; the
   * caller fails them itself, so the fault adds them to the caller's own errors and writes its lines.
   */
  edgeUnsent: Float64Array;
}

/** Values of `Conditions.edgeFailure`. */
export const EDGE_OK = 0;
export const EDGE_RESET = 1;
export const EDGE_TLS = 2;

export const BASE_CACHE_HIT_RATIO = 0.94;

export function freshConditions(index: Index): Conditions {
  const n = index.services.length;
  const e = index.edges.length;
  const poolMax = new Float64Array(n);
  const cacheHitRatio = new Float64Array(n);
  index.services.forEach((s, i) => {
    poolMax[i] = s.poolMax ?? 0;
    cacheHitRatio[i] = s.role === 'cache' ? BASE_CACHE_HIT_RATIO : 0;
  });
  return {
    trafficFactor: 1,
    selfLatencyFactor: new Float64Array(n).fill(1),
    selfLatencyAddMs: new Float64Array(n),
    selfErrorAdd: new Float64Array(n),
    down: new Uint8Array(n),
    cpuAdd: new Float64Array(n),
    holdFactor: new Float64Array(n).fill(1),
    poolMax,
    cacheHitRatio,
    consumeFactor: new Float64Array(n).fill(1),
    memoryLeakBytesPerMs: new Float64Array(n),
    diskFillPerMs: new Float64Array(n),
    memoryFactor: new Float64Array(n).fill(1),
    edgeLatencyAddMs: new Float64Array(e),
    edgeErrorAdd: new Float64Array(e),
    edgeFailure: new Uint8Array(e),
    edgeUnsent: new Float64Array(e),
  };
}

/** Resets conditions in place for the next step (avoids allocating per step). */
export function resetConditions(index: Index, c: Conditions): void {
  c.trafficFactor = 1;
  c.selfLatencyFactor.fill(1);
  c.selfLatencyAddMs.fill(0);
  c.selfErrorAdd.fill(0);
  c.down.fill(0);
  c.cpuAdd.fill(0);
  c.holdFactor.fill(1);
  c.consumeFactor.fill(1);
  c.memoryLeakBytesPerMs.fill(0);
  c.diskFillPerMs.fill(0);
  c.memoryFactor.fill(1);
  c.edgeLatencyAddMs.fill(0);
  c.edgeErrorAdd.fill(0);
  c.edgeFailure.fill(0);
  c.edgeUnsent.fill(0);
  index.services.forEach((s, i) => {
    c.poolMax[i] = s.poolMax ?? 0;
    c.cacheHitRatio[i] = s.role === 'cache' ? BASE_CACHE_HIT_RATIO : 0;
  });
}

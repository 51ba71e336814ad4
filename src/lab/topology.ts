/**
 * The lab's model of a system: the services of a bundle's topology.yaml plus what the simulator
 * needs to make their telemetry (traffic split, latency, capacity, memory). Numbers are chosen to
 * look like a mid-sized production shop: tens to a few hundred requests a second per service,
 * single- to low-double-digit millisecond self times, databases slower than caches.
 */
import type { ServiceKind, Topology } from '../core/index.js';

/** What kind of process a service is; decides its log templates and metrics. */
export type LabRole =
  | 'edge'
  | 'web'
  | 'app'
  | 'db-proxy'
  | 'database'
  | 'cache'
  | 'queue'
  | 'worker'
  | 'external';

export interface LabDependency {
  service: string;
  /**
   * Expected calls to the dependency per request. For the `edge` role the values are a routing
   * split (each request goes to exactly one upstream); elsewhere each call is independent.
   */
  callsPerRequest: number;
  /** A soft dependency degrades the caller when it fails (a fallback exists) instead of failing it. */
  soft?: boolean;
}

export interface LabService {
  name: string;
  kind: ServiceKind;
  role: LabRole;
  team: string;
  dependsOn: LabDependency[];
  /** Median time a request spends in the service itself, excluding its calls. */
  selfLatencyMs: number;
  /** Log-normal shape of self time; 0.5 gives p99 ≈ 3.2 × median. */
  latencySigma: number;
  baseErrorRatio: number;
  replicas: number;
  /** CPU cores a single request per second costs, spread over the replicas. */
  cpuPerRps: number;
  memoryBaseBytes: number;
  memoryLimitBytes: number;
  /** Span names and routes the service serves. */
  operations: string[];
  /** Size of the service's own connection pool to the database, where it has one. */
  poolMax?: number;
}

export interface LabTopology {
  name: string;
  description: string;
  /** Where user traffic enters. */
  entry: string;
  /** Requests per second at the entry at the daily peak. */
  peakRps: number;
  services: LabService[];
}

export function toBundleTopology(t: LabTopology): Topology {
  return {
    services: t.services.map((s) => ({
      name: s.name,
      kind: s.kind,
      dependsOn: s.dependsOn.map((d) => d.service),
    })),
  };
}

export function serviceByName(t: LabTopology, name: string): LabService {
  const s = t.services.find((x) => x.name === name);
  if (!s) throw new Error(`topology ${t.name} has no service ${name}`);
  return s;
}

/** Services that call `name`. */
export function callersOf(t: LabTopology, name: string): LabService[] {
  return t.services.filter((s) => s.dependsOn.some((d) => d.service === name));
}

/** Every service reachable from `name` through its dependencies (not including itself). */
export function transitiveDependencies(t: LabTopology, name: string): Set<string> {
  const seen = new Set<string>();
  const stack = [name];
  while (stack.length > 0) {
    const current = serviceByName(t, stack.pop() as string);
    for (const d of current.dependsOn) {
      if (!seen.has(d.service)) {
        seen.add(d.service);
        stack.push(d.service);
      }
    }
  }
  return seen;
}

/**
 * Services ordered so that each comes after every service that calls it (callers first). The
 * simulator pushes traffic down in this order and latency and errors up in the reverse.
 */
export function callerFirstOrder(t: LabTopology): LabService[] {
  const indegree = new Map(t.services.map((s) => [s.name, 0]));
  for (const s of t.services)
    for (const d of s.dependsOn) indegree.set(d.service, (indegree.get(d.service) ?? 0) + 1);
  const ready = t.services.filter((s) => indegree.get(s.name) === 0);
  const out: LabService[] = [];
  while (ready.length > 0) {
    const s = ready.shift() as LabService;
    out.push(s);
    for (const d of s.dependsOn) {
      const left = (indegree.get(d.service) ?? 0) - 1;
      indegree.set(d.service, left);
      if (left === 0) ready.push(serviceByName(t, d.service));
    }
  }
  if (out.length !== t.services.length) throw new Error(`topology ${t.name} has a dependency cycle`);
  return out;
}

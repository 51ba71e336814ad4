/**
 * What the simulator computed for every step and service: the numbers metrics are made of, and
 * what the log and trace emitters need to stay consistent with them. Stored column-wise
 * (`value[step * services + service]`) so a 24 h run of 19 services is a few megabytes.
 */

export const SERIES_FIELDS = [
  'rps',
  'errorRatio',
  'p50',
  'p95',
  'p99',
  'selfMedianMs',
  'selfErrorRatio',
  'cpu',
  'memoryBytes',
  'memoryUtilization',
  'restarts',
  'poolInUse',
  'poolMax',
  'cacheHitRatio',
  'queueDepth',
  'disk',
  'timeoutShare',
] as const;
export type SeriesField = (typeof SERIES_FIELDS)[number];

export interface SimResult {
  stepMs: number;
  start: number;
  steps: number;
  services: number;
  fields: Record<SeriesField, Float64Array>;
  /** 1 where the service had no ready instance during the step. */
  down: Uint8Array;
  /** Per step and service: the edge index whose failures caused most of the service's errors, or -1. */
  failingEdge: Int16Array;
  /** Per step and service: the edge index that added most latency, or -1. */
  slowEdge: Int16Array;
  /** Per step and edge: the share of calls failing on the wire, and why (`EDGE_*`). */
  edgeError: Float32Array;
  edgeFailure: Uint8Array;
  /** Per step and edge: latency added on the wire, in ms. */
  edgeLatencyMs: Float32Array;
  /** Per step and edge: the share of calls the caller never sent (name not resolved, TLS refused). */
  edgeUnsent: Float32Array;
  /** Container restarts the simulator caused (OOM kills), in time order. */
  restarts: RestartRecord[];
}

export interface RestartRecord {
  ts: number;
  service: number;
  replica: number;
  reason: 'OOMKilled' | 'Error';
}

export function allocateResult(
  start: number,
  stepMs: number,
  steps: number,
  services: number,
  edges: number,
): SimResult {
  const size = steps * services;
  const fields = Object.fromEntries(SERIES_FIELDS.map((f) => [f, new Float64Array(size)])) as Record<
    SeriesField,
    Float64Array
  >;
  return {
    stepMs,
    start,
    steps,
    services,
    fields,
    down: new Uint8Array(size),
    failingEdge: new Int16Array(size).fill(-1),
    slowEdge: new Int16Array(size).fill(-1),
    edgeError: new Float32Array(steps * edges),
    edgeFailure: new Uint8Array(steps * edges),
    edgeLatencyMs: new Float32Array(steps * edges),
    edgeUnsent: new Float32Array(steps * edges),
    restarts: [],
  };
}

export function at(result: SimResult, field: SeriesField, step: number, service: number): number {
  return result.fields[field][step * result.services + service] as number;
}

export function stepTime(result: SimResult, step: number): number {
  return result.start + step * result.stepMs;
}

/** The steps from `from` on, sharing memory with `result`; restarts before them are dropped. */
export function sliceResult(result: SimResult, from: number): SimResult {
  if (from <= 0) return result;
  const n = result.services;
  const e = result.edgeError.length / Math.max(1, result.steps);
  const fields = Object.fromEntries(
    SERIES_FIELDS.map((f) => [f, result.fields[f].subarray(from * n)]),
  ) as Record<SeriesField, Float64Array>;
  const start = result.start + from * result.stepMs;
  return {
    stepMs: result.stepMs,
    start,
    steps: result.steps - from,
    services: n,
    fields,
    down: result.down.subarray(from * n),
    failingEdge: result.failingEdge.subarray(from * n),
    slowEdge: result.slowEdge.subarray(from * n),
    edgeError: result.edgeError.subarray(from * e),
    edgeFailure: result.edgeFailure.subarray(from * e),
    edgeLatencyMs: result.edgeLatencyMs.subarray(from * e),
    edgeUnsent: result.edgeUnsent.subarray(from * e),
    restarts: result.restarts.filter((r) => r.ts >= start),
  };
}

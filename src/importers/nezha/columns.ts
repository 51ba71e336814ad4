/**
 * Where each Nezha metric column goes: one declarative table per file kind. Columns that mean what
 * a preferred name of the bundle spec means take that name and its unit (ratios 0..1, bytes,
 * milliseconds); the rest keep a snake_case name of their own with the unit in it where the source
 * states one. Nezha gives no time base for the byte and syscall columns (they look like rates over
 * the one-minute step), so their names say what is counted and nothing more.
 */
import type { FrontLatencyColumn, PodValueColumn } from './wire.js';

/** A kept column: the metric it becomes and how its value converts. */
export interface KeptColumn {
  metric: string;
  convert: (value: number) => number;
}

/** A column left out, and why. */
export interface DroppedColumn {
  dropped: string;
}

export type ColumnRule = KeptColumn | DroppedColumn;

// Products such as 0.0046 * 1000 pick up binary noise (4.6000000000000005); 15 significant digits
// are exact for every double and drop the noise our conversion added, not digits the source had.
const tidy = (value: number): number => Number(value.toPrecision(15));
const same = (value: number): number => value;
const percentToRatio = (value: number): number => tidy(value / 100);
const secondsToMs = (value: number): number => tidy(value * 1000);
const mebibytesToBytes = (value: number): number => value * 2 ** 20;

/** The value columns of a `<pod>_metric.csv`, each sample written for the pod's service. */
export const POD_COLUMN_RULES = {
  'CpuUsage(m)': { metric: 'cpu_usage_millicores', convert: same },
  'CpuUsageRate(%)': { metric: 'cpu_utilization', convert: percentToRatio },
  'MemoryUsage(Mi)': { metric: 'memory_bytes', convert: mebibytesToBytes },
  'MemoryUsageRate(%)': { metric: 'memory_utilization', convert: percentToRatio },
  SyscallRead: { metric: 'syscall_read', convert: same },
  SyscallWrite: { metric: 'syscall_write', convert: same },
  NetworkReceiveBytes: { metric: 'network_receive_bytes', convert: same },
  NetworkTransmitBytes: { metric: 'network_transmit_bytes', convert: same },
  'PodClientLatencyP90(s)': { metric: 'pod_client_latency_p90_ms', convert: secondsToMs },
  'PodClientLatencyP95(s)': { metric: 'pod_client_latency_p95_ms', convert: secondsToMs },
  'PodClientLatencyP99(s)': { metric: 'pod_client_latency_p99_ms', convert: secondsToMs },
  // The server side is the latency the pod's callers see: the spec's latency_pNN_ms.
  'PodServerLatencyP90(s)': { metric: 'latency_p90_ms', convert: secondsToMs },
  'PodServerLatencyP95(s)': { metric: 'latency_p95_ms', convert: secondsToMs },
  'PodServerLatencyP99(s)': { metric: 'latency_p99_ms', convert: secondsToMs },
  'PodWorkload(Ops)': { metric: 'requests_per_second', convert: same },
  // 0 in every row of every pod file, during faults or not: the collector never filled it. Written
  // as error_ratio it would claim that every request failed, so pods carry no error signal.
  'PodSuccessRate(%)': { dropped: 'always 0 in Nezha data: the collector never filled it' },
  // The node the pod ran on; pods sharing a node carry the same values.
  'NodeCpuUsageRate(%)': { metric: 'node_cpu_utilization', convert: percentToRatio },
  'NodeMemoryUsageRate(%)': { metric: 'node_memory_utilization', convert: percentToRatio },
  NodeNetworkReceiveBytes: { metric: 'node_network_receive_bytes', convert: same },
} as const satisfies Record<PodValueColumn, ColumnRule>;

/** `front_service.csv`: the entry service's latency as its users see it, in seconds. */
export const FRONT_LATENCY_RULES = {
  'LatencyP50(s)': { metric: 'latency_p50_ms', convert: secondsToMs },
  'LatencyP90(s)': { metric: 'latency_p90_ms', convert: secondsToMs },
  'LatencyP95(s)': { metric: 'latency_p95_ms', convert: secondsToMs },
  'LatencyP99(s)': { metric: 'latency_p99_ms', convert: secondsToMs },
} as const satisfies Record<FrontLatencyColumn, KeptColumn>;

/** `front_service.csv`'s `SuccessRate(%)` → error_ratio, the share of requests that failed. */
export const FRONT_SUCCESS_RULE: KeptColumn = {
  metric: 'error_ratio',
  // 100 − x is exact for x in 50..100 (Sterbenz); 1 − x/100 would lose a digit to cancellation.
  convert: (successPercent) => tidy((100 - successPercent) / 100),
};

/**
 * `source_50.csv` and `destination_50.csv`: the median latency of each call edge in seconds, from
 * Istio's request-duration histogram as reported by the caller's sidecar (`source`) or the
 * callee's (`destination`); the file names and `<caller>_<callee>` columns are those of the
 * MicroRCA collector that produced them.
 */
export const EDGE_LATENCY_RULE: KeptColumn = { metric: 'call_latency_p50_ms', convert: secondsToMs };

/** Whether a rule keeps its column. */
export function isKept(rule: ColumnRule): rule is KeptColumn {
  return 'metric' in rule;
}

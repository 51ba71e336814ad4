/**
 * Zod schemas of Nezha's raw files (IntelligentDDS/Nezha, `rca_data/<day>/`): the fault list, the
 * per-pod metric files, the frontend's service-level file, the per-call-edge latency files and the
 * dependency list. Cells arrive as text and leave as numbers and epoch milliseconds.
 */
import { z } from 'zod';
import { GO_TIME_EXPECTATION, parseGoTime } from './go-time.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A `Time` (or `time`) cell → epoch ms. */
export const goTimeCell = z.string().transform((text, ctx) => {
  const ms = parseGoTime(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: GO_TIME_EXPECTATION });
    return z.NEVER;
  }
  return ms;
});

/**
 * A measurement cell. Nezha writes `NaN` when a pod served no request in that minute (a latency
 * percentile of nothing) and leaves an edge's cell empty when the edge carried no call; both mean
 * "no sample", not zero, so they become undefined and no row is written for them.
 */
export const measurementCell = z.string().transform((text, ctx) => {
  if (text === '' || text === 'NaN') return undefined;
  if (!NUMBER.test(text)) {
    ctx.addIssue({ code: 'custom', message: 'expected a number, "NaN" or nothing' });
    return z.NEVER;
  }
  return Number(text);
});

/** A cell that must hold a name. */
export const nameCell = z.string().min(1, 'must not be empty');

/** A success rate in percent, 0..100; missing like any measurement. */
export const percentCell = measurementCell.refine(
  (value) => value === undefined || (value >= 0 && value <= 100),
  'expected a percentage from 0 to 100',
);

/** The value columns of a `<pod>_metric.csv`, after `Time`, `TimeStamp` and `PodName`. */
export const POD_VALUE_COLUMNS = [
  'CpuUsage(m)',
  'CpuUsageRate(%)',
  'MemoryUsage(Mi)',
  'MemoryUsageRate(%)',
  'SyscallRead',
  'SyscallWrite',
  'NetworkReceiveBytes',
  'NetworkTransmitBytes',
  'PodClientLatencyP90(s)',
  'PodServerLatencyP90(s)',
  'PodClientLatencyP95(s)',
  'PodServerLatencyP95(s)',
  'PodClientLatencyP99(s)',
  'PodServerLatencyP99(s)',
  'PodWorkload(Ops)',
  'PodSuccessRate(%)',
  'NodeCpuUsageRate(%)',
  'NodeMemoryUsageRate(%)',
  'NodeNetworkReceiveBytes',
] as const;
export type PodValueColumn = (typeof POD_VALUE_COLUMNS)[number];

/**
 * Every column of a pod file. `TimeStamp` (integer seconds) is read past: it is corrupted in some
 * files, and `Time` says the same thing to the millisecond.
 */
export const POD_COLUMNS = ['Time', 'TimeStamp', 'PodName', ...POD_VALUE_COLUMNS] as const;

/** The latency columns of `front_service.csv`, in seconds. */
export const FRONT_LATENCY_COLUMNS = [
  'LatencyP50(s)',
  'LatencyP90(s)',
  'LatencyP95(s)',
  'LatencyP99(s)',
] as const;
export type FrontLatencyColumn = (typeof FRONT_LATENCY_COLUMNS)[number];

/** Every column of `front_service.csv`. */
export const FRONT_SERVICE_COLUMNS = [
  'Time',
  'TimeStamp',
  'ServiceName',
  'SuccessRate(%)',
  ...FRONT_LATENCY_COLUMNS,
] as const;

/**
 * Who measured an edge latency file's values, as Istio's `reporter` label says: the caller's
 * sidecar (`source_50.csv`) or the callee's (`destination_50.csv`).
 */
export const EDGE_REPORTERS = ['source', 'destination'] as const;
export type EdgeReporter = (typeof EDGE_REPORTERS)[number];

/** The time columns of `source_50.csv` and `destination_50.csv`; every other column is an edge. */
export const EDGE_TIME_COLUMN = 'time';
export const EDGE_TIMESTAMP_COLUMN = 'timestamp';

/** The columns of `dependency.csv`; `Weight` is 1 on every edge and not used. */
export const DEPENDENCY_COLUMNS = ['Source', 'Target'] as const;

/** One injected fault as the fault list writes it. */
export const faultItemSchema = z.object({
  // Written without a zone; it is UTC (it matches inject_timestamp on every fault but one).
  inject_time: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected "YYYY-MM-DD hh:mm:ss"'),
  inject_timestamp: z
    .union([z.string().regex(/^\d+$/, 'expected whole epoch seconds'), z.number().int().positive()])
    .transform(Number),
  inject_pod: z.string().trim().min(1, 'must not be empty'),
  inject_type: z.string().trim().min(1, 'must not be empty'),
});
export type FaultItem = z.infer<typeof faultItemSchema>;

/** `<day>-fault_list.json`: faults grouped by the hour ("03", "04", …) they were injected in. */
export const faultListSchema = z.record(z.string(), z.array(faultItemSchema));

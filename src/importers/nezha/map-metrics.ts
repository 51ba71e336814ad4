/**
 * Nezha's metric rows → bundle metric samples (pure), and the samples of one fault's window. Every
 * sample is stamped with its row's `Time`; rows of different files are a fraction of a second apart
 * and are written as they are.
 */
import type { MetricSample, TimeWindow } from '../../core/index.js';
import {
  EDGE_LATENCY_RULE,
  FRONT_LATENCY_RULES,
  FRONT_SUCCESS_RULE,
  isKept,
  type KeptColumn,
  POD_COLUMN_RULES,
} from './columns.js';
import type { EdgeTable, FrontRow, PodRow } from './decode.js';
import { type EdgeReporter, POD_VALUE_COLUMNS } from './wire.js';

/**
 * The label that sets the entry service's service-level series (`front_service.csv`) apart from
 * the same metric names measured on its pod.
 */
export const SERVICE_LEVEL_LABELS: Readonly<Record<string, string>> = { level: 'service' };

const KEPT_POD_COLUMNS = POD_VALUE_COLUMNS.flatMap((column) => {
  const rule = POD_COLUMN_RULES[column];
  return isKept(rule) ? [{ column, rule }] : [];
});

/** The samples of one pod's rows, written for `service`. */
export function podSamples(service: string, rows: readonly PodRow[]): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const row of rows) {
    for (const { column, rule } of KEPT_POD_COLUMNS) {
      const value = row.values[column];
      if (value !== undefined) samples.push(sample(row.timeMs, service, rule, value, {}));
    }
  }
  return samples;
}

/**
 * Whether `front_service.csv`'s success rate carries no signal: 0 in every row, as in Nezha's
 * TrainTicket days, where error_ratio 1 would claim that every request failed all day.
 */
export function successRateIsBlank(rows: readonly FrontRow[]): boolean {
  return rows.length > 0 && rows.every((row) => row.successPercent === undefined || row.successPercent === 0);
}

/** The entry service's service-level samples, labelled `level=service`. */
export function frontServiceSamples(
  service: string,
  rows: readonly FrontRow[],
  options: { errorRatio: boolean },
): MetricSample[] {
  const samples: MetricSample[] = [];
  const labels = { ...SERVICE_LEVEL_LABELS };
  for (const row of rows) {
    if (options.errorRatio && row.successPercent !== undefined) {
      samples.push(sample(row.timeMs, service, FRONT_SUCCESS_RULE, row.successPercent, labels));
    }
    for (const [column, rule] of Object.entries(FRONT_LATENCY_RULES)) {
      const value = row.latencySeconds[column as keyof typeof FRONT_LATENCY_RULES];
      if (value !== undefined) samples.push(sample(row.timeMs, service, rule, value, labels));
    }
  }
  return samples;
}

/**
 * The median latency of each call edge: written for the caller, with the callee in label `to`
 * and who measured it in label `reporter`, so both files' series of one edge stay apart.
 */
export function edgeSamples(reporter: EdgeReporter, table: EdgeTable): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const row of table.rows) {
    for (const edge of table.edges) {
      const value = row.seconds.get(edge.column);
      if (value === undefined) continue;
      samples.push(sample(row.timeMs, edge.from, EDGE_LATENCY_RULE, value, { to: edge.to, reporter }));
    }
  }
  return samples;
}

/** Samples sorted by time; samples of one instant keep their order (the sort is stable). */
export function sortByTime(samples: MetricSample[]): MetricSample[] {
  return samples.sort((a, b) => a.ts - b.ts);
}

/** The samples of `sorted` (ascending `ts`) from `window.start` to `window.end`, both included. */
export function samplesInWindow(sorted: readonly MetricSample[], window: TimeWindow): MetricSample[] {
  return sorted.slice(firstAtOrAfter(sorted, window.start), firstAtOrAfter(sorted, window.end + 1));
}

function firstAtOrAfter(sorted: readonly MetricSample[], ms: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.ts < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sample(
  ts: number,
  service: string,
  rule: KeptColumn,
  raw: number,
  labels: Record<string, string>,
): MetricSample {
  return { ts, service, metric: rule.metric, value: rule.convert(raw), labels };
}

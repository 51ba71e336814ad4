/**
 * Reads what an analysis needs from a bundle, limited to a time range: metric samples grouped into
 * series, log records, spans, events, changes and past incidents. Streams the large files, keeps
 * only the range. Every read takes the caller's signal down to the line reader, which destroys its
 * stream and closes the file when the signal is aborted: a source that timed out must not keep
 * reading (or hold a file descriptor) in the background.
 */
import type { Bundle } from '../../bundle/index.js';
import type {
  Change,
  InfraEvent,
  LogRecord,
  PastIncident,
  Series,
  Span,
  TimeRange,
} from '../../core/index.js';
import { HOUR_MS } from '../../core/index.js';

export interface Gathered {
  series: Series[];
  logs: LogRecord[];
  spans: Span[];
  events: InfraEvent[];
  changes: Change[];
}

/** How far before the read range changes are still returned. */
export const CHANGE_LEAD_UP_MS = 24 * HOUR_MS;

/** Everything in the range at once; an abort stops every read. */
export async function gather(bundle: Bundle, range: TimeRange, signal?: AbortSignal): Promise<Gathered> {
  const [series, logs, spans, events, changes] = await Promise.all([
    gatherSeries(bundle, range, signal),
    gatherLogs(bundle, range, signal),
    gatherSpans(bundle, range, signal),
    gatherEvents(bundle, range, signal),
    gatherChanges(bundle, range, signal),
  ]);
  return { series, logs, spans, events, changes };
}

export async function gatherSeries(
  bundle: Bundle,
  range: TimeRange,
  signal?: AbortSignal,
): Promise<Series[]> {
  const series = new Map<string, Series>();
  if (!bundle.has('metrics')) return [];
  for await (const batch of bundle.metricBatches(undefined, { range, signal })) {
    signal?.throwIfAborted();
    for (const s of batch) {
      if (s.ts < range.start || s.ts >= range.end) continue;
      const key = seriesKey(s.service, s.metric, s.labels);
      let target = series.get(key);
      if (!target) {
        target = { service: s.service, metric: s.metric, labels: s.labels, timestamps: [], values: [] };
        series.set(key, target);
      }
      target.timestamps.push(s.ts);
      target.values.push(s.value);
    }
  }
  return [...series.values()].map(sortSeries);
}

export async function gatherLogs(
  bundle: Bundle,
  range: TimeRange,
  signal?: AbortSignal,
): Promise<LogRecord[]> {
  const logs: LogRecord[] = [];
  if (!bundle.has('logs')) return logs;
  for await (const batch of bundle.logBatches(undefined, { range, signal })) {
    signal?.throwIfAborted();
    for (const r of batch) if (r.ts >= range.start && r.ts < range.end) logs.push(r);
  }
  return logs;
}

export async function gatherSpans(bundle: Bundle, range: TimeRange, signal?: AbortSignal): Promise<Span[]> {
  const spans: Span[] = [];
  if (!bundle.has('traces')) return spans;
  for await (const batch of bundle.spanBatches(undefined, { range, signal })) {
    signal?.throwIfAborted();
    for (const s of batch) if (s.start >= range.start && s.start < range.end) spans.push(s);
  }
  return spans;
}

export async function gatherEvents(
  bundle: Bundle,
  range: TimeRange,
  signal?: AbortSignal,
): Promise<InfraEvent[]> {
  if (!bundle.has('events')) return [];
  const events = await bundle.readAll('events', { signal });
  return events.filter((e) => e.ts >= range.start && e.ts < range.end);
}

/**
 * Changes up to the end of the range, reaching back a day before its start: a deploy hours before
 * the first symptom (a slow leak, a cron that runs nightly) is still a suspect.
 */
export async function gatherChanges(
  bundle: Bundle,
  range: TimeRange,
  signal?: AbortSignal,
): Promise<Change[]> {
  if (!bundle.has('changes')) return [];
  const changes = await bundle.readAll('changes', { signal });
  return changes.filter((c) => c.ts >= range.start - CHANGE_LEAD_UP_MS && c.ts < range.end);
}

export async function gatherHistory(bundle: Bundle, signal?: AbortSignal): Promise<PastIncident[]> {
  return bundle.has('history') ? bundle.readAll('history', { signal }) : [];
}

export function seriesKey(service: string, metric: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`);
  return `${service}\u0000${metric}\u0000${parts.join(',')}`;
}

function sortSeries(s: Series): Series {
  let sorted = true;
  for (let i = 1; i < s.timestamps.length; i++) {
    if ((s.timestamps[i] as number) < (s.timestamps[i - 1] as number)) {
      sorted = false;
      break;
    }
  }
  if (sorted) return s;
  const order = s.timestamps
    .map((_, i) => i)
    .sort((a, b) => (s.timestamps[a] as number) - (s.timestamps[b] as number));
  return {
    ...s,
    timestamps: order.map((i) => s.timestamps[i] as number),
    values: order.map((i) => s.values[i] as number),
  };
}

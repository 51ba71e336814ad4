/**
 * Reads what an analysis needs from a bundle, limited to a time range: metric samples grouped into
 * series, log records, spans, events, changes. Streams the large files and keeps only the range.
 */
import type { Bundle } from '../bundle/index.js';
import type { Change, InfraEvent, LogRecord, Series, Span } from '../core/index.js';

export interface Gathered {
  series: Series[];
  logs: LogRecord[];
  spans: Span[];
  events: InfraEvent[];
  changes: Change[];
}

export interface Range {
  start: number;
  end: number;
}

export async function gather(bundle: Bundle, range: Range): Promise<Gathered> {
  const inRange = (t: number) => t >= range.start && t < range.end;
  const series = new Map<string, Series>();
  if (bundle.has('metrics')) {
    for await (const batch of bundle.metricBatches()) {
      for (const s of batch) {
        if (!inRange(s.ts)) continue;
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
  }
  const logs: LogRecord[] = [];
  if (bundle.has('logs'))
    for await (const batch of bundle.logBatches()) for (const r of batch) if (inRange(r.ts)) logs.push(r);
  const spans: Span[] = [];
  if (bundle.has('traces'))
    for await (const batch of bundle.spanBatches())
      for (const s of batch) if (inRange(s.start)) spans.push(s);
  const events = bundle.has('events') ? await bundle.readAll('events') : [];
  const changes = bundle.has('changes') ? await bundle.readAll('changes') : [];
  return { series: [...series.values()].map(sortSeries), logs, spans, events, changes };
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

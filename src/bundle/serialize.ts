/**
 * One record → one line of a data file, in the field order of the spec's examples. These run a
 * million times per lab bundle, so they concatenate strings and call JSON.stringify only for
 * strings and free-form objects. Timestamps are written as RFC 3339 UTC; undefined optional fields
 * are left out. Every function returns a complete line ending in "\n".
 */
import type { Change, InfraEvent, LogRecord, MetricSample, PastIncident, Span } from '../core/index.js';
import { NightshiftError } from '../core/index.js';
import { METRICS_CSV_COLUMNS, quoteCsvField } from './csv.js';

const str = JSON.stringify;

/** The header line of a metrics.csv without label columns. */
export const METRICS_CSV_HEADER = `${METRICS_CSV_COLUMNS.join(',')}\n`;

/** The header line of a metrics.csv whose label columns are `labelColumns`, in that order. */
export function formatMetricsCsvHeader(labelColumns: readonly string[]): string {
  if (labelColumns.length === 0) return METRICS_CSV_HEADER;
  return `${[...METRICS_CSV_COLUMNS, ...labelColumns].map(quoteCsvField).join(',')}\n`;
}

/**
 * A metrics.csv row. `labelColumns` must match the header; a sample without a label gets an
 * empty cell. Throws when the sample has a label that is not a column, since it would be lost.
 */
export function formatMetricCsvRow(sample: MetricSample, labelColumns: readonly string[]): string {
  let line = `${toIsoUtc(sample.ts)},${quoteCsvField(sample.service)},${quoteCsvField(sample.metric)},${sample.value}`;
  let written = 0;
  for (const column of labelColumns) {
    const value = sample.labels[column];
    if (value === undefined) {
      line += ',';
    } else {
      line += `,${quoteCsvField(value)}`;
      written++;
    }
  }
  if (written !== countKeys(sample.labels)) {
    const missing = Object.keys(sample.labels).filter((label) => !labelColumns.includes(label));
    throw new NightshiftError(
      'BAD_INPUT',
      `metrics.csv: label ${missing.map((m) => `"${m}"`).join(', ')} of ${sample.service}/${sample.metric} has no column`,
      { hint: 'Pass every label name of the samples as a label column.' },
    );
  }
  return `${line}\n`;
}

/** A metrics.jsonl line. */
export function formatMetricJsonLine(sample: MetricSample): string {
  const labels = countKeys(sample.labels) === 0 ? '' : `,"labels":${str(sample.labels)}`;
  return `{"ts":"${toIsoUtc(sample.ts)}","service":${str(sample.service)},"metric":${str(sample.metric)},"value":${sample.value}${labels}}\n`;
}

/** A logs.jsonl line. */
export function formatLogLine(r: LogRecord): string {
  let line = `{"ts":"${toIsoUtc(r.ts)}","service":${str(r.service)},"level":"${r.level}","message":${str(r.message)}`;
  if (r.traceId !== undefined) line += `,"traceId":${str(r.traceId)}`;
  if (r.attrs !== undefined) line += `,"attrs":${str(r.attrs)}`;
  return `${line}}\n`;
}

/** A traces.jsonl line; a root span is written with `"parentSpanId":null`, as in the spec. */
export function formatSpanLine(s: Span): string {
  const parent = s.parentSpanId === undefined ? 'null' : str(s.parentSpanId);
  let line =
    `{"traceId":${str(s.traceId)},"spanId":${str(s.spanId)},"parentSpanId":${parent},` +
    `"service":${str(s.service)},"name":${str(s.name)},"start":"${toIsoUtc(s.start)}",` +
    `"durationMs":${s.durationMs},"status":"${s.status}"`;
  if (s.attrs !== undefined) line += `,"attrs":${str(s.attrs)}`;
  return `${line}}\n`;
}

/** A changes.jsonl line. */
export function formatChangeLine(c: Change): string {
  let line =
    `{"id":${str(c.id)},"ts":"${toIsoUtc(c.ts)}","service":${str(c.service)},` +
    `"kind":"${c.kind}","summary":${str(c.summary)}`;
  if (c.version !== undefined) line += `,"version":${str(c.version)}`;
  if (c.author !== undefined) line += `,"author":${str(c.author)}`;
  if (c.diff !== undefined) line += `,"diff":${str(c.diff)}`;
  if (c.url !== undefined) line += `,"url":${str(c.url)}`;
  return `${line}}\n`;
}

/** An events.jsonl line. */
export function formatEventLine(e: InfraEvent): string {
  return (
    `{"ts":"${toIsoUtc(e.ts)}","service":${str(e.service)},"object":${str(e.object)},` +
    `"type":${str(e.type)},"reason":${str(e.reason)},"message":${str(e.message)}}\n`
  );
}

/** A history.jsonl line. */
export function formatHistoryLine(h: PastIncident): string {
  let line = `{"id":${str(h.id)},"title":${str(h.title)},"startedAt":"${toIsoUtc(h.startedAt)}"`;
  if (h.resolvedAt !== undefined) line += `,"resolvedAt":"${toIsoUtc(h.resolvedAt)}"`;
  line += `,"services":${str(h.services)},"category":"${h.category}","rootCause":${str(h.rootCause)}`;
  if (h.resolution !== undefined) line += `,"resolution":${str(h.resolution)}`;
  return `${line}}\n`;
}

// Date#toISOString costs about a microsecond, more than the rest of a log line; records come in
// time order, so the "YYYY-MM-DDTHH:MM:" part is cached per minute. The output is identical.
const MAX_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000;
let cachedMinute = Number.NaN;
let cachedPrefix = '';

/** `new Date(ms).toISOString()`, faster for timestamps close together. */
export function toIsoUtc(ms: number): string {
  if (!(ms >= 0 && ms < MAX_FOUR_DIGIT_YEAR_MS && Number.isInteger(ms))) return new Date(ms).toISOString();
  const minute = Math.floor(ms / 60_000);
  if (minute !== cachedMinute) {
    cachedMinute = minute;
    cachedPrefix = new Date(minute * 60_000).toISOString().slice(0, 17);
  }
  const rest = ms - minute * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${cachedPrefix}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function countKeys(record: Record<string, string>): number {
  let n = 0;
  for (const _ in record) n++;
  return n;
}

/**
 * Redaction of the domain's telemetry records: every free-text field an incident's sources can
 * carry (log messages and attributes, span names and attributes, change summaries and diffs, event
 * messages, past incidents' write-ups, alert labels). Ids, timestamps, services and numbers are
 * left alone. A record with nothing to hide is returned as it is (no copy), so redacting a
 * million clean log lines allocates nothing.
 */
import type { Alert, Change, InfraEvent, LogRecord, PastIncident, Series, Span } from '../core/index.js';
import { redactDeep, redactString } from './redact.js';

/** `record` with `fields` redacted; the same object when none changed. */
function withRedacted<T extends object, K extends keyof T>(
  record: T,
  fields: readonly K[],
  redact: (value: T[K]) => T[K],
): T {
  let out: T | undefined;
  for (const field of fields) {
    const value = record[field];
    if (value === undefined) continue;
    const next = redact(value);
    if (next === value) continue;
    out ??= { ...record };
    out[field] = next;
  }
  return out ?? record;
}

const text = <V>(value: V): V => (typeof value === 'string' ? (redactString(value) as V) : value);

export function redactLogRecord(record: LogRecord): LogRecord {
  return withRedacted(withRedacted(record, ['message'], text), ['attrs'], redactDeep);
}

export function redactSpan(span: Span): Span {
  return withRedacted(withRedacted(span, ['name'], text), ['attrs'], redactDeep);
}

export function redactChange(change: Change): Change {
  return withRedacted(change, ['summary', 'diff', 'url', 'version'], text);
}

export function redactInfraEvent(event: InfraEvent): InfraEvent {
  return withRedacted(event, ['message', 'reason', 'object'], text);
}

export function redactPastIncident(incident: PastIncident): PastIncident {
  return withRedacted(incident, ['title', 'rootCause', 'resolution'], text);
}

/** Labels and annotations: a receiver URL with a password, a token pasted into a description. */
export function redactAlert(alert: Alert): Alert {
  return withRedacted(alert, ['name', 'labels', 'annotations'], redactDeep);
}

export function redactSeriesLabels(series: Series): Series {
  return withRedacted(series, ['labels'], redactDeep);
}

/**
 * Pure transforms of Jaeger's answers into spans: v1 (µs, typed tags, processes) and v3 (OTLP
 * JSON: ns strings, AnyValue attributes, status codes). Start times are floored to whole ms (the
 * Span model's instants); durations keep their fraction.
 */
import type { Span } from '../../core/index.js';
import type { AnyValue, KeyValue, OtlpSpan, V1Tag, V1Trace, V3Traces } from './wire.js';

/** Tags that say how a span ended rather than describe it. */
const STATUS_TAGS = new Set(['error', 'otel.status_code', 'otel.status_description']);

function tagValue(tag: V1Tag): unknown {
  if ((tag.type === 'int64' || tag.type === 'float64') && typeof tag.value === 'string')
    return Number(tag.value);
  return tag.value;
}

function isErrorTag(tag: V1Tag): boolean {
  if (tag.key === 'error') return tag.value === true || tag.value === 'true';
  return tag.key === 'otel.status_code' && tag.value === 'ERROR';
}

/** The spans of v1 traces; a span's parent is its CHILD_OF reference (else its first reference). */
export function spansFromV1(traces: readonly V1Trace[]): Span[] {
  const out: Span[] = [];
  for (const trace of traces) {
    for (const s of trace.spans) {
      const refs = s.references ?? [];
      const parent = refs.find((r) => r.refType === 'CHILD_OF') ?? refs[0];
      const tags = s.tags ?? [];
      const attrs: Record<string, unknown> = {};
      for (const t of tags) if (!STATUS_TAGS.has(t.key)) attrs[t.key] = tagValue(t);
      const service =
        (s.processID !== undefined ? trace.processes[s.processID]?.serviceName : undefined) ??
        s.process?.serviceName ??
        'unknown';
      out.push({
        traceId: s.traceID,
        spanId: s.spanID,
        ...(parent !== undefined && { parentSpanId: parent.spanID }),
        service,
        name: s.operationName,
        start: Math.floor(s.startTime / 1000),
        durationMs: s.duration / 1000,
        status: tags.some(isErrorTag) ? 'error' : 'ok',
        ...(Object.keys(attrs).length > 0 && { attrs }),
      });
    }
  }
  return out;
}

/** An OTLP AnyValue as plain JSON. */
export function plainValue(v: AnyValue | undefined): unknown {
  if (v === undefined) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.bytesValue !== undefined) return v.bytesValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(plainValue);
  if (v.kvlistValue !== undefined) return plainAttributes(v.kvlistValue.values);
  return undefined;
}

export function plainAttributes(kvs: readonly KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of kvs ?? []) out[kv.key] = plainValue(kv.value);
  return out;
}

const NS_PER_MS = 1_000_000n;

/** OTLP's STATUS_CODE_ERROR is 2; marshallers write it as the number or the enum name. */
export function isOtlpError(span: OtlpSpan): boolean {
  const code = span.status?.code;
  return code === 2 || code === 'STATUS_CODE_ERROR' || code === '2';
}

export function spansFromV3(body: V3Traces): Span[] {
  const out: Span[] = [];
  for (const rs of body.result.resourceSpans ?? []) {
    const service = String(plainAttributes(rs.resource?.attributes)['service.name'] ?? 'unknown');
    for (const scope of rs.scopeSpans ?? []) {
      for (const s of scope.spans ?? []) {
        const startNs = BigInt(s.startTimeUnixNano);
        const endNs = s.endTimeUnixNano === undefined ? startNs : BigInt(s.endTimeUnixNano);
        const attrs = plainAttributes(s.attributes);
        for (const k of STATUS_TAGS) delete attrs[k];
        out.push({
          traceId: s.traceId,
          spanId: s.spanId,
          ...(s.parentSpanId !== undefined && s.parentSpanId !== '' && { parentSpanId: s.parentSpanId }),
          service,
          name: s.name,
          start: Number(startNs / NS_PER_MS),
          durationMs: Number(endNs - startNs) / 1e6,
          status: isOtlpError(s) ? 'error' : 'ok',
          ...(Object.keys(attrs).length > 0 && { attrs }),
        });
      }
    }
  }
  return out;
}

/** How many distinct traces an answer holds (what Jaeger's limit counts). */
export function traceCount(spans: readonly Span[]): number {
  return new Set(spans.map((s) => s.traceId)).size;
}

/** Spans that start in [start, end), each once (a trace found through several services repeats). */
export function keepInRange(spans: Iterable<Span>, start: number, end: number): Span[] {
  const seen = new Map<string, Span>();
  for (const s of spans) {
    if (s.start < start || s.start >= end) continue;
    const key = `${s.traceId}/${s.spanId}`;
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()];
}

/** RFC 3339 with nanoseconds, as Jaeger's v3 API parses it (time.RFC3339Nano). */
export function toRfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

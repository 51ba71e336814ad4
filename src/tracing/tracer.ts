/**
 * Records an investigation as a tree of spans. The current span travels with the async context
 * (AsyncLocalStorage), so specialists started together with `Promise.all` each nest under the span
 * that started them, and no call site passes parents around.
 *
 * Everything recorded (names, attributes, prompts, tool input and output, error messages) is
 * redacted as it enters the record, before long strings are cut, so a secret cut in half is still
 * found whole. A trace is written to disk, the store and the API: it must never hold a secret.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { redactDeep, redactString } from '../anonymise/index.js';
import { ATTR } from './attributes.js';
import type { AttributeValue, SpanKind, SpanRecord, TraceRecord } from './schema.js';

/**
 * Long strings (prompts, outputs, tool JSON) are kept up to this many characters. A tool's output
 * is already capped at 8,000 characters for the model; 20,000 keeps a long prompt readable while
 * an investigation of a few dozen prompts stays around a megabyte on disk.
 */
export const MAX_ATTRIBUTE_CHARS = 20_000;

/** The span that a piece of work is running in, as that work sees it. */
export interface ActiveSpan {
  readonly id: string;
  /** Strings longer than {@link MAX_ATTRIBUTE_CHARS} are cut, with their length noted. */
  setAttribute(key: string, value: AttributeValue): void;
  setAttributes(values: Record<string, AttributeValue>): void;
  /**
   * Marks a failure that is returned as data, not thrown: a source that timed out is a result and
   * the investigation goes on, but the trace must still show it failed.
   */
  markError(message: string): void;
}

export interface TracerOptions {
  traceId: string;
  name: string;
  /** The clock, in milliseconds; tests pass a fake one. Default `Date.now`, so times are dates. */
  now?: () => number;
  /** False: spans run their work and record nothing. */
  enabled?: boolean;
}

/** A span reported after it happened (a model call whose timing arrives in a callback). */
export interface FinishedSpan {
  name: string;
  kind: SpanKind;
  startMs: number;
  endMs: number;
  attributes: Record<string, AttributeValue>;
  /** Present when it failed. */
  error?: string;
}

const NOOP_SPAN: ActiveSpan = { id: '', setAttribute() {}, setAttributes() {}, markError() {} };

export class Tracer {
  /** A tracer that records nothing, for callers that do not keep a trace (tests, one-off tools). */
  static disabled(): Tracer {
    return new Tracer({ traceId: 'disabled', name: 'disabled', enabled: false });
  }

  readonly enabled: boolean;
  private readonly spans: SpanRecord[] = [];
  private readonly open = new Set<SpanRecord>();
  private readonly parent = new AsyncLocalStorage<string>();
  private readonly now: () => number;
  private readonly startedAt: number;
  private next = 0;

  constructor(private readonly options: TracerOptions) {
    this.enabled = options.enabled !== false;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  /**
   * Runs `work` in a new span under the current one and returns what it returns. A throw marks the
   * span as an error (message and `error.type`) and is rethrown: tracing never swallows a failure.
   */
  async span<T>(
    name: string,
    kind: SpanKind,
    attributes: Record<string, AttributeValue>,
    work: (span: ActiveSpan) => T | Promise<T>,
  ): Promise<T> {
    if (!this.enabled) return work(NOOP_SPAN);
    const record = this.start({ name, kind, startMs: this.now(), endMs: 0, attributes });
    this.open.add(record);
    try {
      return await this.parent.run(record.id, () => work(activeSpan(record)));
    } catch (error) {
      markThrown(record, error);
      throw error;
    } finally {
      record.endMs = this.now();
      this.open.delete(record);
    }
  }

  /** Records a span that already happened, under the current span. */
  recordSpan(span: FinishedSpan): void {
    if (!this.enabled) return;
    const record = this.start(span);
    if (span.error !== undefined) markError(record, span.error);
  }

  /** The clock this tracer reads, for callers that time work themselves (see `recordSpan`). */
  time(): number {
    return this.now();
  }

  /**
   * The trace so far, as plain data detached from the tracer. A span still running (work left
   * behind by a timeout) ends now and carries `nightshift.unfinished`, so no duration is negative.
   */
  toRecord(): TraceRecord {
    const takenAt = this.now();
    const spans = this.spans.map((span) => {
      const copy = structuredClone(span);
      if (!this.open.has(span)) return copy;
      return { ...copy, endMs: takenAt, attributes: { ...copy.attributes, [ATTR.unfinished]: true } };
    });
    return { traceId: this.options.traceId, name: this.options.name, startedAt: this.startedAt, spans };
  }

  private start(span: Omit<FinishedSpan, 'error'>): SpanRecord {
    const parentId = this.parent.getStore();
    const record: SpanRecord = {
      id: `s${++this.next}`,
      ...(parentId === undefined ? {} : { parentId }),
      name: redactString(span.name),
      kind: span.kind,
      startMs: span.startMs,
      endMs: span.endMs,
      status: 'ok',
      attributes: {},
    };
    setAll(record, span.attributes);
    this.spans.push(record);
    return record;
  }
}

/** The shared disabled tracer: pass it where a `Tracer` is required and nothing should be kept. */
export const NOOP_TRACER: Tracer = Tracer.disabled();

function activeSpan(record: SpanRecord): ActiveSpan {
  return {
    id: record.id,
    setAttribute: (key, value) => setAll(record, { [key]: value }),
    setAttributes: (values) => setAll(record, values),
    markError: (message) => markError(record, message),
  };
}

function setAll(record: SpanRecord, values: Record<string, AttributeValue>): void {
  for (const [key, value] of Object.entries(redactDeep(values))) record.attributes[key] = storable(value);
}

function markError(record: SpanRecord, message: string): void {
  record.status = 'error';
  record.error = redactString(message);
}

function markThrown(record: SpanRecord, error: unknown): void {
  if (error instanceof Error) {
    markError(record, error.message || error.name);
    record.attributes[ATTR.errorType] = error.name;
  } else {
    markError(record, String(error));
  }
}

/**
 * A value that survives the JSON round trip and keeps the trace small: long strings are cut with
 * their length noted, and NaN or Infinity (which JSON would turn into null and the schema refuse)
 * are kept as text.
 */
function storable(value: AttributeValue): AttributeValue {
  if (typeof value === 'string') return truncate(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(truncate);
  return value;
}

/** Cuts `text` to {@link MAX_ATTRIBUTE_CHARS} characters and says how long it was. */
function truncate(text: string): string {
  if (text.length <= MAX_ATTRIBUTE_CHARS) return text;
  return `${text.slice(0, MAX_ATTRIBUTE_CHARS)}… (${text.length} characters, cut)`;
}

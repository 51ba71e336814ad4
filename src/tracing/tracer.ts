/**
 * Records an investigation as a tree of spans. The current span travels with the async context
 * (AsyncLocalStorage), so specialists started together with Promise.all each nest under the span
 * that started them, and no call site passes parents around.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ATTR, OPERATION } from './attributes.js';
import type { AttributeValue, SpanKind, SpanRecord, TraceRecord } from './schema.js';

/** Long texts (prompts, outputs, tool JSON) are kept up to this many characters. */
export const MAX_ATTRIBUTE_CHARS = 20_000;

export interface ActiveSpan {
  readonly id: string;
  setAttribute(key: string, value: AttributeValue): void;
  setAttributes(values: Record<string, AttributeValue>): void;
  /** Marks a failure that is returned as data, not thrown (a source that timed out). */
  markError(message: string): void;
}

export interface TracerOptions {
  traceId: string;
  name: string;
  now?: () => number;
  /** False: spans run their work and record nothing. */
  enabled?: boolean;
}

export class Tracer {
  private readonly spans: SpanRecord[] = [];
  private readonly current = new AsyncLocalStorage<string>();
  private readonly now: () => number;
  private readonly startedAt: number;
  private next = 0;

  constructor(private readonly options: TracerOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  static disabled(): Tracer {
    return new Tracer({ traceId: 'disabled', name: 'disabled', enabled: false });
  }

  async span<T>(
    name: string,
    kind: SpanKind,
    attributes: Record<string, AttributeValue>,
    work: (span: ActiveSpan) => T | Promise<T>,
  ): Promise<T> {
    const record: SpanRecord = {
      id: `s${++this.next}`,
      ...(this.current.getStore() ? { parentId: this.current.getStore() } : {}),
      name,
      kind,
      startMs: this.now(),
      endMs: 0,
      status: 'ok',
      attributes: { ...attributes },
    };
    if (this.options.enabled !== false) this.spans.push(record);
    const active: ActiveSpan = {
      id: record.id,
      setAttribute: (key, value) => {
        record.attributes[key] = clip(value);
      },
      setAttributes: (values) => {
        for (const [key, value] of Object.entries(values)) record.attributes[key] = clip(value);
      },
      markError: (message) => {
        record.status = 'error';
        record.error = message;
      },
    };
    try {
      return await this.current.run(record.id, () => work(active));
    } catch (error) {
      active.markError(error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      record.endMs = this.now();
    }
  }

  /**
   * Records a span that already happened (a model call reported when it finished), under the
   * current span.
   */
  recordSpan(span: {
    name: string;
    kind: SpanKind;
    startMs: number;
    endMs: number;
    attributes: Record<string, AttributeValue>;
    error?: string;
  }): void {
    if (this.options.enabled === false) return;
    const parentId = this.current.getStore();
    this.spans.push({
      id: `s${++this.next}`,
      ...(parentId ? { parentId } : {}),
      name: span.name,
      kind: span.kind,
      startMs: span.startMs,
      endMs: span.endMs,
      status: span.error ? 'error' : 'ok',
      ...(span.error ? { error: span.error } : {}),
      attributes: Object.fromEntries(Object.entries(span.attributes).map(([k, v]) => [k, clip(v)])),
    });
  }

  /** The clock this tracer reads. */
  time(): number {
    return this.now();
  }

  toRecord(): TraceRecord {
    return {
      traceId: this.options.traceId,
      name: this.options.name,
      startedAt: this.startedAt,
      spans: this.spans.map((s) => ({ ...s, attributes: { ...s.attributes } })),
    };
  }
}

export interface PromptRecord {
  provider: string;
  model: string;
  responseModel?: string;
  messages: unknown;
  output: unknown;
  inputTokens: number;
  outputTokens: number;
  finishReason: string;
  costUsd?: number;
}

export function recordPrompt(span: ActiveSpan, p: PromptRecord): void {
  span.setAttributes({
    [ATTR.operationName]: OPERATION.chat,
    [ATTR.providerName]: p.provider,
    [ATTR.requestModel]: p.model,
    [ATTR.responseModel]: p.responseModel ?? p.model,
    [ATTR.inputTokens]: p.inputTokens,
    [ATTR.outputTokens]: p.outputTokens,
    [ATTR.finishReasons]: [p.finishReason],
    [ATTR.promptMessages]: text(p.messages),
    [ATTR.promptOutput]: text(p.output),
    ...(p.costUsd === undefined ? {} : { [ATTR.costUsd]: p.costUsd }),
  });
}

export interface ToolCallRecord {
  tool: string;
  callId?: string;
  input: unknown;
  output?: unknown;
  error?: string;
}

export function recordToolCall(span: ActiveSpan, c: ToolCallRecord): void {
  span.setAttributes({
    [ATTR.operationName]: OPERATION.executeTool,
    [ATTR.toolName]: c.tool,
    [ATTR.toolInput]: text(c.input),
    ...(c.callId ? { [ATTR.toolCallId]: c.callId } : {}),
    ...(c.output === undefined ? {} : { [ATTR.toolOutput]: text(c.output) }),
  });
  if (c.error) span.markError(c.error);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function clip(value: AttributeValue): AttributeValue {
  if (typeof value !== 'string' || value.length <= MAX_ATTRIBUTE_CHARS) return value;
  return `${value.slice(0, MAX_ATTRIBUTE_CHARS)}… (${value.length} characters, cut)`;
}

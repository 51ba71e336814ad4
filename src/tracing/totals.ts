/**
 * What an investigation cost and how it went, summed from its trace: the first line of
 * `nightshift trace`, and figures a backtest or eval can compare across runs.
 */
import { ATTR } from './attributes.js';
import type { SpanRecord, TraceRecord } from './schema.js';

export interface TraceTotals {
  /** From the first span's start to the last span's end. */
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  /** Over priced prompts only; a prompt without a price adds nothing. */
  costUsd: number;
  prompts: number;
  toolCalls: number;
  /** Spans marked as errors, thrown or returned as data. */
  errors: number;
}

/**
 * Sums tokens and cost over `prompt` spans only: an agent span may carry a model id, but its usage
 * is the sum of its prompts, and counting both would double it.
 */
export function traceTotals(trace: TraceRecord): TraceTotals {
  const totals = { ...promptUsage(trace.spans), durationMs: 0, toolCalls: 0, errors: 0 };
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const span of trace.spans) {
    start = Math.min(start, span.startMs);
    end = Math.max(end, span.endMs);
    if (span.kind === 'tool') totals.toolCalls++;
    if (span.status === 'error') totals.errors++;
  }
  totals.durationMs = trace.spans.length === 0 ? 0 : Math.max(0, end - start);
  return totals;
}

/** Usage of the prompts among `spans`: the whole trace, or one span's subtree. */
export function promptUsage(
  spans: readonly SpanRecord[],
): Pick<TraceTotals, 'prompts' | 'inputTokens' | 'outputTokens' | 'costUsd'> {
  const usage = { prompts: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  for (const span of spans) {
    if (span.kind !== 'prompt') continue;
    usage.prompts++;
    usage.inputTokens += numberAt(span, ATTR.inputTokens);
    usage.outputTokens += numberAt(span, ATTR.outputTokens);
    usage.costUsd += numberAt(span, ATTR.costUsd);
  }
  return usage;
}

function numberAt(span: SpanRecord, key: string): number {
  const value = span.attributes[key];
  return typeof value === 'number' ? value : 0;
}

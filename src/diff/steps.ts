/**
 * A run as the steps it took, read from its trace: each tool call (arguments, result), each model
 * call (prompt, output), and each stage that recorded what it decided (the investigation's context,
 * each source read, the incident window, each review round of the built-in brain, the LLM brain's
 * baseline report). Two runs of the same logic on the same evidence take the same steps; the first
 * step where they do not is where they diverged. Pure.
 *
 * What is left out is what differs between two identical runs: times, tokens, cost, the model's
 * own ids for tool calls, and where a source was read from (a bundle folder, or the recorded
 * evidence of a replay).
 */
import { ATTR, type AttributeValue, type SpanRecord, type TraceRecord } from '../tracing/index.js';
import { canonicalJson } from './canonical.js';

/** `tool`: a tool call; `model`: one model call; `stage`: any other span that recorded a decision. */
export type StepKind = 'tool' | 'model' | 'stage';

export interface Step {
  /** 1-based, in the order the run took its steps. */
  index: number;
  kind: StepKind;
  /** The tool's name, the model asked for, or the stage's span name (`review round 1`). */
  name: string;
  /** The span in the trace, to look it up in `trace.md` or `nightshift trace`. */
  spanId: string;
  /** Canonical JSON of what went in: a tool's arguments, a model's prompt; `null` for a stage. */
  input: string;
  /** Canonical JSON of what came out: a tool's result or error, a model's output, a stage's record. */
  output: string;
}

/**
 * Attributes that differ between two runs that did the same thing, or that another step already
 * compares: ignored on stages (a tool or model step reads only the attributes it names).
 */
const INCIDENTAL_ATTRIBUTES: ReadonlySet<string> = new Set([
  ATTR.operationName,
  ATTR.agentName,
  ATTR.step,
  ATTR.unfinished,
  ATTR.errorType,
  ATTR.requestModel,
  ATTR.responseModel,
  ATTR.providerName,
  ATTR.inputTokens,
  ATTR.outputTokens,
  ATTR.costUsd,
  ATTR.finishReasons,
  ATTR.toolCallId,
  /** A bundle folder in one run, the recorded evidence in its replay: the same data either way. */
  'nightshift.source.from',
]);

/** The steps of `trace`, numbered from 1. */
export function stepsOf(trace: TraceRecord): Step[] {
  const steps: Step[] = [];
  for (const span of inLogicalOrder(trace.spans)) {
    const step = stepOf(span);
    if (step !== undefined) steps.push({ index: steps.length + 1, ...step });
  }
  return steps;
}

function stepOf(span: SpanRecord): Omit<Step, 'index'> | undefined {
  const a = span.attributes;
  if (span.kind === 'tool') {
    const tool = a[ATTR.toolName];
    return {
      kind: 'tool',
      name: typeof tool === 'string' ? tool : span.name.replace(/^tool /, ''),
      spanId: span.id,
      input: canonicalJson(a[ATTR.toolInput] ?? null),
      output: canonicalJson(withError(span, a[ATTR.toolOutput])),
    };
  }
  if (span.kind === 'prompt') {
    return {
      kind: 'model',
      name: String(a[ATTR.requestModel] ?? a[ATTR.responseModel] ?? span.name.replace(/^prompt /, '')),
      spanId: span.id,
      input: canonicalJson(a[ATTR.promptMessages] ?? null),
      output: canonicalJson(withError(span, a[ATTR.promptOutput])),
    };
  }
  const recorded = Object.entries(a).filter(([key]) => !INCIDENTAL_ATTRIBUTES.has(key));
  if (recorded.length === 0 && span.status === 'ok') return undefined;
  return {
    kind: 'stage',
    name: span.name,
    spanId: span.id,
    input: 'null',
    output: canonicalJson(withError(span, recorded.length === 0 ? undefined : Object.fromEntries(recorded))),
  };
}

/** What a span returned; a failed one as `{ error, output? }`, the way an export's results show it. */
function withError(span: SpanRecord, output: AttributeValue | Record<string, AttributeValue> | undefined) {
  if (span.status === 'ok') return output ?? null;
  return { error: span.error ?? 'failed', ...(output === undefined ? {} : { output }) };
}

/**
 * The spans in the order the run took the steps. The trace keeps spans in start order, but a model
 * call is recorded when its step ends (src/investigate/brains/llm/agent.ts, `onStepFinish`), after
 * the tool calls it asked for ran: each prompt is moved back before the tool calls just ahead of
 * it under the same parent, so that a model that asked for other tools shows as the model's step.
 * No clock is read: two runs that tied to the millisecond differently still line up.
 */
export function inLogicalOrder(spans: readonly SpanRecord[]): SpanRecord[] {
  const out: SpanRecord[] = [];
  // Tool calls already behind an earlier prompt were that prompt's: they are not moved again.
  let fence = 0;
  for (const span of spans) {
    if (span.kind !== 'prompt') {
      out.push(span);
      continue;
    }
    let at = out.length;
    while (at > fence) {
      const before = out[at - 1] as SpanRecord;
      if (before.kind !== 'tool' || before.parentId !== span.parentId) break;
      at--;
    }
    out.splice(at, 0, span);
    fence = out.length;
  }
  return out;
}

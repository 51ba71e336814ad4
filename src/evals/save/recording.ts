/**
 * A recorded interaction made from a stored investigation's trace: the alert, the context kept on
 * the root span, the built-in brain's report as the baseline, and every tool call with what it
 * returned. No model responses are kept in a trace, so `modelCalls` is empty: the case runs live
 * (`eval run --model …`) or against the built-in brain.
 */
import { NightshiftError, type Report, reportSchema } from '../../core/index.js';
import { contextOfTrace } from '../../investigate/index.js';
import { ATTR, type SpanRecord, type TraceRecord } from '../../tracing/index.js';
import { RECORDING_VERSION, type RecordedToolCall, type Recording } from '../recording/schema.js';
import type { FoundInvestigation } from './found.js';

/**
 * Where a baseline span may keep the built-in brain's report as JSON. Nothing writes it yet: when
 * the LLM brain records its draft there, saved cases get the true baseline instead of the final
 * report (see `baselineOf`).
 */

export interface MadeRecording {
  recording: Recording;
  /** What a person should know about how it was made (shown in the preview). */
  notes: string[];
}

export function recordingOf(found: FoundInvestigation): MadeRecording {
  if (found.recording) return { recording: found.recording, notes: [] };
  const trace = found.trace;
  const context = trace && contextOfTrace(trace);
  if (!trace || !context) {
    throw new NightshiftError(
      'BAD_INPUT',
      `${found.source} predates recorded context: its trace has no "nightshift.investigation.context" attribute, so it cannot be replayed without telemetry`,
      { hint: 'Run the investigation again with this version of nightshift, then save the new one.' },
    );
  }
  const notes: string[] = [];
  const baseline = baselineOf(found, trace, notes);
  const { calls, skipped } = toolCallsOf(trace);
  if (skipped > 0) notes.push(`${skipped} tool call(s) left out: their input was not a JSON object`);
  return {
    recording: {
      version: RECORDING_VERSION,
      alert: found.alert,
      context,
      baseline,
      toolCalls: calls,
      modelCalls: [],
      source: found.source,
    },
    notes,
  };
}

/**
 * The built-in brain's report: the investigation's own when its brain was builtin, else a report
 * kept on the baseline span, else (an LLM investigation that kept none) the final report, said so.
 */
function baselineOf(found: FoundInvestigation, trace: TraceRecord, notes: string[]): Report {
  if (found.brain === 'builtin') return found.report;
  for (const span of trace.spans) {
    const text = span.attributes[ATTR.baselineReport];
    if (typeof text !== 'string') continue;
    const parsed = reportSchema.safeParse(safeJson(text));
    if (parsed.success) {
      notes.push(`baseline: the built-in brain's report kept on span "${span.name}"`);
      return parsed.data;
    }
  }
  notes.push(
    `baseline: the ${found.brain ?? 'unknown'} brain's final report (the trace kept no built-in draft); a replay starts from that answer`,
  );
  return found.report;
}

/** Tool spans in start order; a repeated call (same tool, same input) is kept once, the first. */
function toolCallsOf(trace: TraceRecord): { calls: RecordedToolCall[]; skipped: number } {
  const calls: RecordedToolCall[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const span of trace.spans) {
    if (span.kind !== 'tool') continue;
    const call = toolCallOf(span);
    if (!call) {
      skipped++;
      continue;
    }
    const key = `${call.tool}\u0000${JSON.stringify(call.input)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    calls.push(call);
  }
  return { calls, skipped };
}

function toolCallOf(span: SpanRecord): RecordedToolCall | undefined {
  const tool = span.attributes[ATTR.toolName];
  const inputText = span.attributes[ATTR.toolInput];
  if (typeof tool !== 'string' || typeof inputText !== 'string') return undefined;
  const input = safeJson(inputText);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const output = span.attributes[ATTR.toolOutput];
  if (span.status === 'error' || output === undefined) {
    return { tool, input: input as Record<string, unknown>, error: span.error ?? 'failed' };
  }
  // The presented JSON as an object reads better in YAML; a truncated one stays text.
  const result = typeof output === 'string' ? (safeJson(output) ?? output) : output;
  return { tool, input: input as Record<string, unknown>, result };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

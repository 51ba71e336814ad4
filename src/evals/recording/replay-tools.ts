/**
 * The investigation tools on a recording: each call is answered with the recorded result of the
 * same tool called with the same input, so an LLM investigation replays with no telemetry at all.
 * Inputs match after the tool's own schema has filled in its defaults, with keys in any order, so
 * `{service: "a"}` finds a call recorded as `{limit: 20, service: "a"}` when 20 is the default.
 *
 * A call that was not recorded is no crash: the model reads an error naming the calls that were
 * recorded for that tool, as it would read any tool's error, and may try one of those.
 */
import { redactString } from '../../anonymise/index.js';
import type { ToolCaller } from '../../investigate/brains/llm/index.js';
import { type ToolName, tools } from '../../investigate/tools/index.js';
import { recordToolCall } from '../../tracing/index.js';
import { stableJson } from './request-key.js';
import type { RecordedToolCall } from './schema.js';

/** The input as the tool would run it (schema defaults applied), as stable JSON. */
export function canonicalToolInput(tool: string, input: unknown): string {
  const def = (
    tools as Record<string, { input: { safeParse(v: unknown): { success: boolean; data?: unknown } } }>
  )[tool];
  const parsed = def?.input.safeParse(input ?? {});
  return stableJson(parsed?.success ? parsed.data : (input ?? {}));
}

/** How many recorded calls an error lists before it says "and N more". */
const LISTED_CALLS = 5;

export function replayToolCaller(calls: readonly RecordedToolCall[]): ToolCaller {
  const recorded = calls.map((call) => ({ call, key: canonicalToolInput(call.tool, call.input) }));
  return (name: ToolName, input: unknown, callId: string, tracer) =>
    tracer.span(`tool ${name}`, 'tool', {}, async (span) => {
      const query = redactString(JSON.stringify(input ?? {}));
      const key = canonicalToolInput(name, input);
      const match = recorded.find((r) => r.call.tool === name && r.key === key)?.call;
      if (match === undefined) {
        const error = notRecorded(
          name,
          query,
          recorded.map((r) => r.call),
        );
        recordToolCall(span, { tool: name, callId, input: query, error });
        return { error };
      }
      if (match.error !== undefined) {
        recordToolCall(span, { tool: name, callId, input: query, error: match.error });
        return { error: match.error };
      }
      recordToolCall(span, {
        tool: name,
        callId,
        input: query,
        output: JSON.stringify(match.result ?? null),
      });
      return match.result ?? null;
    });
}

function notRecorded(name: string, query: string, calls: readonly RecordedToolCall[]): string {
  const same = calls.filter((c) => c.tool === name).map((c) => JSON.stringify(c.input));
  const listed = same.slice(0, LISTED_CALLS).join(', ');
  const more = same.length > LISTED_CALLS ? ` and ${same.length - LISTED_CALLS} more` : '';
  const known =
    same.length === 0
      ? `no call of ${name} was recorded`
      : `the recorded calls of ${name} are ${listed}${more}`;
  return `${name} with input ${query} was not recorded in this replay (it runs on recorded results, not live telemetry); ${known}`;
}

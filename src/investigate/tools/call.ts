/**
 * Calling a tool: validate the input with its zod schema, run it inside a traced span, and keep
 * both the typed output (for the built-in brain) and the capped JSON (for a model and the trace).
 * A tool that fails or gets bad input returns the error as data: the investigation goes on, and a
 * model can read the message and try again.
 *
 * What a tool returns is redacted before a model or the trace sees it: the telemetry in the
 * context is redacted already, but `sql` reads the bundle's raw rows, and an error may quote them.
 */
import type { z } from 'zod';
import { redactDeep, redactString } from '../../anonymise/index.js';
import { recordToolCall, type Tracer } from '../../tracing/index.js';
import { capJson } from './cap.js';
import { cacheKey } from './scope.js';
import type { Tool, ToolContext } from './tool.js';

export type ToolCallResult<O> =
  | { ok: true; tool: string; callId: string; output: O; json: string; query: string }
  | { ok: false; tool: string; callId: string; error: string; json: string; query: string };

/** Numbers the calls of one investigation: call-1, call-2, … (ids a report's evidence cites). */
const CALL_IDS = cacheKey<() => string>('tool call ids');

function callCounter(): () => string {
  let calls = 0;
  return () => `call-${++calls}`;
}

export async function callTool<I extends z.ZodType, O>(
  tool: Tool<I, O>,
  rawInput: unknown,
  ctx: ToolContext,
  tracer: Tracer,
  callId = ctx.cache.get(CALL_IDS, callCounter)(),
): Promise<ToolCallResult<O>> {
  const query = redactString(JSON.stringify(rawInput ?? {}));
  return tracer.span(`tool ${tool.name}`, 'tool', {}, async (span) => {
    const parsed = tool.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const error = redactString(
        `invalid input for ${tool.name}: ${parsed.error.issues
          .map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`)
          .join('; ')}`,
      );
      recordToolCall(span, { tool: tool.name, callId, input: query, error });
      span.markError(error);
      return { ok: false, tool: tool.name, callId, error, json: JSON.stringify({ error }), query };
    }
    try {
      const output = redactDeep(await tool.run(parsed.data, ctx));
      const json = capJson(tool.present(output));
      recordToolCall(span, { tool: tool.name, callId, input: query, output: json });
      return { ok: true, tool: tool.name, callId, output, json, query };
    } catch (thrown) {
      const error = redactString(`${tool.name} failed: ${(thrown as Error).message}`);
      recordToolCall(span, { tool: tool.name, callId, input: query, error });
      span.markError(error);
      return { ok: false, tool: tool.name, callId, error, json: JSON.stringify({ error }), query };
    }
  });
}

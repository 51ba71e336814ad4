/**
 * A language model that replays a script, for unit tests of anything that talks to an LLM (brains,
 * graders): each model call answers with the next step (text, tool calls, or an error) and reports
 * token usage, so tool loops, schema violations, provider errors and escalation can be tested with
 * no server at all. It is the AI SDK's own `MockLanguageModelV3` (from `ai/test`), so tests can also
 * read `doGenerateCalls` / `doStreamCalls` to see the prompts and tools the model was given.
 * `generateText` and `streamText` share one script cursor.
 */
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';

/** Token counts default to 1000 in and 100 out: round numbers that make cost assertions easy. */
export type ScriptStep =
  | { text: string; inputTokens?: number; outputTokens?: number }
  | {
      toolCalls: { name: string; input: unknown }[];
      text?: string;
      inputTokens?: number;
      outputTokens?: number;
    }
  | { error: Error };

// The provider spec types, read off the mock so that no transitive package is imported directly.
type GenerateResult = Awaited<ReturnType<MockLanguageModelV3['doGenerate']>>;
type Content = GenerateResult['content'][number];
type StreamPart =
  Awaited<ReturnType<MockLanguageModelV3['doStream']>>['stream'] extends ReadableStream<infer P> ? P : never;
type Answer = Exclude<ScriptStep, { error: Error }>;

export function scriptedModel(steps: readonly ScriptStep[], modelId = 'scripted'): MockLanguageModelV3 {
  let next = 0;
  const take = (): { answer: Answer; callNumber: number } => {
    const step = steps[next++];
    if (!step) {
      throw new Error(`scripted model ${modelId}: call ${next} has no step (the script has ${steps.length})`);
    }
    if ('error' in step) throw step.error;
    return { answer: step, callNumber: next };
  };
  return new MockLanguageModelV3({
    provider: 'scripted',
    modelId,
    doGenerate: async () => {
      const { answer, callNumber } = take();
      return {
        content: contentOf(answer, `${modelId}-${callNumber}`),
        finishReason: finishReasonOf(answer),
        usage: usageOf(answer),
        warnings: [],
        response: { modelId },
      };
    },
    doStream: async () => {
      const { answer, callNumber } = take();
      return { stream: simulateReadableStream({ chunks: streamOf(answer, `${modelId}-${callNumber}`) }) };
    },
  });
}

function toolCallsOf(answer: Answer, callId: string) {
  return ('toolCalls' in answer ? answer.toolCalls : []).map((c, i) => ({
    type: 'tool-call' as const,
    toolCallId: `${callId}-${i}`,
    toolName: c.name,
    input: JSON.stringify(c.input),
  }));
}

function contentOf(answer: Answer, callId: string): Content[] {
  const text: Content[] = answer.text ? [{ type: 'text', text: answer.text }] : [];
  return [...text, ...toolCallsOf(answer, callId)];
}

function streamOf(answer: Answer, callId: string): StreamPart[] {
  const parts: StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  if (answer.text) {
    const id = `${callId}-text`;
    parts.push(
      { type: 'text-start', id },
      { type: 'text-delta', id, delta: answer.text },
      { type: 'text-end', id },
    );
  }
  parts.push(...toolCallsOf(answer, callId));
  parts.push({ type: 'finish', finishReason: finishReasonOf(answer), usage: usageOf(answer) });
  return parts;
}

function finishReasonOf(answer: Answer): GenerateResult['finishReason'] {
  return 'toolCalls' in answer
    ? { unified: 'tool-calls', raw: 'tool_calls' }
    : { unified: 'stop', raw: 'stop' };
}

function usageOf(answer: Answer): GenerateResult['usage'] {
  return {
    inputTokens: {
      total: answer.inputTokens ?? 1000,
      noCache: undefined,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: answer.outputTokens ?? 100, text: undefined, reasoning: undefined },
  };
}

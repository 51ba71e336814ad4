/**
 * A language model that replays a script, for unit tests of anything that talks to an LLM: each
 * call answers with the next step (text, tool calls, or an error), with token usage, so tool loops,
 * schema violations, provider errors and escalation can be tested without a network.
 */
import type { LanguageModelV3Content, LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';

export type ScriptStep =
  | { text: string; inputTokens?: number; outputTokens?: number }
  | { toolCalls: { name: string; input: unknown }[]; inputTokens?: number; outputTokens?: number }
  | { error: Error };

export function scriptedModel(steps: readonly ScriptStep[], modelId = 'scripted'): MockLanguageModelV3 {
  let next = 0;
  return new MockLanguageModelV3({
    provider: 'scripted',
    modelId,
    doGenerate: async (): Promise<LanguageModelV3GenerateResult> => {
      const step = steps[next++];
      if (!step) throw new Error(`scripted model ${modelId}: no step ${next} in the script`);
      if ('error' in step) throw step.error;
      const content: LanguageModelV3Content[] =
        'text' in step
          ? [{ type: 'text', text: step.text }]
          : step.toolCalls.map((c, i) => ({
              type: 'tool-call',
              toolCallId: `${modelId}-${next}-${i}`,
              toolName: c.name,
              input: JSON.stringify(c.input),
            }));
      return {
        content,
        finishReason: { unified: 'text' in step ? 'stop' : 'tool-calls', raw: undefined },
        usage: {
          inputTokens: {
            total: step.inputTokens ?? 1000,
            noCache: undefined,
            cacheRead: undefined,
            cacheWrite: undefined,
          },
          outputTokens: { total: step.outputTokens ?? 100, text: undefined, reasoning: undefined },
        },
        warnings: [],
      };
    },
  });
}

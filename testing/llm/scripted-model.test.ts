/**
 * How unit tests use a scripted model: `scriptedModel(steps)` is an AI SDK `MockLanguageModelV3`
 * (from `ai/test`) that replays the steps, so `generateText` runs its real tool loop with no server.
 */
import { generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { scriptedModel } from './scripted-model.js';

test('a tool call, then a structured answer; usage and prompts are observable', async () => {
  const model = scriptedModel([
    { toolCalls: [{ name: 'log_patterns', input: { service: 'api' } }], inputTokens: 500, outputTokens: 20 },
    { text: '{"rootCause":"pool exhausted"}', inputTokens: 700, outputTokens: 30 },
  ]);
  const seen: unknown[] = [];
  const result = await generateText({
    model,
    prompt: 'Why is api slow?',
    tools: {
      log_patterns: tool({
        inputSchema: z.object({ service: z.string() }),
        execute: async (input) => {
          seen.push(input);
          return { patterns: ['connection pool exhausted'] };
        },
      }),
    },
    output: Output.object({ schema: z.object({ rootCause: z.string() }) }),
    stopWhen: stepCountIs(4),
  });
  expect(seen).toEqual([{ service: 'api' }]);
  expect(result.output).toEqual({ rootCause: 'pool exhausted' });
  expect(result.totalUsage).toMatchObject({ inputTokens: 1200, outputTokens: 50 });
  expect(model.doGenerateCalls).toHaveLength(2);
  expect(model.doGenerateCalls[1]?.prompt.at(-1)).toMatchObject({
    role: 'tool',
    content: [{ type: 'tool-result', toolName: 'log_patterns' }],
  });
});

test('an error step is thrown to the caller; a call past the script says so', async () => {
  const model = scriptedModel([{ error: new Error('provider down') }], 'm1');
  await expect(generateText({ model, prompt: 'x', maxRetries: 0 })).rejects.toThrow('provider down');
  await expect(generateText({ model, prompt: 'x', maxRetries: 0 })).rejects.toThrow(
    'scripted model m1: call 2 has no step (the script has 1)',
  );
});

test('streamText replays the same script', async () => {
  const model = scriptedModel([{ text: 'streamed answer', inputTokens: 10, outputTokens: 2 }]);
  const result = streamText({ model, prompt: 'x' });
  expect(await result.text).toBe('streamed answer');
  expect(await result.usage).toMatchObject({ inputTokens: 10, outputTokens: 2 });
  expect(model.doStreamCalls).toHaveLength(1);
});

/**
 * End to end over loopback HTTP: AI SDK v6 `generateText` / `streamText`, through the
 * openai-compatible provider as `languageModel` builds it, against the scripted stand-in server.
 */
import {
  APICallError,
  generateText,
  NoObjectGeneratedError,
  Output,
  stepCountIs,
  streamText,
  tool,
} from 'ai';
import { afterEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { explainLlmError, LlmTimeoutError } from '../../src/llm/errors.js';
import { languageModel } from '../../src/llm/providers.js';
import type { LlmConfig } from '../../src/llm/schema.js';
import { type StandInReply, type StandInServer, startStandInServer } from './stand-in-server.js';

let standIn: StandInServer | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function serve(script: StandInReply[], timeoutMs = 10_000) {
  standIn = await startStandInServer(script);
  const config: LlmConfig = {
    provider: 'openai-compatible',
    fastModel: 'llama3.1',
    strongModel: 'qwen2.5',
    baseUrl: standIn.url,
    apiKey: 'local-key',
    timeoutMs,
    maxSteps: 5,
  };
  return { server: standIn, model: languageModel(config, 'fast').model };
}

function recentChangesTool(calls: unknown[]) {
  return tool({
    description: 'Deploys and config changes of a service',
    inputSchema: z.object({ service: z.string(), hours: z.number().int().positive() }),
    execute: async (input) => {
      calls.push(input);
      return { changes: [{ id: 'deploy-42', service: input.service, minutesBeforeAlert: 3 }] };
    },
  });
}

describe('generateText against the stand-in', () => {
  test('a tool loop: the tool runs with the parsed input, its result goes back, usage adds up', async () => {
    const { server, model } = await serve([
      { toolCalls: [{ name: 'recent_changes', arguments: { service: 'checkout', hours: 2 } }] },
      { content: 'deploy-42 on checkout is the likely cause.' },
    ]);
    const calls: unknown[] = [];
    const result = await generateText({
      model,
      system: 'You investigate incidents.',
      prompt: 'Why is checkout failing?',
      tools: { recent_changes: recentChangesTool(calls) },
      stopWhen: stepCountIs(5),
      maxRetries: 0,
    });

    expect(calls).toEqual([{ service: 'checkout', hours: 2 }]);
    expect(result.text).toBe('deploy-42 on checkout is the likely cause.');
    expect(result.steps.map((s) => s.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({ inputTokens: 1202, outputTokens: 80, totalTokens: 1282 });
    expect(result.totalUsage).toMatchObject({ inputTokens: 2403, outputTokens: 160, totalTokens: 2563 });

    const [first, second] = server.requests;
    expect(first?.stream).toBeUndefined(); // generateText asks for one JSON answer, not events
    expect(first).toMatchObject({
      model: 'llama3.1',
      messages: [
        { role: 'system', content: 'You investigate incidents.' },
        { role: 'user', content: 'Why is checkout failing?' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'recent_changes',
            parameters: { type: 'object', required: ['service', 'hours'] },
          },
        },
      ],
    });
    expect(second?.messages).toEqual([
      expect.objectContaining({ role: 'system' }),
      expect.objectContaining({ role: 'user' }),
      expect.objectContaining({
        role: 'assistant',
        tool_calls: [
          {
            id: 'call_chatcmpl-1_0',
            type: 'function',
            function: { name: 'recent_changes', arguments: '{"service":"checkout","hours":2}' },
          },
        ],
      }),
      {
        role: 'tool',
        tool_call_id: 'call_chatcmpl-1_0',
        content: JSON.stringify({
          changes: [{ id: 'deploy-42', service: 'checkout', minutesBeforeAlert: 3 }],
        }),
      },
    ]);
    expect(server.received[0]?.headers.authorization).toBe('Bearer local-key');
  });

  test('stepCountIs bounds the loop when the model keeps calling tools', async () => {
    const again = { toolCalls: [{ name: 'recent_changes', arguments: { service: 'checkout', hours: 1 } }] };
    const { server, model } = await serve([again, again, again]);
    const result = await generateText({
      model,
      prompt: 'Why?',
      tools: { recent_changes: recentChangesTool([]) },
      stopWhen: stepCountIs(2),
      maxRetries: 0,
    });
    expect(server.requests).toHaveLength(2);
    expect(result.finishReason).toBe('tool-calls');
    expect(result.text).toBe('');
  });

  test('structured output: the JSON schema is sent and the answer is parsed', async () => {
    const schema = z.object({ service: z.string(), confidence: z.enum(['LOW', 'MEDIUM', 'HIGH']) });
    const { server, model } = await serve([{ content: '{"service":"checkout","confidence":"HIGH"}' }]);
    const { output } = await generateText({
      model,
      prompt: 'Name the service.',
      output: Output.object({ schema }),
      maxRetries: 0,
    });
    expect(output).toEqual({ service: 'checkout', confidence: 'HIGH' });
    expect(server.requests[0]?.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { schema: { properties: { confidence: { enum: ['LOW', 'MEDIUM', 'HIGH'] } } } },
    });
  });

  test('structured output that breaks the schema is a NoObjectGeneratedError with the text', async () => {
    const { model } = await serve([{ content: '{"service":42}' }]);
    const error = await generateText({
      model,
      prompt: 'Name the service.',
      output: Output.object({ schema: z.object({ service: z.string() }) }),
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(NoObjectGeneratedError.isInstance(error)).toBe(true);
    expect((error as NoObjectGeneratedError).text).toBe('{"service":42}');
  });
});

describe('failures', () => {
  test.each([
    {
      status: 500,
      message: 'model crashed',
      explained:
        /^HTTP 500 from http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: model crashed \(the provider failed; retry later\)$/,
    },
    {
      status: 429,
      message: 'slow down',
      explained: /^HTTP 429 from .*: slow down \(rate limited or out of credit; retry later/,
    },
  ])('HTTP $status: an APICallError that explainLlmError words', async ({ status, message, explained }) => {
    const { server, model } = await serve([{ status, body: { error: { message } } }]);
    const error = await generateText({ model, prompt: 'x', maxRetries: 0 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(status);
    expect(explainLlmError(error)).toMatch(explained);
    expect(server.requests).toHaveLength(1);
  });

  test('a request slower than timeoutMs: LlmTimeoutError, named after the URL and the limit', async () => {
    const { model } = await serve([{ delayMs: 5_000, reply: { content: 'too late' } }], 300);
    const started = Date.now();
    const error = await generateText({ model, prompt: 'x', maxRetries: 0 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(LlmTimeoutError);
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'QUERY_TIMEOUT' });
    expect(explainLlmError(error)).toMatch(
      /^the LLM at http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions did not answer within 300 ms$/,
    );
  });

  test("the SDK's own timeout bounds the whole call too", async () => {
    const { model } = await serve([{ delayMs: 5_000 }]);
    const started = Date.now();
    const error = await generateText({ model, prompt: 'x', maxRetries: 0, timeout: 300 }).catch(
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });

  test("a caller's abort is the caller's: an AbortError, not a time-limit error", async () => {
    const { model } = await serve([{ delayMs: 5_000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await generateText({
      model,
      prompt: 'x',
      maxRetries: 0,
      abortSignal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(LlmTimeoutError);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  test('a script that runs out answers 500 and says so', async () => {
    const { model } = await serve([]);
    const error = await generateText({ model, prompt: 'x', maxRetries: 0 }).catch((e: unknown) => e);
    expect(explainLlmError(error)).toContain('stand-in script exhausted: request 1 has no scripted reply');
  });
});

describe('streamText against the stand-in', () => {
  test('server-sent events: tool arguments and text are reassembled, usage is reported', async () => {
    const { server, model } = await serve([
      { toolCalls: [{ name: 'recent_changes', arguments: { service: 'checkout', hours: 2 } }] },
      { content: 'deploy-42 did it.', usage: { promptTokens: 900, completionTokens: 12 } },
    ]);
    const calls: unknown[] = [];
    const result = streamText({
      model,
      prompt: 'Why?',
      tools: { recent_changes: recentChangesTool(calls) },
      stopWhen: stepCountIs(5),
      maxRetries: 0,
    });
    expect(await result.text).toBe('deploy-42 did it.');
    expect(calls).toEqual([{ service: 'checkout', hours: 2 }]);
    expect(await result.usage).toMatchObject({ inputTokens: 900, outputTokens: 12 });
    expect(server.requests[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });
});

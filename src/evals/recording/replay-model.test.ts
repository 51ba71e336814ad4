import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { scriptedModel } from '../../../testing/llm/scripted-model.js';
import { NightshiftError } from '../../core/index.js';
import { recordingModel } from './recording-model.js';
import { replayModel, replayModelOf } from './replay-model.js';
import { requestKey } from './request-key.js';

const weather = tool({
  description: 'The weather in a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }: { city: string }) => ({ city, celsius: city === 'Oslo' ? 3 : 21 }),
});

const ask = (model: Parameters<typeof generateText>[0]['model'], city = 'Oslo') =>
  generateText({
    model,
    system: 'You answer about the weather.',
    prompt: `How warm is it in ${city}?`,
    tools: { weather },
    stopWhen: stepCountIs(3),
    output: Output.object({ schema: z.object({ celsius: z.number() }) }),
  });

async function recordedTrip() {
  const recorder = recordingModel(
    scriptedModel([{ toolCalls: [{ name: 'weather', input: { city: 'Oslo' } }] }, { text: '{"celsius":3}' }]),
  );
  const live = await ask(recorder.model);
  return { live, calls: recorder.calls };
}

test('a tool loop recorded from one model replays with no model at all, step for step', async () => {
  const { live, calls } = await recordedTrip();
  expect(calls.map((c) => [c.finishReason, c.model])).toEqual([
    ['tool-calls', 'scripted'],
    ['stop', 'scripted'],
  ]);
  expect(calls[0]?.about).toContain('How warm is it in Oslo?');
  expect(calls[1]?.about).toContain('tool: weather');
  const replayed = await ask(replayModel(calls));
  expect(replayed.output).toEqual({ celsius: 3 });
  expect(replayed.steps.map((s) => s.toolCalls.map((c) => c.input))).toEqual(
    live.steps.map((s) => s.toolCalls.map((c) => c.input)),
  );
  expect(replayed.totalUsage.inputTokens).toBe(2000);
});

test('the replay streams too, and a streamed recording keeps the same parts', async () => {
  const recorder = recordingModel(scriptedModel([{ text: 'It is 3 degrees.' }]));
  const live = streamText({ model: recorder.model, prompt: 'Oslo?' });
  expect(await live.text).toBe('It is 3 degrees.');
  expect(recorder.calls[0]?.content).toEqual([{ type: 'text', text: 'It is 3 degrees.' }]);
  const replayed = streamText({ model: replayModel(recorder.calls), prompt: 'Oslo?' });
  expect(await replayed.text).toBe('It is 3 degrees.');
});

test('a request that was not recorded is an error naming the call and what to do', async () => {
  const { calls } = await recordedTrip();
  const error = await ask(replayModel(calls, { source: 'oslo.json' }), 'Lima').catch((e: unknown) => e);
  expect(String(error)).toMatch(
    /model call 1 was not recorded in oslo\.json \(user: How warm is it in Lima\? \[1 tools\]; key [0-9a-f]{12}\): the prompt or the tool results changed since the recording was made\. Re-record the case, or run it live with --model\./,
  );
});

const base: LanguageModelV3CallOptions = {
  prompt: [
    { role: 'system', content: 'be brief' },
    { role: 'user', content: [{ type: 'text', text: 'why is checkout down?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'tool-call', toolCallId: 'call_abc', toolName: 'logs', input: { service: 'checkout' } },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_abc',
          toolName: 'logs',
          output: { type: 'json', value: { n: 3 } },
        },
      ],
    },
  ],
  tools: [{ type: 'function', name: 'logs', description: 'search logs', inputSchema: { type: 'object' } }],
};

test.each([
  {
    name: 'abort signal and headers',
    change: { abortSignal: new AbortController().signal, headers: { 'x-id': '7' } },
  },
  { name: 'provider options', change: { providerOptions: { openai: { user: 'u-1' } } } },
  {
    name: 'generated tool call ids',
    change: {
      prompt: JSON.parse(
        JSON.stringify(base.prompt).replaceAll('call_abc', 'toolu_9'),
      ) as LanguageModelV3CallOptions['prompt'],
    },
  },
])('the key ignores what varies between identical runs: $name', ({ change }) => {
  expect(requestKey({ ...base, ...change })).toBe(requestKey(base));
});

test.each([
  {
    name: 'a message',
    change: {
      prompt: [
        ...base.prompt.slice(0, 1),
        { role: 'user' as const, content: [{ type: 'text' as const, text: 'why is cart down?' }] },
      ],
    },
  },
  {
    name: 'a tool schema',
    change: {
      tools: [{ type: 'function' as const, name: 'logs', inputSchema: { type: 'object', required: ['q'] } }],
    },
  },
  { name: 'the response format', change: { responseFormat: { type: 'json' as const } } },
  { name: 'the tool choice', change: { toolChoice: { type: 'required' as const } } },
])('the key changes with $name', ({ change }) => {
  expect(requestKey({ ...base, ...change })).not.toBe(requestKey(base));
});

test('a recording without responses cannot replay: BAD_INPUT saying to pass --model', () => {
  const error = (() => {
    try {
      replayModelOf([], 'cases/x.json');
    } catch (e) {
      return e as NightshiftError;
    }
  })();
  expect(error).toBeInstanceOf(NightshiftError);
  expect(error?.code).toBe('BAD_INPUT');
  expect(error?.message).toContain('cases/x.json has no recorded model responses');
  expect(error?.hint).toContain('--model');
});

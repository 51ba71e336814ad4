/**
 * Provider wiring: each registry entry sends its requests to the configured base URL (or the
 * official one), with the configured key, and building a model makes no request.
 */
import { generateText } from 'ai';
import { afterEach, describe, expect, test } from 'vitest';
import { type StandInServer, startStandInServer } from '../../testing/llm/stand-in-server.js';
import { explainLlmError } from './errors.js';
import { languageModel } from './providers.js';
import { PROVIDERS, type ProviderName } from './schema.js';
import type { FetchFunction } from './timeout-fetch.js';

const config = (provider: ProviderName, baseUrl: string | undefined) => ({
  provider,
  fastModel: 'fast-1',
  strongModel: 'strong-1',
  baseUrl,
  apiKey: 'sk-test',
  timeoutMs: 5_000,
  maxSteps: 3,
});

/** A fetch that records URLs and refuses every request, so nothing leaves the process. */
function recordingFetch(urls: string[]): FetchFunction {
  return async (input) => {
    urls.push(String(input instanceof Request ? input.url : input));
    const error = { type: 'invalid_request_error', message: 'recorded, not sent' };
    return new Response(JSON.stringify({ type: 'error', error }), {
      status: 400,
      headers: { 'content-type': 'application/json' },
    });
  };
}

test.each(PROVIDERS)('%s: building both models makes no request', (provider) => {
  const urls: string[] = [];
  const fast = languageModel(config(provider, 'http://127.0.0.1:9/v1'), 'fast', recordingFetch(urls));
  const strong = languageModel(config(provider, 'http://127.0.0.1:9/v1'), 'strong', recordingFetch(urls));
  expect([fast.id, strong.id]).toEqual(['fast-1', 'strong-1']);
  expect(urls).toEqual([]);
});

test.each([
  { provider: 'anthropic' as const, url: 'https://api.anthropic.com/v1/messages' },
  { provider: 'openai' as const, url: 'https://api.openai.com/v1/responses' },
])('$provider without a base URL goes to $url', async ({ provider, url }) => {
  const urls: string[] = [];
  const { model } = languageModel(config(provider, undefined), 'fast', recordingFetch(urls));
  await expect(generateText({ model, prompt: 'x', maxRetries: 0 })).rejects.toThrow('recorded, not sent');
  expect(urls).toEqual([url]);
});

describe('requests reach the configured base URL with the key', () => {
  let standIn: StandInServer | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  test.each([
    { provider: 'anthropic' as const, path: '/v1/messages', header: 'x-api-key', value: 'sk-test' },
    { provider: 'openai' as const, path: '/v1/responses', header: 'authorization', value: 'Bearer sk-test' },
    {
      provider: 'openai-compatible' as const,
      path: '/v1/chat/completions',
      header: 'authorization',
      value: 'Bearer sk-test',
    },
  ])('$provider: POST $path with $header', async ({ provider, path, header, value }) => {
    standIn = await startStandInServer([{ content: 'ok' }]);
    const { model } = languageModel(config(provider, standIn.url), 'strong');
    await generateText({ model, prompt: 'hello', maxRetries: 0 }).catch((e: unknown) => e);
    expect(standIn.received).toHaveLength(1);
    expect(standIn.received[0]).toMatchObject({
      method: 'POST',
      path,
      headers: { [header]: value },
      body: expect.objectContaining({ model: 'strong-1' }),
    });
  });

  test('a wrong route is a 404 that explainLlmError points at the base URL for', async () => {
    standIn = await startStandInServer([]);
    const { model } = languageModel(config('anthropic', standIn.url), 'fast');
    const error = await generateText({ model, prompt: 'x', maxRetries: 0 }).catch((e: unknown) => e);
    expect(explainLlmError(error)).toMatch(
      /^HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/v1\/messages: the stand-in serves POST \/v1\/chat\/completions only \(not found; check the base URL/,
    );
  });

  test('openai-compatible without a key sends no authorization header', async () => {
    standIn = await startStandInServer([{ content: 'ok' }]);
    const { model } = languageModel(
      { ...config('openai-compatible', standIn.url), apiKey: undefined },
      'fast',
    );
    const { text } = await generateText({ model, prompt: 'hello', maxRetries: 0 });
    expect(text).toBe('ok');
    expect(standIn.received[0]?.headers.authorization).toBeUndefined();
  });
});

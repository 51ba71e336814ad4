/** Provider errors and credentials in a base URL never reach a message (notes, stderr, traces). */
import { generateText } from 'ai';
import { afterEach, expect, test } from 'vitest';
import { plantedSecrets } from '../../testing/anonymise/corpus.js';
import {
  type StandInReply,
  type StandInServer,
  startStandInServer,
} from '../../testing/llm/stand-in-server.js';
import { describeLlmConfig } from './config.js';
import { explainLlmError } from './errors.js';
import { languageModel } from './providers.js';
import type { LlmConfig } from './schema.js';

const key = plantedSecrets().find((p) => p.kind === 'openai_key')?.secret ?? '';
const PASSWORD = ['gw', 'Pa55', 'word', '4821'].join('-');
let standIn: StandInServer | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function modelWith(script: StandInReply[], withCredentials: boolean, apiKey?: string) {
  standIn = await startStandInServer(script);
  const baseUrl = withCredentials
    ? standIn.url.replace('http://', `http://gateway:${PASSWORD}@`)
    : standIn.url;
  const config: LlmConfig = {
    provider: 'openai-compatible',
    fastModel: 'llama3.1',
    strongModel: 'llama3.1',
    baseUrl,
    apiKey,
    timeoutMs: 5_000,
    maxSteps: 2,
  };
  return { config, model: languageModel(config, 'fast').model };
}

test('a base URL with user:password works, sent as basic auth, and is never shown', async () => {
  const { config, model } = await modelWith([{ content: 'ok' }], true);
  const result = await generateText({ model, prompt: 'x', maxRetries: 0 });
  expect(result.text).toBe('ok');
  const sent = standIn?.received[0]?.headers.authorization;
  expect(sent).toBe(`Basic ${Buffer.from(`gateway:${PASSWORD}`).toString('base64')}`);
  expect(describeLlmConfig(config)).not.toContain(PASSWORD);
  expect(describeLlmConfig(config)).toContain('gateway:[REDACTED:url_password]@127.0.0.1');
});

test('a provider error that echoes the API key, from a URL with a password, is explained without either', async () => {
  const { model } = await modelWith(
    [{ status: 401, body: { error: { message: `Incorrect API key provided: ${key}` } } }],
    true,
    key,
  );
  const error = await generateText({ model, prompt: 'x', maxRetries: 0 }).catch((e: unknown) => e);
  const explained = explainLlmError(error);
  expect(explained).toMatch(/^HTTP 401 from .*: Incorrect API key provided: \[REDACTED:openai_key\]/);
  expect(explained).not.toContain(key);
  expect(explained).not.toContain(PASSWORD);
});

test('a network failure at a URL with a password does not quote it', async () => {
  standIn = await startStandInServer([]);
  const url = standIn.url;
  await standIn.close();
  standIn = undefined;
  const config: LlmConfig = {
    provider: 'openai-compatible',
    fastModel: 'm',
    strongModel: 'm',
    baseUrl: url.replace('http://', `http://gateway:${PASSWORD}@`),
    apiKey: undefined,
    timeoutMs: 5_000,
    maxSteps: 1,
  };
  const error = await generateText({
    model: languageModel(config, 'fast').model,
    prompt: 'x',
    maxRetries: 0,
  }).catch((e: unknown) => e);
  expect(`${(error as Error).message} ${explainLlmError(error)}`).not.toContain(PASSWORD);
});

import { describe, expect, test } from 'vitest';
import { llmConfigFrom } from './config.js';
import { costUsd } from './models.js';

const file = (text: string) => ({ file: '/srv/nightshift.yaml', text });

describe('llmConfigFrom', () => {
  test.each([
    {
      name: 'ANTHROPIC_API_KEY picks Anthropic with its default models',
      env: { ANTHROPIC_API_KEY: 'sk-a' },
      yaml: undefined,
      expected: {
        provider: 'anthropic',
        fastModel: 'claude-haiku-4-5',
        strongModel: 'claude-sonnet-4-5',
        apiKey: 'sk-a',
      },
    },
    {
      name: 'OPENAI_API_KEY picks OpenAI',
      env: { OPENAI_API_KEY: 'sk-o' },
      yaml: undefined,
      expected: { provider: 'openai', fastModel: 'gpt-4.1-mini', strongModel: 'gpt-4.1' },
    },
    {
      name: 'NIGHTSHIFT_LLM_BASE_URL wins over provider keys, with its model',
      env: {
        OPENAI_API_KEY: 'sk-o',
        NIGHTSHIFT_LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
        NIGHTSHIFT_LLM_MODEL: 'qwen2.5',
      },
      yaml: undefined,
      expected: {
        provider: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:11434/v1',
        fastModel: 'qwen2.5',
        strongModel: 'qwen2.5',
      },
    },
    {
      name: 'nightshift.yaml sets models and limits; the environment still picks the key',
      env: { ANTHROPIC_API_KEY: 'sk-a' },
      yaml: 'llm:\n  provider: anthropic\n  fastModel: claude-sonnet-4-5\n  timeoutMs: 20000\n  maxSteps: 4\n',
      expected: {
        provider: 'anthropic',
        fastModel: 'claude-sonnet-4-5',
        strongModel: 'claude-sonnet-4-5',
        timeoutMs: 20_000,
        maxSteps: 4,
      },
    },
  ])('$name', ({ env, yaml, expected }) => {
    expect(llmConfigFrom(yaml === undefined ? undefined : file(yaml), env, {})).toMatchObject(expected);
  });

  test('--model overrides both roles', () => {
    const c = llmConfigFrom(undefined, { OPENAI_API_KEY: 'k' }, { model: 'gpt-4o' });
    expect([c.fastModel, c.strongModel]).toEqual(['gpt-4o', 'gpt-4o']);
  });

  test.each([
    { name: 'nothing configured', yaml: undefined, env: {}, message: 'no LLM configured' },
    {
      name: 'a bad field names the file, line and field',
      yaml: 'store: sqlite\nllm:\n  provider: openai\n  maxSteps: 500\n',
      env: {},
      message: '/srv/nightshift.yaml line 4: field "llm.maxSteps": Too big: expected number to be <=50',
    },
    {
      name: 'an unknown provider',
      yaml: 'llm:\n  provider: gemini\n',
      env: {},
      message: '/srv/nightshift.yaml line 2: field "llm.provider"',
    },
    {
      name: 'openai-compatible without a base URL',
      yaml: 'llm:\n  provider: openai-compatible\n',
      env: {},
      message: 'the openai-compatible provider needs a base URL',
    },
    { name: 'YAML that does not parse', yaml: 'llm: [\n', env: {}, message: '/srv/nightshift.yaml line' },
  ])('$name → a clear error', ({ yaml, env, message }) => {
    expect(() => llmConfigFrom(yaml === undefined ? undefined : file(yaml), env, {})).toThrow(message);
  });
});

test.each([
  { model: 'claude-haiku-4-5', input: 1_000_000, output: 100_000, usd: 1.5, priced: true },
  { model: 'gpt-4.1-mini', input: 10_000, output: 1_000, usd: 0.0056, priced: true },
  { model: 'llama3.1', input: 10_000, output: 1_000, usd: 0, priced: false },
])('costUsd($model)', ({ model, input, output, usd, priced }) => {
  const cost = costUsd(model, input, output);
  expect(cost.priced).toBe(priced);
  expect(cost.usd).toBeCloseTo(usd, 6);
});

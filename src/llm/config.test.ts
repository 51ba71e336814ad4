import { describe, expect, test } from 'vitest';
import { DEFAULT_MAX_STEPS, DEFAULT_TIMEOUT_MS, describeLlmConfig, llmConfigFrom } from './config.js';
import { readLlmSection } from './config-file.js';

const FILE = '/srv/nightshift.yaml';
/** The `llm:` section as nightshift.yaml's loader hands it over. */
const file = (text: string) => readLlmSection(FILE, text);
const limits = { timeoutMs: DEFAULT_TIMEOUT_MS, maxSteps: DEFAULT_MAX_STEPS };

describe('llmConfigFrom: precedence', () => {
  test.each([
    {
      name: 'ANTHROPIC_API_KEY alone: Anthropic with its default models and endpoint',
      env: { ANTHROPIC_API_KEY: 'sk-a' },
      yaml: undefined,
      expected: {
        provider: 'anthropic',
        fastModel: 'claude-haiku-5-5',
        strongModel: 'claude-sonnet-5-5',
        baseUrl: undefined,
        apiKey: 'sk-a',
        ...limits,
      },
    },
    {
      name: 'OPENAI_API_KEY alone: OpenAI, and OPENAI_BASE_URL is honoured',
      env: { OPENAI_API_KEY: 'sk-o', OPENAI_BASE_URL: 'https://proxy.example/v1' },
      yaml: undefined,
      expected: {
        provider: 'openai',
        fastModel: 'gpt-6-luna',
        strongModel: 'gpt-6.1-sol',
        baseUrl: 'https://proxy.example/v1',
        apiKey: 'sk-o',
        ...limits,
      },
    },
    {
      name: 'both keys: Anthropic first',
      env: { ANTHROPIC_API_KEY: 'sk-a', OPENAI_API_KEY: 'sk-o' },
      yaml: undefined,
      expected: { provider: 'anthropic', apiKey: 'sk-a' },
    },
    {
      name: 'NIGHTSHIFT_LLM_BASE_URL wins over provider keys, with its own key and model',
      env: {
        ANTHROPIC_API_KEY: 'sk-a',
        NIGHTSHIFT_LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
        NIGHTSHIFT_LLM_API_KEY: 'local',
        NIGHTSHIFT_LLM_MODEL: 'qwen2.5',
      },
      yaml: undefined,
      expected: {
        provider: 'openai-compatible',
        fastModel: 'qwen2.5',
        strongModel: 'qwen2.5',
        baseUrl: 'http://127.0.0.1:11434/v1',
        apiKey: 'local',
        ...limits,
      },
    },
    {
      name: 'the file sets models and limits; the environment supplies the key',
      env: { ANTHROPIC_API_KEY: 'sk-a' },
      yaml: 'llm:\n  provider: anthropic\n  fastModel: claude-sonnet-5\n  timeoutMs: 20000\n  maxSteps: 4\n',
      expected: {
        provider: 'anthropic',
        fastModel: 'claude-sonnet-5',
        strongModel: 'claude-sonnet-5-5',
        apiKey: 'sk-a',
        timeoutMs: 20_000,
        maxSteps: 4,
      },
    },
    {
      name: "the file's provider wins over a key for another provider in the shell",
      env: { ANTHROPIC_API_KEY: 'sk-a', OPENAI_API_KEY: 'sk-o' },
      yaml: 'llm:\n  provider: openai\n',
      expected: { provider: 'openai', apiKey: 'sk-o' },
    },
    {
      name: 'an environment key wins over a key in the file',
      env: { OPENAI_API_KEY: 'sk-env' },
      yaml: 'llm:\n  provider: openai\n  apiKey: sk-file\n',
      expected: { provider: 'openai', apiKey: 'sk-env' },
    },
    {
      name: 'an openai-compatible file with one model uses it for both roles',
      env: {},
      yaml: 'llm:\n  provider: openai-compatible\n  baseUrl: http://gpu-box:8000/v1\n  strongModel: qwen2.5-72b\n',
      expected: {
        provider: 'openai-compatible',
        fastModel: 'qwen2.5-72b',
        strongModel: 'qwen2.5-72b',
        baseUrl: 'http://gpu-box:8000/v1',
        apiKey: undefined,
      },
    },
    {
      name: "NIGHTSHIFT_LLM_BASE_URL over an Anthropic file: the file's key and models stay with Anthropic",
      env: { NIGHTSHIFT_LLM_BASE_URL: 'http://127.0.0.1:8000/v1', NIGHTSHIFT_LLM_MODEL: 'llama3.1' },
      yaml: 'llm:\n  provider: anthropic\n  apiKey: sk-ant\n  strongModel: claude-opus-5\n  maxSteps: 6\n',
      expected: {
        provider: 'openai-compatible',
        fastModel: 'llama3.1',
        strongModel: 'llama3.1',
        apiKey: undefined,
        maxSteps: 6,
      },
    },
    {
      name: 'empty variables count as unset',
      env: { ANTHROPIC_API_KEY: '', OPENAI_API_KEY: 'sk-o', NIGHTSHIFT_LLM_BASE_URL: '' },
      yaml: undefined,
      expected: { provider: 'openai' },
    },
    {
      name: 'an empty llm: section is no section',
      env: { OPENAI_API_KEY: 'sk-o' },
      yaml: 'store: sqlite\nllm:\n',
      expected: { provider: 'openai', ...limits },
    },
  ])('$name', ({ env, yaml, expected }) => {
    expect(llmConfigFrom(yaml === undefined ? undefined : file(yaml), env, {})).toMatchObject(expected);
  });

  test('--model sets both roles over every other source', () => {
    const c = llmConfigFrom(
      file(
        'llm:\n  provider: openai-compatible\n  baseUrl: http://h:1/v1\n  fastModel: a\n  strongModel: b\n',
      ),
      { NIGHTSHIFT_LLM_MODEL: 'c' },
      { model: 'd' },
    );
    expect([c.fastModel, c.strongModel]).toEqual(['d', 'd']);
  });

  test('an explicit provider override wins over the environment', () => {
    const c = llmConfigFrom(
      undefined,
      { ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o' },
      { provider: 'openai' },
    );
    expect(c).toMatchObject({ provider: 'openai', apiKey: 'o' });
  });
});

describe('llmConfigFrom: errors say what to do', () => {
  test.each([
    {
      name: 'nothing configured',
      yaml: undefined,
      env: {},
      message:
        'no LLM configured: set ANTHROPIC_API_KEY, OPENAI_API_KEY or NIGHTSHIFT_LLM_BASE_URL, or add llm: to nightshift.yaml',
    },
    {
      name: 'a number out of range',
      yaml: 'store: sqlite\nllm:\n  provider: openai\n  maxSteps: 500\n',
      env: {},
      message: `${FILE} line 4: field "llm.maxSteps": must be at most 50, got 500`,
    },
    {
      name: 'an unknown provider',
      yaml: 'llm:\n  provider: gemini\n',
      env: {},
      message: `${FILE} line 2: field "llm.provider": expected one of anthropic, openai, openai-compatible, got "gemini"`,
    },
    {
      name: 'a string where a number belongs',
      yaml: 'llm:\n  provider: openai\n  timeoutMs: 30s\n',
      env: {},
      message: `${FILE} line 3: field "llm.timeoutMs": expected number, got "30s"`,
    },
    {
      name: 'a misspelt setting',
      yaml: 'llm:\n  provider: openai\n  fast_model: gpt-6-luna\n',
      env: {},
      message: `${FILE} line 3: field "llm.fast_model": not a setting of llm: (see the hint)`,
    },
    {
      name: 'a base URL without a scheme',
      yaml: 'llm:\n  provider: openai-compatible\n  baseUrl: localhost:11434\n',
      env: {},
      message: `${FILE} line 3: field "llm.baseUrl": expected an http:// or https:// URL, got "localhost:11434"`,
    },
    {
      name: 'llm: that is not a map',
      yaml: 'llm: openai\n',
      env: {},
      message: `${FILE} line 1: field "llm": expected a map of settings, got "openai"`,
    },
    {
      name: 'YAML that does not parse',
      yaml: 'store: sqlite\nllm: [\n',
      env: {},
      message: `${FILE} line 3: not valid YAML`,
    },
    {
      name: 'openai-compatible without a base URL',
      yaml: 'llm:\n  provider: openai-compatible\n  fastModel: llama3.1\n',
      env: {},
      message: 'the openai-compatible provider needs a base URL',
    },
    {
      name: 'openai-compatible without a model',
      yaml: undefined,
      env: { NIGHTSHIFT_LLM_BASE_URL: 'http://127.0.0.1:11434/v1' },
      message: 'the openai-compatible provider needs a model name',
    },
    {
      name: 'a provider named in the file without its key',
      yaml: 'llm:\n  provider: anthropic\n',
      env: { OPENAI_API_KEY: 'sk-o' },
      message: 'the anthropic provider needs an API key',
    },
    {
      name: 'a base URL variable that is not a URL',
      yaml: undefined,
      env: { NIGHTSHIFT_LLM_BASE_URL: 'localhost:11434' },
      message: 'environment variable NIGHTSHIFT_LLM_BASE_URL: expected an http:// or https:// URL',
    },
  ])('$name', ({ yaml, env, message }) => {
    expect(() => llmConfigFrom(yaml === undefined ? undefined : file(yaml), env, {})).toThrow(message);
  });

  test('every problem in the section is listed, each on its line', () => {
    const yaml = 'llm:\n  provider: gemini\n  maxSteps: 0\n  timeoutMs: 100\n';
    expect(() => llmConfigFrom(file(yaml), {}, {})).toThrow(
      [
        `${FILE} line 2: field "llm.provider": expected one of anthropic, openai, openai-compatible, got "gemini"`,
        `${FILE} line 4: field "llm.timeoutMs": must be at least 1000, got 100`,
        `${FILE} line 3: field "llm.maxSteps": must be at least 1, got 0`,
      ].join('\n'),
    );
  });

  test('errors are BAD_INPUT with a hint, and the hint names what to set', () => {
    const error = (() => {
      try {
        llmConfigFrom(undefined, {}, {});
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({
      code: 'BAD_INPUT',
      hint: expect.stringContaining('NIGHTSHIFT_LLM_BASE_URL='),
    });
  });
});

test('describeLlmConfig never shows the key', () => {
  const config = llmConfigFrom(undefined, { ANTHROPIC_API_KEY: 'sk-ant-secret' }, {});
  const text = describeLlmConfig(config);
  expect(text).toBe(
    'anthropic (fast claude-haiku-5-5, strong claude-sonnet-5-5; official endpoint; API key set; 60000 ms a request; up to 12 steps)',
  );
  expect(text).not.toContain('secret');
});

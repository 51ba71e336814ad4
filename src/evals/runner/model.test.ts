import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../../testing/evals/runner-fixtures.js';
import { parseModelSpec } from '../../llm/index.js';
import { resolveEvalModel } from './model.js';

describe('parseModelSpec', () => {
  it.each([
    {
      spec: 'openai-compatible:llama3.1:8b',
      expected: { provider: 'openai-compatible', model: 'llama3.1:8b' },
    },
    { spec: 'anthropic:claude-x', expected: { provider: 'anthropic', model: 'claude-x' } },
    { spec: 'llama3.1:8b', expected: { model: 'llama3.1:8b' } },
    { spec: 'gpt-x', expected: { model: 'gpt-x' } },
  ])('$spec', ({ spec, expected }) => {
    expect(parseModelSpec(spec)).toEqual(expected);
  });
});

describe('resolveEvalModel', () => {
  it('uses the configured LLM settings, and names the provider in the id', async () => {
    const dir = tempFolder();
    try {
      await dir.write(
        'nightshift.yaml',
        'llm:\n  provider: openai-compatible\n  baseUrl: http://127.0.0.1:9/v1\n',
      );
      const model = await resolveEvalModel('qwen3:4b', { cwd: dir.root, env: {} });
      expect([model.id, model.provider]).toEqual(['openai-compatible:qwen3:4b', 'openai-compatible']);
      await expect(
        resolveEvalModel('openai-compatible:m', { cwd: dir.root, env: {} }),
      ).resolves.toMatchObject({
        id: 'openai-compatible:m',
      });
    } finally {
      dir.remove();
    }
  });

  it('says what to set when no provider is configured', async () => {
    const dir = tempFolder();
    try {
      await expect(resolveEvalModel('some-model', { cwd: dir.root, env: {} })).rejects.toThrow(
        'no LLM configured',
      );
    } finally {
      dir.remove();
    }
  });
});

import { describe, expect, test } from 'vitest';
import { agentAttributes, promptAttributes, recordPrompt, recordToolCall } from './genai.js';
import { MAX_ATTRIBUTE_CHARS, Tracer } from './tracer.js';

describe('recordPrompt', () => {
  test('sets the GenAI names, the cost and the texts', async () => {
    const tracer = new Tracer({ traceId: 't', name: 'run' });
    await tracer.span('prompt', 'prompt', {}, (span) =>
      recordPrompt(span, {
        provider: 'openai',
        model: 'gpt-4.1-mini',
        responseModel: 'gpt-4.1-mini-2025-04-14',
        messages: [{ role: 'user', content: 'why is checkout slow?' }],
        output: 'the pool is exhausted',
        inputTokens: 1200,
        outputTokens: 80,
        finishReason: 'stop',
        costUsd: 0.0006,
      }),
    );
    expect(tracer.toRecord().spans[0]?.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4.1-mini',
      'gen_ai.response.model': 'gpt-4.1-mini-2025-04-14',
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 80,
      'gen_ai.response.finish_reasons': ['stop'],
      'nightshift.prompt.messages': '[{"role":"user","content":"why is checkout slow?"}]',
      'nightshift.prompt.output': 'the pool is exhausted',
      'nightshift.cost_usd': 0.0006,
    });
  });

  test('an unpriced model has no cost and an unknown response model is not guessed', () => {
    const attributes = promptAttributes({
      provider: 'openai-compatible',
      model: 'llama3',
      messages: 'hi',
      output: { tool: 'sql' },
      inputTokens: 1,
      outputTokens: 2,
      finishReason: 'tool-calls',
    });
    expect(Object.keys(attributes)).not.toContain('nightshift.cost_usd');
    expect(Object.keys(attributes)).not.toContain('gen_ai.response.model');
    expect(attributes['nightshift.prompt.output']).toBe('{"tool":"sql"}');
  });

  test('long messages are cut on the span, with their length', async () => {
    const tracer = new Tracer({ traceId: 't', name: 'run' });
    const content = 'x'.repeat(MAX_ATTRIBUTE_CHARS * 2);
    await tracer.span('prompt', 'prompt', {}, (span) =>
      recordPrompt(span, {
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        messages: content,
        output: '',
        inputTokens: 0,
        outputTokens: 0,
        finishReason: 'stop',
      }),
    );
    const kept = String(tracer.toRecord().spans[0]?.attributes['nightshift.prompt.messages']);
    expect(kept).toBe(`${'x'.repeat(MAX_ATTRIBUTE_CHARS)}… (${MAX_ATTRIBUTE_CHARS * 2} characters, cut)`);
  });
});

describe('recordToolCall', () => {
  test.each([
    {
      name: 'a result',
      call: { tool: 'sql', callId: 'c1', input: { query: 'select 1' }, output: '{"rows":[]}' },
      status: 'ok',
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'sql',
        'gen_ai.tool.call.id': 'c1',
        'nightshift.tool.input': '{"query":"select 1"}',
        'nightshift.tool.output': '{"rows":[]}',
      },
    },
    {
      name: 'an error returned as data',
      call: { tool: 'sql', input: '{"query":"drop table x"}', error: 'READ_ONLY' },
      status: 'error',
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'sql',
        'nightshift.tool.input': '{"query":"drop table x"}',
      },
    },
  ])('$name', async ({ call, status, attributes }) => {
    const tracer = new Tracer({ traceId: 't', name: 'run' });
    await tracer.span('tool sql', 'tool', {}, (span) => recordToolCall(span, call));
    const [span] = tracer.toRecord().spans;
    expect(span?.status).toBe(status);
    expect(span?.error).toBe(call.error);
    expect(span?.attributes).toEqual(attributes);
  });

  test('an input JSON cannot hold is described, not thrown', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const tracer = new Tracer({ traceId: 't', name: 'run' });
    await tracer.span('tool', 'tool', {}, (span) =>
      recordToolCall(span, { tool: 'x', input: circular, output: 1n }),
    );
    const attributes = tracer.toRecord().spans[0]?.attributes ?? {};
    expect(attributes['nightshift.tool.input']).toMatch(/^\(not serialisable: .*circular/i);
    expect(attributes['nightshift.tool.output']).toMatch(/^\(not serialisable: .*BigInt/);
  });
});

test('agentAttributes names the agent and the invoke_agent operation', () => {
  expect(agentAttributes('metrics specialist')).toEqual({
    'gen_ai.operation.name': 'invoke_agent',
    'gen_ai.agent.name': 'metrics specialist',
  });
});

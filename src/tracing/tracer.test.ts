import { describe, expect, test } from 'vitest';
import { ATTR } from './attributes.js';
import { parseTrace } from './schema.js';
import { MAX_ATTRIBUTE_CHARS, recordPrompt, recordToolCall, Tracer } from './tracer.js';
import { formatTraceTree, traceTotals } from './tree.js';

/** A clock that advances 10 ms per reading. */
function clock(): () => number {
  let t = 1_000_000;
  return () => {
    t += 10;
    return t;
  };
}

describe('Tracer', () => {
  test('parallel children nest under the span that started them', async () => {
    const tracer = new Tracer({ traceId: 't', name: 'run', now: clock() });
    await tracer.span('root', 'investigation', {}, async () => {
      await Promise.all(
        ['a', 'b'].map((name) =>
          tracer.span(`specialist ${name}`, 'agent', {}, async () => {
            await new Promise((resolve) => setTimeout(resolve, 5));
            await tracer.span(`tool ${name}`, 'tool', {}, () => name);
          }),
        ),
      );
    });
    const spans = tracer.toRecord().spans;
    const byName = new Map(spans.map((s) => [s.name, s]));
    expect(byName.get('specialist a')?.parentId).toBe(byName.get('root')?.id);
    expect(byName.get('specialist b')?.parentId).toBe(byName.get('root')?.id);
    expect(byName.get('tool a')?.parentId).toBe(byName.get('specialist a')?.id);
    expect(byName.get('tool b')?.parentId).toBe(byName.get('specialist b')?.id);
    expect(byName.get('root')?.parentId).toBeUndefined();
  });

  test('a thrown error marks the span and is rethrown; markError marks without throwing', async () => {
    const tracer = new Tracer({ traceId: 't', name: 'run', now: clock() });
    await expect(
      tracer.span('fails', 'step', {}, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await tracer.span('times out', 'step', {}, (span) => span.markError('logs: timed out after 30 s'));
    expect(tracer.toRecord().spans.map((s) => [s.name, s.status, s.error])).toEqual([
      ['fails', 'error', 'boom'],
      ['times out', 'error', 'logs: timed out after 30 s'],
    ]);
  });

  test('prompt and tool calls carry the GenAI attribute names; long text is cut with its length', async () => {
    const tracer = new Tracer({ traceId: 't', name: 'run', now: clock() });
    await tracer.span('prompt', 'prompt', {}, (span) =>
      recordPrompt(span, {
        provider: 'openai',
        model: 'gpt-4.1-mini',
        messages: [{ role: 'user', content: 'x'.repeat(MAX_ATTRIBUTE_CHARS + 5) }],
        output: 'checkout',
        inputTokens: 1200,
        outputTokens: 80,
        finishReason: 'stop',
        costUsd: 0.0006,
      }),
    );
    await tracer.span('tool', 'tool', {}, (span) =>
      recordToolCall(span, { tool: 'sql', callId: 'c1', input: { query: 'select 1' }, error: 'READ_ONLY' }),
    );
    const [prompt, tool] = tracer.toRecord().spans;
    expect(prompt?.attributes).toMatchObject({
      [ATTR.operationName]: 'chat',
      [ATTR.requestModel]: 'gpt-4.1-mini',
      [ATTR.inputTokens]: 1200,
      [ATTR.outputTokens]: 80,
      [ATTR.finishReasons]: ['stop'],
      [ATTR.costUsd]: 0.0006,
    });
    expect(String(prompt?.attributes[ATTR.promptMessages])).toMatch(/… \(\d+ characters, cut\)$/);
    expect(tool).toMatchObject({
      status: 'error',
      error: 'READ_ONLY',
      attributes: {
        [ATTR.toolName]: 'sql',
        [ATTR.toolCallId]: 'c1',
        [ATTR.toolInput]: '{"query":"select 1"}',
      },
    });
  });

  test('a disabled tracer runs the work and records nothing', async () => {
    const tracer = Tracer.disabled();
    expect(await tracer.span('x', 'step', {}, () => 42)).toBe(42);
    expect(tracer.toRecord().spans).toEqual([]);
  });
});

describe('formatTraceTree', () => {
  const trace = parseTrace({
    traceId: 't',
    name: 'investigate inc-1',
    startedAt: 0,
    spans: [
      {
        id: 's1',
        name: 'investigation',
        kind: 'investigation',
        startMs: 0,
        endMs: 2500,
        status: 'ok',
        attributes: {},
      },
      {
        id: 's2',
        parentId: 's1',
        name: 'collect',
        kind: 'step',
        startMs: 0,
        endMs: 900,
        status: 'ok',
        attributes: {},
      },
      {
        id: 's3',
        parentId: 's2',
        name: 'read traces',
        kind: 'step',
        startMs: 0,
        endMs: 900,
        status: 'error',
        error: 'timed out',
        attributes: {},
      },
      {
        id: 's4',
        parentId: 's1',
        name: 'hypotheses',
        kind: 'prompt',
        startMs: 1000,
        endMs: 2400,
        status: 'ok',
        attributes: {
          [ATTR.requestModel]: 'claude-haiku-4-5',
          [ATTR.inputTokens]: 3000,
          [ATTR.outputTokens]: 400,
          [ATTR.costUsd]: 0.005,
        },
      },
      {
        id: 's5',
        parentId: 'gone',
        name: 'orphan',
        kind: 'tool',
        startMs: 2000,
        endMs: 2010,
        status: 'ok',
        attributes: {},
      },
    ],
  });

  test('the whole tree, with totals, errors, tokens and cost', () => {
    expect(formatTraceTree(trace)).toEqual(
      [
        'investigate inc-1 · 2.50 s · 1 tool call · 1 prompt · 3000 in / 400 out tokens · $0.0050 · 1 error',
        '├─ investigation · investigation · 2.50 s',
        '│  ├─ collect · step · 900 ms',
        '│  │  └─ read traces · step · 900 ms ERROR timed out',
        '│  └─ hypotheses · prompt · 1.40 s · claude-haiku-4-5 · 3000 in / 400 out · $0.0050',
        '└─ orphan · tool · 10 ms',
        '',
      ].join('\n'),
    );
    expect(traceTotals(trace)).toEqual({
      durationMs: 2500,
      inputTokens: 3000,
      outputTokens: 400,
      costUsd: 0.005,
      prompts: 1,
      toolCalls: 1,
      errors: 1,
    });
  });

  test('a stored trace with a bad field is refused, naming the file and field', () => {
    expect(() =>
      parseTrace({ traceId: 't', name: 'x', startedAt: 0, spans: [{ id: 1 }] }, 'inv.json'),
    ).toThrow(/^inv\.json: field "trace\.spans\.0\.id"/);
  });
});

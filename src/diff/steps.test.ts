import { describe, expect, test } from 'vitest';
import { ATTR, type SpanRecord, type TraceRecord } from '../tracing/index.js';
import { inLogicalOrder, stepsOf } from './steps.js';

function span(id: string, kind: SpanRecord['kind'], over: Partial<SpanRecord> = {}): SpanRecord {
  return { id, name: id, kind, startMs: 0, endMs: 1, status: 'ok', attributes: {}, ...over };
}

const trace = (spans: SpanRecord[]): TraceRecord => ({ traceId: 't', name: 't', startedAt: 0, spans });

const tool = (id: string, name: string, input: unknown, output: unknown, parentId = 'agent') =>
  span(id, 'tool', {
    name: `tool ${name}`,
    parentId,
    attributes: {
      [ATTR.toolName]: name,
      [ATTR.toolCallId]: `random-${id}`,
      [ATTR.toolInput]: JSON.stringify(input),
      [ATTR.toolOutput]: JSON.stringify(output),
    },
  });

const prompt = (id: string, output: string, parentId = 'agent') =>
  span(id, 'prompt', {
    name: 'prompt m',
    parentId,
    attributes: {
      [ATTR.requestModel]: 'm',
      [ATTR.inputTokens]: 10,
      [ATTR.promptMessages]: '[{"role":"user","content":"q"}]',
      [ATTR.promptOutput]: output,
    },
  });

describe('stepsOf', () => {
  test('tool calls, model calls and stages that recorded something, numbered from 1', () => {
    const steps = stepsOf(
      trace([
        span('root', 'investigation', {
          name: 'investigation inc',
          attributes: { 'nightshift.brain': 'builtin' },
        }),
        span('collect', 'step', { parentId: 'root' }),
        span('read logs', 'step', {
          parentId: 'collect',
          attributes: { 'nightshift.source': 'logs', 'nightshift.source.from': '/tmp/bundle' },
        }),
        span('agent', 'agent', { parentId: 'root', attributes: { [ATTR.agentName]: 'investigator' } }),
        tool('t1', 'search_logs', { service: 'checkout' }, { lines: ['timeout'] }),
        span('review round 1', 'step', { attributes: { 'nightshift.review.alternative': 'db' } }),
      ]),
    );
    expect(steps).toEqual([
      {
        index: 1,
        kind: 'stage',
        name: 'investigation inc',
        spanId: 'root',
        input: 'null',
        output: '{"nightshift.brain":"builtin"}',
      },
      {
        index: 2,
        kind: 'stage',
        name: 'read logs',
        spanId: 'read logs',
        input: 'null',
        output: '{"nightshift.source":"logs"}',
      },
      {
        index: 3,
        kind: 'tool',
        name: 'search_logs',
        spanId: 't1',
        input: '{"service":"checkout"}',
        output: '{"lines":["timeout"]}',
      },
      {
        index: 4,
        kind: 'stage',
        name: 'review round 1',
        spanId: 'review round 1',
        input: 'null',
        output: '{"nightshift.review.alternative":"db"}',
      },
    ]);
  });

  test('a failed tool call is its error (and any output); a failed stage with no attributes is still a step', () => {
    const failed = {
      ...tool('t1', 'sql', { q: 'x' }, {}),
      status: 'error' as const,
      error: 'sql failed: boom',
    };
    delete failed.attributes[ATTR.toolOutput];
    const steps = stepsOf(
      trace([failed, span('write report', 'step', { status: 'error', error: 'thrown' })]),
    );
    expect(steps.map((s) => [s.kind, s.name, s.output])).toEqual([
      ['tool', 'sql', '{"error":"sql failed: boom"}'],
      ['stage', 'write report', '{"error":"thrown"}'],
    ]);
  });

  test('times, tokens, the model call ids and where a source was read from do not change a step', () => {
    const a = tool('t1', 'q', { s: 1 }, { r: 2 });
    const b = {
      ...tool('t1', 'q', { s: 1 }, { r: 2 }),
      startMs: 500,
      endMs: 900,
      attributes: { ...a.attributes, [ATTR.toolCallId]: 'another' },
    };
    const readA = span('read metrics', 'step', {
      attributes: { 'nightshift.source': 'metrics', 'nightshift.source.from': 'bundle' },
    });
    const readB = span('read metrics', 'step', {
      attributes: { 'nightshift.source': 'metrics', 'nightshift.source.from': 'evidence' },
    });
    const promptB = {
      ...prompt('p', 'x'),
      attributes: { ...prompt('p', 'x').attributes, [ATTR.inputTokens]: 99 },
    };
    expect(stepsOf(trace([readA, a, prompt('p', 'x')]))).toEqual(stepsOf(trace([readB, b, promptB])));
  });

  test('a model step carries its model, prompt and output', () => {
    expect(stepsOf(trace([prompt('p', '{"b":1,"a":2}')]))).toEqual([
      {
        index: 1,
        kind: 'model',
        name: 'm',
        spanId: 'p',
        input: '[{"content":"q","role":"user"}]',
        output: '{"a":2,"b":1}',
      },
    ]);
  });
});

describe('inLogicalOrder', () => {
  const ids = (spans: SpanRecord[]) => inLogicalOrder(spans).map((s) => s.id);

  test.each([
    {
      name: 'a prompt recorded after the tools it asked for goes before them',
      spans: [tool('t1', 'a', 1, 1), tool('t2', 'b', 1, 1), prompt('p1', 'calls'), prompt('p2', 'answer')],
      expected: ['p1', 't1', 't2', 'p2'],
    },
    {
      name: 'each step of a tool loop keeps its own tools',
      spans: [
        tool('t1', 'a', 1, 1),
        prompt('p1', 'x'),
        tool('t2', 'b', 1, 1),
        prompt('p2', 'y'),
        prompt('p3', 'z'),
      ],
      expected: ['p1', 't1', 'p2', 't2', 'p3'],
    },
    {
      name: 'tools under another parent (the baseline specialists) stay ahead of the prompt',
      spans: [tool('s1', 'a', 1, 1, 'specialist'), tool('t1', 'b', 1, 1), prompt('p1', 'x')],
      expected: ['s1', 'p1', 't1'],
    },
    {
      name: 'spans other than tools stop the move',
      spans: [tool('t0', 'a', 1, 1), span('agent', 'agent'), prompt('p1', 'x')],
      expected: ['t0', 'agent', 'p1'],
    },
  ])('$name', ({ spans, expected }) => {
    expect(ids(spans)).toEqual(expected);
  });
});

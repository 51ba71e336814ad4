import { expect, test } from 'vitest';
import type { SpanRecord, TraceRecord } from './schema.js';
import { traceTotals } from './totals.js';

function span(id: string, over: Partial<SpanRecord>): SpanRecord {
  return { id, name: id, kind: 'step', startMs: 0, endMs: 0, status: 'ok', attributes: {}, ...over };
}

function trace(spans: SpanRecord[]): TraceRecord {
  return { traceId: 't', name: 'run', startedAt: 0, spans };
}

const prompt = (id: string, input: number, output: number, cost?: number) =>
  span(id, {
    kind: 'prompt',
    attributes: {
      'gen_ai.usage.input_tokens': input,
      'gen_ai.usage.output_tokens': output,
      ...(cost === undefined ? {} : { 'nightshift.cost_usd': cost }),
    },
  });

test.each([
  {
    name: 'an empty trace',
    spans: [],
    expected: {
      durationMs: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      prompts: 0,
      toolCalls: 0,
      errors: 0,
    },
  },
  {
    name: 'duration from the first start to the last end, not from startedAt',
    spans: [span('a', { startMs: 5_000, endMs: 6_000 }), span('b', { startMs: 5_500, endMs: 7_250 })],
    expected: {
      durationMs: 2_250,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      prompts: 0,
      toolCalls: 0,
      errors: 0,
    },
  },
  {
    name: 'tokens and cost summed over prompts; an unpriced prompt adds tokens, no cost',
    spans: [prompt('p1', 1000, 100, 0.002), prompt('p2', 500, 50, 0.001), prompt('p3', 7, 3)],
    expected: {
      durationMs: 0,
      inputTokens: 1507,
      outputTokens: 153,
      costUsd: 0.003,
      prompts: 3,
      toolCalls: 0,
      errors: 0,
    },
  },
  {
    name: 'usage on a non-prompt span is not counted again',
    spans: [{ ...prompt('agent', 1000, 100, 5), kind: 'agent' as const }, prompt('p', 1000, 100, 0.5)],
    expected: {
      durationMs: 0,
      inputTokens: 1000,
      outputTokens: 100,
      costUsd: 0.5,
      prompts: 1,
      toolCalls: 0,
      errors: 0,
    },
  },
  {
    name: 'tool calls and errors of any kind are counted',
    spans: [
      span('t1', { kind: 'tool' }),
      span('t2', { kind: 'tool', status: 'error', error: 'x' }),
      span('s', { status: 'error' }),
    ],
    expected: {
      durationMs: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      prompts: 0,
      toolCalls: 2,
      errors: 2,
    },
  },
])('traceTotals: $name', ({ spans, expected }) => {
  const totals = traceTotals(trace(spans));
  expect({ ...totals, costUsd: Number(totals.costUsd.toFixed(9)) }).toEqual(expected);
});

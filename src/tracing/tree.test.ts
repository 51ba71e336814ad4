import { stripVTControlCharacters } from 'node:util';
import { describe, expect, test } from 'vitest';
import type { SpanRecord, TraceRecord } from './schema.js';
import { formatMs, formatTraceTree, formatUsd } from './tree.js';

function span(id: string, parentId: string | undefined, over: Partial<SpanRecord>): SpanRecord {
  return {
    id,
    ...(parentId === undefined ? {} : { parentId }),
    name: id,
    kind: 'step',
    startMs: 0,
    endMs: 0,
    status: 'ok',
    attributes: {},
    ...over,
  };
}

function trace(spans: SpanRecord[]): TraceRecord {
  return { traceId: 't', name: 'investigate inc-1', startedAt: 0, spans };
}

/** Spans listed out of start order on purpose: the tree must sort them. */
const investigation = trace([
  span('s1', undefined, { name: 'investigation inc-1', kind: 'investigation', startMs: 0, endMs: 12_500 }),
  span('s2', 's1', { name: 'collect', startMs: 0, endMs: 900 }),
  span('s4', 's2', { name: 'read logs', startMs: 10, endMs: 400 }),
  span('s3', 's2', {
    name: 'read traces',
    startMs: 0,
    endMs: 900,
    status: 'error',
    error: 'traces: timed out\n  after 30 s',
  }),
  span('s5', 's1', {
    name: 'investigator (fast)',
    kind: 'agent',
    startMs: 1_000,
    endMs: 12_000,
    attributes: { 'gen_ai.request.model': 'claude-haiku-4-5' },
  }),
  span('s6', 's5', {
    name: 'prompt claude-haiku-4-5',
    kind: 'prompt',
    startMs: 1_000,
    endMs: 2_400,
    attributes: {
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.usage.input_tokens': 3000,
      'gen_ai.usage.output_tokens': 400,
      'nightshift.cost_usd': 0.005,
    },
  }),
  span('s7', 's5', {
    name: 'tool query_metrics',
    kind: 'tool',
    startMs: 2_400,
    endMs: 2_412,
    attributes: { 'gen_ai.tool.name': 'query_metrics' },
  }),
  span('s8', 's5', {
    name: 'prompt',
    kind: 'prompt',
    startMs: 2_412,
    endMs: 12_000,
    attributes: {
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.response.model': 'claude-haiku-4-5-20251001',
      'gen_ai.usage.input_tokens': 5000,
      'gen_ai.usage.output_tokens': 600,
      'nightshift.cost_usd': 0.0081,
    },
  }),
  span('s9', 'gone', {
    name: 'orphan',
    kind: 'tool',
    startMs: 12_100,
    endMs: 12_110,
    attributes: { 'gen_ai.tool.name': 'sql' },
  }),
]);

describe('formatTraceTree', () => {
  test('the whole tree: start order, totals, subtree usage, models, tools, errors, orphans', () => {
    expect(formatTraceTree(investigation)).toEqual(
      [
        'investigate inc-1 · 12.5 s · 2 tool calls · 2 prompts · 8000 in / 1000 out tokens · $0.0131 · 1 error',
        '├─ investigation inc-1 · investigation · 12.5 s · 2 prompts · 8000 in / 1000 out · $0.0131',
        '│  ├─ collect · step · 900 ms',
        '│  │  ├─ read traces · step · 900 ms ERROR traces: timed out after 30 s',
        '│  │  └─ read logs · step · 390 ms',
        '│  └─ investigator (fast) · agent · 11.0 s · 2 prompts · 8000 in / 1000 out · $0.0131',
        '│     ├─ prompt claude-haiku-4-5 · prompt · 1.40 s · 3000 in / 400 out · $0.0050',
        '│     ├─ tool query_metrics · tool · 12 ms',
        '│     └─ prompt · prompt · 9.59 s · claude-haiku-4-5-20251001 · 5000 in / 600 out · $0.0081',
        '└─ orphan · tool · 10 ms · sql',
        '',
      ].join('\n'),
    );
  });

  test('without prompts the first line has no tokens or cost; unpriced prompts show tokens only', () => {
    expect(formatTraceTree(trace([]))).toBe('investigate inc-1 · 0 ms · 0 tool calls · no errors\n');
    const unpriced = trace([
      span('p', undefined, {
        kind: 'prompt',
        endMs: 20,
        attributes: { 'gen_ai.usage.input_tokens': 7, 'gen_ai.usage.output_tokens': 1 },
      }),
    ]);
    expect(formatTraceTree(unpriced)).toBe(
      [
        'investigate inc-1 · 20 ms · 0 tool calls · 1 prompt · 7 in / 1 out tokens · no errors',
        '└─ p · prompt · 20 ms · 7 in / 1 out',
        '',
      ].join('\n'),
    );
  });

  test('a span whose parent is missing takes its place at the top in start order', () => {
    const cut = trace([
      span('first', undefined, { startMs: 0 }),
      span('late root', undefined, { startMs: 10 }),
      span('orphan', 'gone', { startMs: 5 }),
    ]);
    expect(formatTraceTree(cut).split('\n').slice(1)).toEqual([
      '├─ first · step · 0 ms',
      '├─ orphan · step · 0 ms',
      '└─ late root · step · 0 ms',
      '',
    ]);
  });

  test('parents that form a cycle are each shown once, at the top, without looping', () => {
    const cyclic = trace([
      span('a', 'b', { startMs: 1 }),
      span('b', 'a', { startMs: 2 }),
      span('c', 'c', { startMs: 3 }),
    ]);
    expect(formatTraceTree(cyclic)).toBe(
      [
        'investigate inc-1 · 0 ms · 0 tool calls · no errors',
        '├─ a · step · 0 ms',
        '│  └─ b · step · 0 ms',
        '└─ c · step · 0 ms',
        '',
      ].join('\n'),
    );
  });

  test('width cuts long lines with an ellipsis and leaves short ones', () => {
    const lines = formatTraceTree(investigation, { width: 40 }).split('\n');
    expect(lines[2]).toBe('│  ├─ collect · step · 900 ms');
    expect(lines[3]).toBe('│  │  ├─ read traces · step · 900 ms ER…');
    expect(Math.max(...lines.map((l) => l.length))).toBe(40);
  });

  test('color adds ANSI codes only when asked, around the same text', () => {
    const plain = formatTraceTree(investigation, { width: 60 });
    const colored = formatTraceTree(investigation, { color: true, width: 60 });
    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[31m');
    expect(stripVTControlCharacters(colored)).toBe(plain);
  });
});

test.each([
  { ms: 0, text: '0 ms' },
  { ms: 999.4, text: '999 ms' },
  { ms: 999.6, text: '1.00 s' },
  { ms: 1_234, text: '1.23 s' },
  { ms: 75_300, text: '75.3 s' },
  { ms: -5, text: '0 ms' },
])('formatMs($ms) = $text', ({ ms, text }) => {
  expect(formatMs(ms)).toBe(text);
});

test.each([
  { usd: 0, text: '$0.0000' },
  { usd: 0.00312, text: '$0.0031' },
  { usd: 0.25, text: '$0.2500' },
  { usd: 12.345, text: '$12.35' },
])('formatUsd($usd) = $text', ({ usd, text }) => {
  expect(formatUsd(usd)).toBe(text);
});

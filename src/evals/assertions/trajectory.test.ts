import { expect, test } from 'vitest';
import { checkoutBadDeploy } from '../../../testing/investigate/reports.js';
import { ATTR, type SpanRecord, type TraceRecord } from '../../tracing/index.js';
import type { EvalOutput } from '../output.js';
import { applyAssertion, parseAssertionEntry } from './apply.js';

const run = (type: string, value: unknown, output: EvalOutput) =>
  applyAssertion(parseAssertionEntry({ type, value }, { file: 'suite.yaml', field: 'assert.0' }), output, {
    vars: {},
  });

const span = (
  id: string,
  kind: SpanRecord['kind'],
  name: string,
  attributes: SpanRecord['attributes'] = {},
) => ({
  id,
  name,
  kind,
  startMs: 0,
  endMs: 1,
  status: 'ok' as const,
  attributes,
});
const tool = (id: string, name: string) => span(id, 'tool', `tool ${name}`, { [ATTR.toolName]: name });
const trace: TraceRecord = {
  traceId: 't',
  name: 'inv',
  startedAt: 0,
  spans: [
    span('s0', 'investigation', 'investigate'),
    span('s1', 'agent', 'coordinator'),
    tool('s2', 'detect_incident_window'),
    tool('s3', 'query_metrics'),
    tool('s4', 'query_metrics'),
    // An older trace without the GenAI attribute: the name is read from the span name.
    span('s5', 'tool', 'tool recent_changes'),
    span('s6', 'agent', 'logs specialist'),
  ],
};
const output: EvalOutput = { investigation: { report: checkoutBadDeploy, trace, notes: [] } };

test.each([
  {
    type: 'trajectory:tool-used',
    value: 'query_metrics',
    pass: true,
    names: 'query_metrics called at least 1×',
  },
  { type: 'trajectory:tool-used', value: 'recent_changes', pass: true, names: 'called 1×' },
  { type: 'trajectory:tool-used', value: 'sql', pass: false, names: 'sql called at least 1×, called 0×' },
  {
    type: 'trajectory:tool-used',
    value: { name: 'query_metrics', min: 2 },
    pass: true,
    names: 'at least 2×',
  },
  { type: 'trajectory:tool-used', value: { name: 'query_metrics', min: 3 }, pass: false, names: 'called 2×' },
  { type: 'not-trajectory:tool-used', value: 'sql', pass: true, names: 'not to hold' },
  {
    type: 'trajectory:tool-sequence',
    value: ['detect_incident_window', 'recent_changes'],
    pass: true,
    names: 'detect_incident_window → recent_changes',
  },
  {
    type: 'trajectory:tool-sequence',
    value: ['recent_changes', 'query_metrics'],
    pass: false,
    names: 'query_metrics missing after 1 matched',
  },
  {
    type: 'trajectory:tool-sequence',
    value: ['query_metrics', 'query_metrics'],
    pass: true,
    names: 'in order',
  },
  { type: 'trajectory:step-count', value: { max: 4 }, pass: true, names: '0..4 tool steps, found 4' },
  { type: 'trajectory:step-count', value: { max: 3 }, pass: false, names: '0..3 tool steps, found 4' },
  { type: 'trajectory:step-count', value: { min: 5 }, pass: false, names: '5..∞ tool steps, found 4' },
  {
    type: 'trajectory:step-count',
    value: { min: 2, max: 2, of: 'agent' },
    pass: true,
    names: 'agent steps, found 2',
  },
  { type: 'trajectory:step-count', value: { min: 3, of: 'agent' }, pass: false, names: 'found 2' },
])('$type $value → pass=$pass', async ({ type, value, pass, names }) => {
  const result = await run(type, value, output);
  expect(result.pass).toBe(pass);
  expect(result.reason).toContain(names);
});

test.each(['trajectory:tool-used', 'trajectory:tool-sequence', 'trajectory:step-count'])(
  '%s fails, saying why, when the target has no trace',
  async (type) => {
    const value = type === 'trajectory:tool-sequence' ? ['sql'] : type.endsWith('count') ? { max: 1 } : 'sql';
    const result = await run(type, value, { text: 'hi' });
    expect(result).toMatchObject({ pass: false, score: 0 });
    expect(result.reason).toContain('no investigation trace');
  },
);

test('a step count without bounds is refused', () => {
  expect(() => run('trajectory:step-count', {}, output)).toThrow('give min, max or both');
});

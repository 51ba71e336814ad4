import { expect, test } from 'vitest';
import { checkoutBadDeploy } from '../../../testing/investigate/reports.js';
import { ATTR, type TraceRecord } from '../../tracing/index.js';
import type { EvalOutput } from '../output.js';
import { applyAssertion, parseAssertionEntry } from './apply.js';

const run = (type: string, value: unknown, output: EvalOutput) =>
  applyAssertion(parseAssertionEntry({ type, value }, { file: 'suite.yaml', field: 'assert.0' }), output, {
    vars: {},
  });

const prompt = (id: string, costUsd: number) => ({
  id,
  name: 'prompt',
  kind: 'prompt' as const,
  startMs: 0,
  endMs: 1,
  status: 'ok' as const,
  attributes: { [ATTR.costUsd]: costUsd },
});
const trace: TraceRecord = {
  traceId: 't',
  name: 'inv',
  startedAt: 0,
  spans: [prompt('p1', 0.02), prompt('p2', 0.03)],
};
const investigated: EvalOutput = { investigation: { report: checkoutBadDeploy, trace, notes: [] } };

test.each([
  {
    type: 'latency',
    value: 500,
    output: { latencyMs: 420 },
    pass: true,
    names: 'at most 500 ms, took 420 ms',
  },
  {
    type: 'latency',
    value: 400,
    output: { latencyMs: 420 },
    pass: false,
    names: 'at most 400 ms, took 420 ms',
  },
  { type: 'latency', value: 400, output: {}, pass: false, names: 'no latency' },
  { type: 'not-latency', value: 400, output: { latencyMs: 420 }, pass: true, names: 'at most 400 ms' },
  { type: 'cost', value: 0.1, output: { costUsd: 0.05 }, pass: true, names: 'at most $0.1, cost $0.05' },
  { type: 'cost', value: 0.01, output: { costUsd: 0.05 }, pass: false, names: 'at most $0.01' },
  { type: 'cost', value: 0.06, output: investigated, pass: true, names: 'cost $0.05' },
  { type: 'cost', value: 0.04, output: investigated, pass: false, names: 'cost $0.05' },
  { type: 'cost', value: 1, output: {}, pass: false, names: 'no cost' },
])('$type $value → pass=$pass', async ({ type, value, output, pass, names }) => {
  const result = await run(type, value, output);
  expect(result.pass).toBe(pass);
  expect(result.reason).toContain(names);
});

test('a negative budget is refused', () => {
  expect(() => run('latency', -1, {})).toThrow(/assert\.0\.value/);
});

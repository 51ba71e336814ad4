import { expect, test } from 'vitest';
import { checkoutBadDeploy } from '../../../testing/investigate/reports.js';
import type { Action, Report } from '../../core/index.js';
import { ATTR, type TraceRecord } from '../../tracing/index.js';
import type { EvalOutput } from '../output.js';
import { applyAssertion, parseAssertionEntry } from './apply.js';

const run = (type: string, value: unknown, output: EvalOutput) =>
  applyAssertion(parseAssertionEntry({ type, value }, { file: 'suite.yaml', field: 'assert.0' }), output, {
    vars: {},
  });

const toolSpan = (callId: string, tool: string) => ({
  id: `span-${callId}`,
  name: `tool ${tool}`,
  kind: 'tool' as const,
  startMs: 0,
  endMs: 1,
  status: 'ok' as const,
  attributes: { [ATTR.toolName]: tool, [ATTR.toolCallId]: callId },
});
// The fixture report cites call-1, call-2 and call-3.
const fullTrace: TraceRecord = {
  traceId: 't',
  name: 'inv',
  startedAt: 0,
  spans: [
    toolSpan('call-1', 'query_metrics'),
    toolSpan('call-2', 'recent_changes'),
    toolSpan('call-3', 'log_patterns'),
  ],
};
const partialTrace: TraceRecord = { ...fullTrace, spans: fullTrace.spans.slice(0, 2) };

const investigation = (report: Report, trace = fullTrace): EvalOutput => ({
  investigation: { report, trace, notes: [] },
});
// The fixture's actions are unsorted on purpose (investigate, rollback, scale).
const sorted = investigation({
  ...checkoutBadDeploy,
  actions: [...checkoutBadDeploy.actions].sort((a, b) =>
    a.kind === 'investigate' ? 1 : b.kind === 'investigate' ? -1 : 0,
  ),
});
const unapproved = investigation({
  ...checkoutBadDeploy,
  actions: [
    {
      kind: 'restart',
      title: 'Restart checkout',
      rationale: 'r',
      requiresApproval: false,
    } as unknown as Action,
  ],
});
const bad = investigation(checkoutBadDeploy);
const uncited = investigation(checkoutBadDeploy, partialTrace);

test.each([
  {
    type: 'root-cause',
    value: { service: 'checkout' },
    output: bad,
    pass: true,
    names: 'root cause in checkout',
  },
  {
    type: 'root-cause',
    value: { service: 'checkout', category: 'bad_deploy' },
    output: bad,
    pass: true,
    names: '(bad_deploy)',
  },
  {
    type: 'root-cause',
    value: { service: 'checkout', category: 'database' },
    output: bad,
    pass: false,
    names: 'found checkout (bad_deploy)',
  },
  {
    type: 'root-cause',
    value: { service: 'payments' },
    output: bad,
    pass: false,
    names: 'root cause in payments',
  },
  {
    type: 'root-cause',
    value: { service: 'payments', alsoAcceptable: ['checkout'] },
    output: bad,
    pass: true,
    names: 'payments or checkout',
  },
  { type: 'causing-change', value: 'chg-481', output: bad, pass: true, names: 'causing change chg-481' },
  { type: 'causing-change', value: 'chg-999', output: bad, pass: false, names: 'chg-999, found chg-481' },
  { type: 'confidence', value: 'HIGH', output: bad, pass: true, names: 'confidence HIGH' },
  {
    type: 'confidence',
    value: ['LOW', 'MEDIUM'],
    output: bad,
    pass: false,
    names: 'LOW or MEDIUM, found HIGH',
  },
  { type: 'not-confidence', value: 'LOW', output: bad, pass: true, names: 'not to hold' },
  { type: 'evidence-cited', value: undefined, output: bad, pass: true, names: 'all 3 do' },
  { type: 'evidence-cited', value: undefined, output: uncited, pass: false, names: 'ev-2 (call-3) do not' },
  {
    type: 'actions-safe',
    value: undefined,
    output: sorted,
    pass: true,
    names: 'rollback, scale, investigate',
  },
  {
    type: 'actions-safe',
    value: undefined,
    output: bad,
    pass: false,
    names: 'action 2 (rollback) comes after the riskier investigate',
  },
  { type: 'actions-safe', value: undefined, output: unapproved, pass: false, names: 'without approval' },
  { type: 'no-secrets', value: undefined, output: bad, pass: true, names: 'no secrets' },
  {
    type: 'no-secrets',
    value: undefined,
    output: { json: { headers: 'Authorization: Bearer 8f3kq9ZxLm2Pq7Rt5Vw1Yb4Nc6Hd0Js3' } },
    pass: false,
    names: 'found "bearer_token"',
  },
])('$type $value → pass=$pass', async ({ type, value, output, pass, names }) => {
  const result = await run(type, value, output);
  expect(result.pass).toBe(pass);
  expect(result.reason).toContain(names);
});

test('evidence-cited scores the fraction of evidence cited', async () => {
  expect((await run('evidence-cited', undefined, uncited)).score).toBeCloseTo(2 / 3);
  expect((await run('not-evidence-cited', undefined, uncited)).score).toBeCloseTo(1 / 3);
});

test.each(['root-cause', 'causing-change', 'confidence', 'evidence-cited', 'actions-safe'])(
  '%s fails, saying why, when the target ran no investigation',
  async (type) => {
    const value = { 'root-cause': { service: 'a' }, 'causing-change': 'c', confidence: 'HIGH' }[type];
    expect(await run(type, value, { text: 'hi' })).toMatchObject({
      pass: false,
      reason: expect.stringContaining('no investigation'),
    });
  },
);

test('an unknown root-cause category is refused when the suite is parsed', () => {
  expect(() => run('root-cause', { service: 'a', category: 'gremlins' }, bad)).toThrow(
    /assert\.0\.value.*category/,
  );
});

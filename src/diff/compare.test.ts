import { describe, expect, test } from 'vitest';
import type { Report } from '../core/index.js';
import { diffReports, diffRuns, firstDivergence } from './compare.js';
import type { Step } from './steps.js';

const step = (index: number, over: Partial<Step> = {}): Step => ({
  index,
  kind: 'tool',
  name: 'query_metrics',
  spanId: `s${index}`,
  input: '{"service":"checkout"}',
  output: '{"shifts":[]}',
  ...over,
});
const run = (n: number) => Array.from({ length: n }, (_, i) => step(i + 1, { output: `{"n":${i + 1}}` }));
const changed = (steps: Step[], at: number, over: Partial<Step>) =>
  steps.map((s) => (s.index === at ? { ...s, ...over } : s));

describe('firstDivergence', () => {
  test.each([
    { name: 'identical', a: run(5), b: run(5), expected: undefined },
    {
      name: 'another tool at step 3',
      a: run(5),
      b: changed(run(5), 3, { name: 'search_logs' }),
      expected: { step: 3, kind: 'step' },
    },
    {
      name: 'a model where a tool was',
      a: run(5),
      b: changed(run(5), 2, { kind: 'model' }),
      expected: { step: 2, kind: 'step' },
    },
    {
      name: 'other arguments at step 4',
      a: run(5),
      b: changed(run(5), 4, { input: '{"service":"payments"}' }),
      expected: {
        step: 4,
        kind: 'arguments',
        excerpt: { a: '{"service":"checkout"}', b: '{"service":"payments"}' },
      },
    },
    {
      name: 'another result at step 5',
      a: run(5),
      b: changed(run(5), 5, { output: '{"n":6}' }),
      expected: { step: 5, kind: 'result', excerpt: { a: '{"n":5}', b: '{"n":6}' } },
    },
    {
      name: 'arguments are reported before results',
      a: run(3),
      b: changed(run(3), 2, { input: 'x', output: 'y' }),
      expected: { step: 2, kind: 'arguments' },
    },
    {
      name: 'only the first divergence',
      a: run(5),
      b: changed(changed(run(5), 4, { output: 'x' }), 2, { output: 'y' }),
      expected: { step: 2, kind: 'result' },
    },
    {
      name: 'b stops early',
      a: run(5),
      b: run(3),
      expected: { step: 4, kind: 'ended', a: { index: 4 } },
      absent: 'b',
    },
    {
      name: 'a stops early',
      a: run(2),
      b: run(4),
      expected: { step: 3, kind: 'ended', b: { index: 3 } },
      absent: 'a',
    },
    { name: 'both empty', a: [], b: [], expected: undefined },
  ])('$name', ({ a, b, expected, absent }: { a: Step[]; b: Step[]; expected?: object; absent?: string }) => {
    const found = firstDivergence(a, b);
    if (expected === undefined) expect(found).toBeUndefined();
    else expect(found).toMatchObject(expected);
    if (absent !== undefined) expect(found).not.toHaveProperty(absent);
  });

  test('names both steps with hashes of what went in and out', () => {
    const found = firstDivergence(run(2), changed(run(2), 2, { output: '{"n":9}' }));
    expect(found?.a).toEqual({
      index: 2,
      kind: 'tool',
      name: 'query_metrics',
      spanId: 's2',
      inputHash: expect.stringMatching(/^[0-9a-f]{12}$/),
      outputHash: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    expect(found?.a?.inputHash).toBe(found?.b?.inputHash);
    expect(found?.a?.outputHash).not.toBe(found?.b?.outputHash);
  });
});

const report: Report = {
  incidentId: 'inc',
  summary: 'checkout is slow because payments-db is saturated',
  impact: { services: ['checkout'] },
  timeline: [],
  rootCause: {
    service: 'payments-db',
    category: 'resource_cpu',
    description: 'payments-db ran out of CPU',
    confidence: 'HIGH',
    confidenceReason: 'CPU first',
  },
  alternatives: [
    {
      id: 'h2',
      service: 'checkout',
      category: 'bad_deploy',
      description: '',
      score: 0.4,
      evidenceIds: [],
      weaknesses: [],
    },
  ],
  evidence: [],
  actions: [{ kind: 'scale', title: 'Add a replica', rationale: 'CPU', requiresApproval: true }],
  similarIncidents: [],
  missingSources: [],
};

describe('diffReports', () => {
  test.each<{ name: string; b: Report; expected: ReturnType<typeof diffReports> }>([
    { name: 'the same report', b: report, expected: [] },
    {
      name: 'another root cause, category and confidence',
      b: {
        ...report,
        rootCause: { ...report.rootCause, service: 'checkout', category: 'bad_deploy', confidence: 'LOW' },
      },
      expected: [
        { field: 'rootCause.service', a: 'payments-db', b: 'checkout' },
        { field: 'rootCause.category', a: 'resource_cpu', b: 'bad_deploy' },
        { field: 'rootCause.confidence', a: 'HIGH', b: 'LOW' },
      ],
    },
    {
      name: 'a causing change found by one only',
      b: { ...report, rootCause: { ...report.rootCause, changeId: 'deploy-42' } },
      expected: [{ field: 'rootCause.changeId', a: '(none)', b: 'deploy-42' }],
    },
    {
      name: 'alternatives and actions as lists',
      b: {
        ...report,
        alternatives: [],
        actions: [
          ...report.actions,
          { kind: 'restart', title: 'Restart', rationale: 'x', requiresApproval: true },
        ],
      },
      expected: [
        {
          field: 'alternatives',
          a: 'checkout (bad_deploy)',
          b: '(none)',
          onlyA: ['checkout (bad_deploy)'],
          onlyB: [],
        },
        {
          field: 'actions',
          a: 'scale: Add a replica',
          b: 'scale: Add a replica; restart: Restart',
          onlyA: [],
          onlyB: ['restart: Restart'],
        },
      ],
    },
    {
      name: 'the summary and description texts',
      b: { ...report, summary: 'other', rootCause: { ...report.rootCause, description: 'other too' } },
      expected: [
        { field: 'rootCause.description', a: 'payments-db ran out of CPU', b: 'other too' },
        { field: 'summary', a: report.summary, b: 'other' },
      ],
    },
    {
      name: 'scores and evidence are not compared',
      b: {
        ...report,
        alternatives: [{ ...(report.alternatives[0] as Report['alternatives'][number]), score: 0.1 }],
        evidence: [],
      },
      expected: [],
    },
  ])('$name', ({ b, expected }) => {
    expect(diffReports(report, b)).toEqual(expected);
  });
});

test('diffRuns: identical only when the steps and the report are', () => {
  const same = diffRuns({ steps: run(3), report }, { steps: run(3), report });
  expect(same).toEqual({ stepsA: 3, stepsB: 3, divergence: undefined, report: [], identical: true });
  const otherReport = diffRuns(
    { steps: run(3), report },
    { steps: run(3), report: { ...report, summary: 'x' } },
  );
  expect(otherReport.identical).toBe(false);
  expect(otherReport.divergence).toBeUndefined();
  const otherSteps = diffRuns({ steps: run(3), report }, { steps: run(4), report });
  expect(otherSteps).toMatchObject({
    identical: false,
    stepsB: 4,
    divergence: { step: 4, kind: 'ended' },
    report: [],
  });
});

import { expect, test } from 'vitest';
import type { RunDiff, StepSummary } from './compare.js';
import { formatRunDiff } from './render.js';

const names = { a: 'exports/inv-1', b: 'exports/inv-2' };
const at = (index: number, over: Partial<StepSummary> = {}): StepSummary => ({
  index,
  kind: 'tool',
  name: 'query_metrics',
  spanId: `s${index + 4}`,
  inputHash: 'aaaaaaaaaaaa',
  outputHash: 'bbbbbbbbbbbb',
  ...over,
});
const base: RunDiff = { stepsA: 23, stepsB: 23, divergence: undefined, report: [], identical: false };

test.each<{ name: string; diff: RunDiff; expected: string[] }>([
  {
    name: 'identical',
    diff: { ...base, identical: true },
    expected: ['The runs are identical: the same 23 steps and the same report.'],
  },
  {
    name: 'tool arguments differ, with the report differences',
    diff: {
      ...base,
      divergence: {
        step: 7,
        kind: 'arguments',
        a: at(7),
        b: at(7),
        excerpt: { a: '{"service":"checkout"}', b: '{"service":"payments"}' },
      },
      report: [
        { field: 'rootCause.service', a: 'payments-db', b: 'checkout' },
        {
          field: 'alternatives',
          a: 'checkout (bad_deploy)',
          b: '(none)',
          onlyA: ['checkout (bad_deploy)'],
          onlyB: [],
        },
      ],
    },
    expected: [
      'First divergence at step 7 of 23: tool query_metrics, arguments differ:',
      '  a: {"service":"checkout"}',
      '  b: {"service":"payments"}',
      '  (span s11 in both; steps 1–6 are the same)',
      '',
      'Report differences:',
      '  root cause service: payments-db → checkout',
      '  alternatives:',
      '    a: checkout (bad_deploy)',
      '    b: (none)',
      '    only in a: checkout (bad_deploy)',
    ],
  },
  {
    name: 'a model output differs, the reports the same',
    diff: {
      ...base,
      divergence: {
        step: 1,
        kind: 'result',
        a: at(1, { kind: 'model', name: 'claude-x' }),
        b: at(1, { kind: 'model', name: 'claude-x' }),
        excerpt: { a: 'x', b: 'y' },
      },
    },
    expected: [
      'First divergence at step 1 of 23: model claude-x, outputs differ:',
      '  a: x',
      '  b: y',
      '  (span s5 in both)',
      '',
      'The reports are the same.',
    ],
  },
  {
    name: 'a review round decided otherwise',
    diff: {
      ...base,
      divergence: {
        step: 14,
        kind: 'result',
        a: at(14, { kind: 'stage', name: 'review round 1' }),
        b: at(14, { kind: 'stage', name: 'review round 1' }),
        excerpt: { a: '["one_source"]', b: '["close_rival"]' },
      },
    },
    expected: [
      'First divergence at step 14 of 23: review round 1, what it recorded differs:',
      '  a: ["one_source"]',
      '  b: ["close_rival"]',
      '  (span s18 in both; steps 1–13 are the same)',
      '',
      'The reports are the same.',
    ],
  },
  {
    name: 'another step taken',
    diff: {
      ...base,
      divergence: { step: 3, kind: 'step', a: at(3), b: at(3, { kind: 'model', name: 'm', spanId: 's9' }) },
    },
    expected: [
      'First divergence at step 3 of 23: a took tool query_metrics, b took model m',
      '  (span s7 in a, span s9 in b; steps 1–2 are the same)',
      '',
      'The reports are the same.',
    ],
  },
  {
    name: 'one run ended first',
    diff: {
      ...base,
      stepsB: 25,
      divergence: { step: 24, kind: 'ended', b: at(24, { name: 'search_logs' }) },
    },
    expected: [
      'First divergence at step 24 of 23 (a) / 25 (b): a ended after 23 steps; b went on with tool search_logs',
      '  (span s28 in b; steps 1–23 are the same)',
      '',
      'The reports are the same.',
    ],
  },
  {
    name: 'the same steps to another report',
    diff: { ...base, report: [{ field: 'rootCause.confidence', a: 'HIGH', b: 'MEDIUM' }] },
    expected: ['The runs took the same 23 steps.', '', 'Report differences:', '  confidence: HIGH → MEDIUM'],
  },
])('$name', ({ diff, expected }) => {
  const header = [`a: ${names.a} (${diff.stepsA} steps)`, `b: ${names.b} (${diff.stepsB} steps)`, ''];
  expect(formatRunDiff(diff, names)).toBe(`${[...header, ...expected].join('\n')}\n`);
});

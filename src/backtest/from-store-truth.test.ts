import { describe, expect, test } from 'vitest';
import { REPORT } from '../../testing/export/llm-investigation.js';
import type { Report } from '../core/index.js';
import { incidentServices, type TruthDecision, truthFromFeedback } from './from-store-truth.js';

/** The report: payments-db, resource_cpu, with a causing change. */
const report: Report = { ...REPORT, rootCause: { ...REPORT.rootCause, changeId: 'chg-7' } };
const services = ['checkout', 'payments', 'payments-db'];

describe('truthFromFeedback', () => {
  test.each<{ name: string; feedback: Parameters<typeof truthFromFeedback>[1]; expected: TruthDecision }>([
    {
      name: 'correct: the report is the truth, its change included',
      feedback: { grade: 'correct' },
      expected: { ok: true, truth: { service: 'payments-db', category: 'resource_cpu', change: 'chg-7' } },
    },
    {
      name: 'correct with a category: the responder’s category',
      feedback: { grade: 'correct', category: 'resource_memory' },
      expected: { ok: true, truth: { service: 'payments-db', category: 'resource_memory', change: 'chg-7' } },
    },
    {
      name: 'correct whose words name another service: the grade decides',
      feedback: { grade: 'correct', rootCause: 'checkout saw it first, payments-db was the cause' },
      expected: { ok: true, truth: { service: 'payments-db', category: 'resource_cpu', change: 'chg-7' } },
    },
    {
      name: 'wrong, corrected with a service and a category',
      feedback: {
        grade: 'wrong',
        rootCause: 'The payments deploy broke serialisation',
        category: 'bad_deploy',
      },
      expected: { ok: true, truth: { service: 'payments', category: 'bad_deploy', changeUnknown: true } },
    },
    {
      name: 'the longest service named at the same place wins',
      feedback: {
        grade: 'wrong_but_useful',
        rootCause: 'payments-db ran out of disk',
        category: 'resource_disk',
      },
      expected: {
        ok: true,
        truth: { service: 'payments-db', category: 'resource_disk', changeUnknown: true },
      },
    },
    {
      name: 'partly correct without a category: the report’s category, no change',
      feedback: { grade: 'partly_correct', rootCause: 'it was checkout, not the database' },
      expected: { ok: true, truth: { service: 'checkout', category: 'resource_cpu', changeUnknown: true } },
    },
    {
      name: 'wrong without a category: skipped',
      feedback: { grade: 'wrong', rootCause: 'checkout' },
      expected: {
        ok: false,
        reason:
          'graded wrong and corrected to checkout without a category: nothing to score the category against',
      },
    },
    {
      name: 'wrong without a correction: skipped',
      feedback: { grade: 'wrong' },
      expected: {
        ok: false,
        reason:
          'graded wrong without a corrected root cause that names one of its services: nothing to score against',
      },
    },
    {
      name: 'partly correct whose words name no service of the incident: skipped',
      feedback: { grade: 'partly_correct', rootCause: 'the mainframe', category: 'bad_deploy' },
      expected: {
        ok: false,
        reason:
          'graded partly_correct without a corrected root cause that names one of its services: nothing to score against',
      },
    },
    {
      name: 'a category Nightshift does not know: skipped',
      feedback: { grade: 'correct', category: 'gremlins' },
      expected: {
        ok: false,
        reason: 'graded correct with the category "gremlins", which is not one Nightshift knows',
      },
    },
  ])('$name', ({ feedback, expected }) => {
    expect(truthFromFeedback(report, feedback, services)).toEqual(expected);
  });
});

test('incidentServices: the report’s, the alert’s and every service of the evidence, once each, sorted', () => {
  const evidence = {
    topology: { services: [{ name: 'gateway', dependsOn: ['checkout'] }] },
    collected: {
      series: [{ service: 'cache' }],
      logs: [{ service: 'checkout' }, { service: 'checkout' }],
      spans: [{ service: 'auth' }],
      changes: [{ service: 'flags' }],
    },
  };
  expect(incidentServices(report, 'frontend', evidence)).toEqual([
    'auth',
    'cache',
    'checkout',
    'flags',
    'frontend',
    'gateway',
    'payments-db',
  ]);
});

import { describe, expect, it } from 'vitest';
import { checkoutBadDeploy } from '../../testing/investigate/reports.js';
import type { Confidence, RootCauseCategory } from '../core/index.js';
import type { Feedback, Grade, InvestigationRow } from '../store/index.js';
import { accountOf, casesFromFeedback } from './cases.js';

const T0 = Date.parse('2026-11-01T00:00:00Z');

function row(id: string, answer?: { category: RootCauseCategory; confidence: Confidence }): InvestigationRow {
  return {
    id,
    status: answer === undefined ? 'failed' : 'done',
    groupKey: id,
    title: id,
    service: 'checkout',
    severity: 'critical',
    createdAt: T0,
    attempts: 1,
    ...(answer && {
      report: { ...checkoutBadDeploy, rootCause: { ...checkoutBadDeploy.rootCause, ...answer } },
      category: answer.category,
    }),
  };
}

function feedback(investigationId: string, grade: Grade, at: number, category?: string): Feedback {
  return { id: `${investigationId}-${at}`, investigationId, grade, at, ...(category && { category }) };
}

const deploy = { category: 'bad_deploy', confidence: 'HIGH' } as const;

describe('casesFromFeedback', () => {
  it.each([
    {
      name: 'correct is right',
      grade: 'correct',
      category: undefined,
      verdict: 'right',
      categoryRight: true,
    },
    { name: 'partly', grade: 'partly_correct', category: undefined, verdict: 'partly', categoryRight: true },
    {
      name: 'wrong but useful is wrong',
      grade: 'wrong_but_useful',
      category: undefined,
      verdict: 'wrong',
      categoryRight: true,
    },
    { name: 'wrong', grade: 'wrong', category: undefined, verdict: 'wrong', categoryRight: true },
    {
      name: 'the same category given',
      grade: 'wrong',
      category: 'bad_deploy',
      verdict: 'wrong',
      categoryRight: true,
    },
    {
      name: 'another category given',
      grade: 'partly_correct',
      category: 'database',
      verdict: 'partly',
      categoryRight: false,
    },
  ] as const)('$name', ({ grade, category, verdict, categoryRight }) => {
    const { cases } = casesFromFeedback({
      investigations: [row('a', deploy)],
      feedback: [feedback('a', grade, T0, category)],
    });
    expect(cases).toEqual([
      {
        investigationId: 'a',
        source: 'feedback',
        createdAt: T0,
        service: 'checkout',
        account: undefined,
        category: 'bad_deploy',
        confidence: 'HIGH',
        rootCause: verdict,
        categoryRight,
        changeRight: undefined,
      },
    ]);
  });

  it('counts each investigation once, by its latest feedback, whatever the order given', () => {
    const { cases } = casesFromFeedback({
      investigations: [row('a', deploy)],
      feedback: [feedback('a', 'correct', T0 + 2), feedback('a', 'wrong', T0 + 1)],
    });
    expect(cases.map((c) => c.rootCause)).toEqual(['right']);
  });

  it('never counts an investigation nobody gave feedback on', () => {
    const { cases, skipped } = casesFromFeedback({
      investigations: [row('a', deploy), row('b', deploy)],
      feedback: [feedback('b', 'wrong', T0)],
    });
    expect(cases.map((c) => c.investigationId)).toEqual(['b']);
    expect(skipped).toEqual([]);
  });

  it('skips graded investigations without a readable report, saying why', () => {
    const unreadable = { ...row('c', deploy), report: { summary: 'an older shape' } };
    const { cases, skipped } = casesFromFeedback({
      investigations: [row('a'), unreadable],
      feedback: [feedback('a', 'wrong', T0), feedback('c', 'correct', T0)],
    });
    expect(cases).toEqual([]);
    expect(skipped).toEqual([
      { investigationId: 'a', createdAt: T0, reason: 'no report' },
      { investigationId: 'c', createdAt: T0, reason: 'unreadable report' },
    ]);
  });

  it("takes the account from the first alert's labels", () => {
    const { cases } = casesFromFeedback({
      investigations: [row('a', deploy), row('b', deploy)],
      feedback: [feedback('a', 'correct', T0), feedback('b', 'correct', T0)],
      alertLabels: new Map([['a', { tenant: 'acme', team: 'payments' }]]),
    });
    expect(cases.map((c) => c.account)).toEqual(['acme', undefined]);
  });
});

describe('accountOf', () => {
  it.each<{ labels: Record<string, string>; expected: string | undefined }>([
    { labels: { account: 'acme', tenant: 't1', team: 'web' }, expected: 'acme' },
    { labels: { tenant: 't1', team: 'web' }, expected: 't1' },
    { labels: { customer: 'globex', team: 'web' }, expected: 'globex' },
    { labels: { account: '', team: 'web' }, expected: 'web' },
    { labels: { service: 'checkout', namespace: 'shop' }, expected: undefined },
  ])('$labels → $expected', ({ labels, expected }) => {
    expect(accountOf(labels)).toBe(expected);
  });
});

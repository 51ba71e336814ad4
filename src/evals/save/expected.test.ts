import { describe, expect, test } from 'vitest';
import { checkoutBadDeploy as report } from '../../../testing/investigate/reports.js';
import { expectedRootCause, serviceNamedIn } from './expected.js';

const SERVICES = ['frontend', 'checkout', 'payments', 'payments-db'];

test.each([
  { text: 'the payments-db pool was exhausted', expected: 'payments-db' },
  { text: 'Payments-DB, not checkout, ran out of connections', expected: 'payments-db' },
  { text: 'payments timed out calling payments-db', expected: 'payments' },
  { text: 'a bad config on the load balancer', expected: undefined },
  { text: 'checkoutv2 is not a service here', expected: undefined },
])('serviceNamedIn: $text', ({ text, expected }) => {
  expect(serviceNamedIn(text, SERVICES)).toBe(expected);
});

describe('expectedRootCause', () => {
  const base = { report, services: SERVICES };
  test.each([
    {
      name: 'no feedback: the report, unconfirmed',
      feedback: [],
      expected: { service: 'checkout', confirmed: false },
    },
    {
      name: 'feedback naming a service, with a category',
      feedback: [{ grade: 'wrong', rootCause: 'payments-db pool', category: 'database', at: 2 }],
      expected: { service: 'payments-db', confirmed: true, category: 'database' },
    },
    {
      name: 'the newest feedback wins',
      feedback: [
        { grade: 'wrong', rootCause: 'payments-db pool', at: 2 },
        { grade: 'wrong', rootCause: 'it was payments', at: 1 },
      ],
      expected: { service: 'payments-db', confirmed: true },
    },
    {
      name: 'correct without a service confirms the report',
      feedback: [{ grade: 'correct', at: 1 }],
      expected: { service: 'checkout', confirmed: true },
    },
    {
      name: 'partly correct naming nothing: the report, unconfirmed; an unknown category is dropped',
      feedback: [{ grade: 'partly_correct', rootCause: 'something else', category: 'gremlins', at: 1 }],
      expected: { service: 'checkout', confirmed: false },
    },
  ])('$name', ({ feedback, expected }) => {
    expect(expectedRootCause({ ...base, feedback })).toMatchObject(expected);
    if (!('category' in expected)) expect(expectedRootCause({ ...base, feedback }).category).toBeUndefined();
  });

  test('wrong naming no service asks for --root-cause, listing the services', () => {
    expect(() =>
      expectedRootCause({ ...base, feedback: [{ grade: 'wrong', rootCause: 'the network', at: 1 }] }),
    ).toThrow(/names no service/);
    expect(
      expectedRootCause({
        ...base,
        feedback: [{ grade: 'wrong', rootCause: 'the network', at: 1 }],
        service: 'payments',
        category: 'network',
      }),
    ).toMatchObject({ service: 'payments', category: 'network', confirmed: true, from: '--root-cause' });
  });

  test('--root-cause and --category must be known, with a suggestion', () => {
    expect(() => expectedRootCause({ ...base, feedback: [], service: 'paymnts' })).toThrow(
      /did you mean "payments"/,
    );
    expect(() =>
      expectedRootCause({ ...base, feedback: [], service: 'payments', category: 'databse' }),
    ).toThrow(/did you mean "database"/);
  });
});

import { expect, test } from 'vitest';
import { z } from 'zod';
import type { Assertion } from './assertion.js';
import { ASSERTION_NAMES, assertions, isAssertionName } from './registry.js';

test('the registry holds promptfoo-named and domain assertions, each described with a value schema', () => {
  expect(ASSERTION_NAMES).toEqual([
    'equals',
    'contains',
    'icontains',
    'regex',
    'starts-with',
    'is-json',
    'json-schema',
    'field',
    'latency',
    'cost',
    'trajectory:tool-used',
    'trajectory:tool-sequence',
    'trajectory:step-count',
    'root-cause',
    'causing-change',
    'confidence',
    'evidence-cited',
    'actions-safe',
    'no-secrets',
    'llm-rubric',
  ]);
  for (const name of ASSERTION_NAMES) {
    const assertion: Assertion = assertions[name];
    expect(assertion.description.length, name).toBeGreaterThan(10);
    expect(assertion.value, name).toBeInstanceOf(z.ZodType);
    expect(typeof assertion.check, name).toBe('function');
    // No name may start with the prefix that inverts an assertion.
    expect(name.startsWith('not-'), name).toBe(false);
  }
  expect(isAssertionName('contains')).toBe(true);
  expect(isAssertionName('toString')).toBe(false);
});

test('an incomplete entry does not compile', () => {
  const check = () => ({ pass: true, score: 1, reason: 'ok' });
  const incomplete = {
    // @ts-expect-error: an assertion must have a check.
    'no-check': { description: 'checks nothing', value: z.string() },
    // @ts-expect-error: an assertion must have a description.
    'no-description': { value: z.string(), check },
    complete: { description: 'passes', value: z.string(), check },
  } satisfies Record<string, Assertion>;
  expect(Object.keys(incomplete)).toHaveLength(3);
});

import { expect, test } from 'vitest';
import type { EvalOutput } from '../output.js';
import { applyAssertion, parseAssertionEntry } from './apply.js';

const run = (type: string, value: unknown, output: EvalOutput) =>
  applyAssertion(parseAssertionEntry({ type, value }, { file: 'suite.yaml', field: 'assert.0' }), output, {
    vars: {},
  });

const hello: EvalOutput = { text: 'Hello, checkout is down' };

test.each([
  {
    type: 'equals',
    value: 'Hello, checkout is down',
    output: hello,
    pass: true,
    names: '"Hello, checkout is down"',
  },
  { type: 'equals', value: 'Hello', output: hello, pass: false, names: 'equal "Hello"' },
  { type: 'equals', value: { a: [1, 2] }, output: { json: { a: [1, 2] } }, pass: true, names: '{"a":[1,2]}' },
  {
    type: 'equals',
    value: { a: [1, 2] },
    output: { json: { a: [2, 1] } },
    pass: false,
    names: '{"a":[1,2]}',
  },
  { type: 'equals', value: 'x', output: {}, pass: false, names: 'no text' },
  { type: 'contains', value: 'checkout', output: hello, pass: true, names: 'contain "checkout"' },
  { type: 'contains', value: 'CHECKOUT', output: hello, pass: false, names: 'contain "CHECKOUT"' },
  { type: 'contains', value: 'a', output: { json: { name: 'a' } }, pass: true, names: 'contain "a"' },
  { type: 'icontains', value: 'CHECKOUT', output: hello, pass: true, names: 'ignoring case' },
  { type: 'icontains', value: 'payments', output: hello, pass: false, names: '"payments"' },
  { type: 'regex', value: '^Hello, \\w+ is', output: hello, pass: true, names: '/^Hello, \\w+ is/' },
  { type: 'regex', value: '\\d{3}', output: hello, pass: false, names: '/\\d{3}/' },
  { type: 'starts-with', value: 'Hello', output: hello, pass: true, names: 'start with "Hello"' },
  { type: 'starts-with', value: 'checkout', output: hello, pass: false, names: 'start with "checkout"' },
  { type: 'not-contains', value: 'payments', output: hello, pass: true, names: 'not to hold' },
  { type: 'not-contains', value: 'checkout', output: hello, pass: false, names: 'contain "checkout"' },
  { type: 'not-equals', value: 'Hello', output: hello, pass: true, names: 'equal "Hello"' },
])('$type $value → pass=$pass', async ({ type, value, output, pass, names }) => {
  const result = await run(type, value, output);
  expect(result.pass).toBe(pass);
  expect(result.score).toBe(pass ? 1 : 0);
  expect(result.reason).toContain(names);
});

test('a pattern that is not a regular expression is refused when the suite is parsed', () => {
  expect(() => run('regex', '(unclosed', hello)).toThrow(
    /field "assert\.0\.value".*not a valid JavaScript regular/,
  );
});

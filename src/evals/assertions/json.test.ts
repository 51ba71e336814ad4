import { expect, test } from 'vitest';
import type { EvalOutput } from '../output.js';
import { applyAssertion, parseAssertionEntry } from './apply.js';

const run = (type: string, value: unknown, output: EvalOutput) =>
  applyAssertion(parseAssertionEntry({ type, value }, { file: 'suite.yaml', field: 'assert.0' }), output, {
    vars: {},
  });

const answer = { service: 'checkout', score: 0.8, tags: ['deploy', 'errors'], nested: { id: 'chg-481' } };
const schema = {
  type: 'object',
  properties: { service: { type: 'string' }, score: { type: 'number', maximum: 1 } },
  required: ['service', 'score'],
};

test.each([
  { type: 'is-json', value: undefined, output: { text: '{"a":1}' }, pass: true, names: 'expected JSON' },
  { type: 'is-json', value: undefined, output: { json: [1] }, pass: true, names: 'expected JSON' },
  { type: 'is-json', value: undefined, output: { text: 'not json' }, pass: false, names: 'not JSON' },
  { type: 'not-is-json', value: undefined, output: { text: 'plain' }, pass: true, names: 'expected JSON' },
  { type: 'json-schema', value: schema, output: { json: answer }, pass: true, names: 'matching the schema' },
  {
    type: 'json-schema',
    value: schema,
    output: { text: '{"service":"a","score":3}' },
    pass: false,
    names: 'score',
  },
  { type: 'json-schema', value: schema, output: { json: { score: 0.1 } }, pass: false, names: 'service' },
  {
    type: 'field',
    value: { path: 'service', equals: 'checkout' },
    pass: true,
    names: 'service to equal "checkout"',
  },
  { type: 'field', value: { path: 'service', equals: 'payments' }, pass: false, names: 'found "checkout"' },
  { type: 'field', value: { path: 'nested.id', contains: '481' }, pass: true, names: 'contain "481"' },
  { type: 'field', value: { path: 'nested.id', contains: '999' }, pass: false, names: 'found "chg-481"' },
  { type: 'field', value: { path: 'tags', contains: 'deploy' }, pass: true, names: 'tags to contain' },
  { type: 'field', value: { path: 'tags', contains: 'dns' }, pass: false, names: '["deploy","errors"]' },
  { type: 'field', value: { path: 'tags.1', equals: 'errors' }, pass: true, names: 'tags.1' },
  { type: 'field', value: { path: 'score', gt: 0.5 }, pass: true, names: '> 0.5' },
  { type: 'field', value: { path: 'score', gt: 0.9 }, pass: false, names: '> 0.9, found 0.8' },
  { type: 'field', value: { path: 'score', lt: 0.9 }, pass: true, names: '< 0.9' },
  { type: 'field', value: { path: 'score', lt: 0.5 }, pass: false, names: '< 0.5' },
  { type: 'field', value: { path: 'nested.id', exists: true }, pass: true, names: 'to exist' },
  { type: 'field', value: { path: 'nested.missing', exists: true }, pass: false, names: 'no such field' },
  { type: 'field', value: { path: 'nested.missing', exists: false }, pass: true, names: 'to be absent' },
  { type: 'not-field', value: { path: 'service', equals: 'payments' }, pass: true, names: 'not to hold' },
])('$type $value → pass=$pass', async ({ type, value, output, pass, names }) => {
  const result = await run(type, value, output ?? { json: answer });
  expect(result.pass).toBe(pass);
  expect(result.reason).toContain(names);
});

test('field reads the text as JSON when the target gives only text', async () => {
  expect((await run('field', { path: 'a', equals: 1 }, { text: '{"a":1}' })).pass).toBe(true);
  expect((await run('field', { path: 'a', equals: 1 }, { text: 'nope' })).reason).toContain('not JSON');
});

test.each([
  { value: { path: 'a' }, problem: 'exactly one of' },
  { value: { path: 'a', gt: 1, lt: 2 }, problem: 'exactly one of' },
  { value: { path: 'a', equal: 1 }, problem: 'equal' },
])('field refuses $value', ({ value, problem }) => {
  expect(() => run('field', value, {})).toThrow(problem);
});

test('a JSON Schema zod cannot read is refused when the suite is parsed', () => {
  expect(() => run('json-schema', { type: 'no-such-type' }, {})).toThrow(/assert\.0\.value/);
});

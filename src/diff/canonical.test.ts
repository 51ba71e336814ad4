import { describe, expect, test } from 'vitest';
import { canonicalJson, excerpts, shortHash } from './canonical.js';

describe('canonicalJson', () => {
  test.each([
    {
      name: 'keys in any order',
      a: { b: 1, a: [2, { d: 1, c: 2 }] },
      b: { a: [2, { c: 2, d: 1 }], b: 1 },
      same: true,
    },
    { name: 'JSON text and its value', a: '{"x":1,"y":[1,2]}', b: { y: [1, 2], x: 1 }, same: true },
    {
      name: 'JSON text nested in a value',
      a: { ctx: '{"b":2,"a":1}' },
      b: { ctx: '{"a":1, "b":2}' },
      same: true,
    },
    { name: 'array order matters', a: [1, 2], b: [2, 1], same: false },
    { name: 'a number and its text are not the same', a: '42', b: 42, same: false },
    {
      name: 'text that is not JSON stays text',
      a: '{"cut… (30000 characters, cut)',
      b: '{"cut… (30000 characters, cut)',
      same: true,
    },
    { name: 'undefined is null', a: undefined, b: null, same: true },
  ])('$name', ({ a, b, same }) => {
    expect(canonicalJson(a) === canonicalJson(b)).toBe(same);
  });

  test('sorts keys and drops spaces', () => {
    expect(canonicalJson({ z: '{"b": 1, "a": 2}', a: [true, null] })).toBe(
      '{"a":[true,null],"z":{"a":2,"b":1}}',
    );
  });
});

describe('excerpts', () => {
  test.each([
    { name: 'equal', a: 'same', b: 'same', expected: undefined },
    {
      name: 'short texts whole',
      a: '{"service":"checkout"}',
      b: '{"service":"payments"}',
      expected: { a: '{"service":"checkout"}', b: '{"service":"payments"}' },
    },
    {
      name: 'a long common start is cut to 30 characters before the difference',
      a: `${'x'.repeat(50)}AAA`,
      b: `${'x'.repeat(50)}BBB`,
      expected: { a: `…${'x'.repeat(30)}AAA`, b: `…${'x'.repeat(30)}BBB` },
    },
    {
      name: 'a long tail is cut at 100 characters',
      a: `A${'y'.repeat(150)}`,
      b: `B${'y'.repeat(150)}`,
      expected: { a: `A${'y'.repeat(99)}…`, b: `B${'y'.repeat(99)}…` },
    },
    { name: 'one text a prefix of the other', a: 'abc', b: 'abcdef', expected: { a: 'abc', b: 'abcdef' } },
  ])('$name', ({ a, b, expected }) => {
    expect(excerpts(a, b)).toEqual(expected);
  });
});

test('shortHash is 12 hex digits of SHA-256, different for different texts', () => {
  expect(shortHash('')).toBe('e3b0c44298fc');
  expect(shortHash('a')).not.toBe(shortHash('b'));
});

import { expect, test } from 'vitest';
import { capJson } from './cap.js';

test('small output is untouched', () => {
  expect(capJson({ a: [1, 2, 3] }, 100)).toBe('{"a":[1,2,3]}');
});

test('the longest array is cut from the tail until the JSON fits, and the cut is said', () => {
  const value = {
    total: 200,
    items: Array.from({ length: 200 }, (_, i) => ({ i, text: 'x'.repeat(20) })),
    other: [1],
  };
  const json = capJson(value, 1_000);
  expect(json.length).toBeLessThanOrEqual(1_000);
  const parsed = JSON.parse(json) as {
    items: { i: number }[];
    truncated: string;
    other: number[];
    total: number;
  };
  expect(parsed.items[0]?.i).toBe(0);
  expect(parsed.items.length).toBeLessThan(200);
  expect(parsed.truncated).toBe(`items: first ${parsed.items.length} of 200`);
  expect(parsed.other).toEqual([1]);
  expect(parsed.total).toBe(200);
});

test('a long string with nothing to cut is truncated with a note', () => {
  const json = capJson('y'.repeat(5_000), 200);
  expect(json.length).toBeLessThanOrEqual(200);
  expect(json.endsWith('… (truncated)')).toBe(true);
});

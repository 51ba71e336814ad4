import { expect, test } from 'vitest';
import { TopTwoWindow } from './top-two-window.js';

/** A fixed pseudo-random sequence with ties, runs and outliers. */
function sequence(n: number): number[] {
  let state = 777;
  return Array.from({ length: n }, (_, i) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    if (i % 23 === 0) return 500 + (state % 3);
    return i % 5 === 0 ? 0 : (state % 40) / 4;
  });
}

test.each([
  { capacity: 1, n: 6 },
  { capacity: 2, n: 20 },
  { capacity: 5, n: 80 },
  { capacity: 64, n: 400 },
  { capacity: 100, n: 700 },
])('TopTwoWindow matches brute force over the last $capacity of $n values', ({ capacity, n }) => {
  const window = new TopTwoWindow(capacity);
  const values = sequence(n);
  values.forEach((v, i) => {
    window.push(v);
    const held = values.slice(Math.max(0, i + 1 - capacity), i + 1).sort((a, b) => a - b);
    expect(window.length).toBe(held.length);
    expect(window.largest()).toBe(held.at(-1));
    expect(window.secondLargest()).toBe(held.at(-2) ?? held[0]);
  });
});

test('ties count twice and an evicted maximum is forgotten', () => {
  const window = new TopTwoWindow(3);
  for (const v of [9, 9, 1]) window.push(v);
  expect([window.largest(), window.secondLargest()]).toEqual([9, 9]);
  window.push(2);
  expect([window.largest(), window.secondLargest()]).toEqual([9, 2]);
  window.push(0);
  expect([window.largest(), window.secondLargest()]).toEqual([2, 1]);
});

test('an empty window has no extremes, and capacity must be a positive integer', () => {
  const window = new TopTwoWindow(4);
  expect([window.largest(), window.secondLargest()]).toEqual([Number.NaN, Number.NaN]);
  expect(() => new TopTwoWindow(0)).toThrow(RangeError);
  expect(() => new TopTwoWindow(2.5)).toThrow(RangeError);
});

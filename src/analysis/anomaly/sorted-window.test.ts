import { expect, test } from 'vitest';
import { median } from './robust-stats.js';
import { SortedWindow } from './sorted-window.js';

/** A fixed pseudo-random sequence with ties and outliers. */
function sequence(n: number): number[] {
  let state = 12345;
  return Array.from({ length: n }, (_, i) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return i % 17 === 0 ? 1000 + (state % 7) : state % 50;
  });
}

test.each([
  { capacity: 1, n: 5 },
  { capacity: 7, n: 40 },
  { capacity: 64, n: 300 },
  { capacity: 150, n: 900 },
])('SortedWindow matches brute force over the last $capacity of $n values', ({ capacity, n }) => {
  const window = new SortedWindow(capacity);
  const values = sequence(n);
  values.forEach((v, i) => {
    window.push(v);
    const held = values.slice(Math.max(0, i + 1 - capacity), i + 1);
    const sorted = [...held].sort((a, b) => a - b);
    const m = median(held);
    expect(window.length).toBe(held.length);
    expect(window.median()).toBe(m);
    expect(window.mad(m)).toBe(median(held.map((x) => Math.abs(x - m))));
    expect(window.kthLargest(1)).toBe(sorted.at(-1));
    expect(window.kthLargest(2)).toBe(sorted.at(-2) ?? sorted[0]);
    expect(window.largestAbs()).toBe(Math.max(...held.map(Math.abs)));
  });
});

test('an empty window has no statistics', () => {
  const window = new SortedWindow(3);
  expect([window.median(), window.kthLargest(1), window.largestAbs()]).toEqual([Number.NaN, Number.NaN, 0]);
});

test('capacity must be a positive integer', () => {
  expect(() => new SortedWindow(0)).toThrow(RangeError);
});

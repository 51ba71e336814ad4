import { expect, test } from 'vitest';
import { FormTable } from './form-table.js';

test('finds what was stored by both key lanes, and nothing else', () => {
  const table = new FormTable(100);
  table.set(1, 2, 7);
  table.set(1, 3, 8);
  table.set(-5, 2, 0);
  expect([table.get(1, 2), table.get(1, 3), table.get(-5, 2), table.get(2, 1), table.get(1, 4)]).toEqual([
    7, 8, 0, -1, -1,
  ]);
  expect(table.size).toBe(3);
});

test('starts empty again when it holds its capacity', () => {
  const table = new FormTable(3);
  for (let i = 0; i < 3; i++) table.set(i, i, i);
  table.set(9, 9, 9);
  expect([table.get(0, 0), table.get(9, 9), table.size]).toEqual([-1, 9, 1]);
});

test('probes past colliding slots', () => {
  const table = new FormTable(1000);
  for (let i = 0; i < 1000; i++) table.set(i * 65536, i, i);
  for (let i = 0; i < 1000; i++) expect(table.get(i * 65536, i)).toBe(i);
});

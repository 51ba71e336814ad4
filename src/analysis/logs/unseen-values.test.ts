import { expect, test } from 'vitest';
import { isClosedSet, unseenValueShare } from './unseen-values.js';

test.each([
  { name: 'no lines', counts: [], share: 0, closed: true },
  { name: 'every value repeats', counts: [22, 22, 44], share: 0, closed: true },
  { name: 'one value seen once among many lines', counts: [950, 1], share: 1 / 951, closed: true },
  { name: 'values seen once each', counts: [1, 1, 1, 2], share: 3 / 5, closed: false },
  { name: 'just past one in twenty', counts: [18, 1], share: 1 / 19, closed: false },
  { name: 'exactly one in twenty', counts: [19, 1], share: 1 / 20, closed: true },
])('$name', ({ counts, share, closed }) => {
  expect(unseenValueShare(counts)).toBeCloseTo(share, 12);
  expect(isClosedSet(counts)).toBe(closed);
});

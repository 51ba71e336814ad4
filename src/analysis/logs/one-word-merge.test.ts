import { expect, test } from 'vitest';
import { maskedWords } from './masked-words.js';
import { mergeOneWordApart } from './one-word-merge.js';
import { MessageScanner } from './scanner.js';
import type { MergedGroup } from './template-merge.js';
import { templateText } from './template-words.js';

const OPTIONS = { minAnchors: 2, minValues: 3, maxUnseenShare: 0.05 };

/** One group per message, with its line count. */
function groupsOf(lines: Array<[string, number]>): MergedGroup[] {
  const scanner = new MessageScanner();
  return lines.map(([message, size], i) => {
    scanner.scan(message);
    return { words: maskedWords(scanner, message), clusterIds: [i + 1], size };
  });
}

function merged(lines: Array<[string, number]>): Array<{ template: string; ids: number[]; size: number }> {
  return mergeOneWordApart(groupsOf(lines), OPTIONS).map((g) => ({
    template: templateText(g.words),
    ids: g.clusterIds,
    size: g.size,
  }));
}

/** Issue 14, over-split mode 3: one variable word in an otherwise fixed message. */
test.each([
  {
    name: 'user names, each seen once',
    lines: [
      ['user alice logged in', 1],
      ['user bob logged in', 1],
      ['user carol logged in', 2],
    ] as Array<[string, number]>,
    expected: [{ template: 'user <*> logged in', ids: [1, 2, 3], size: 4 }],
  },
  {
    name: 'the last word, next to a parameter template',
    lines: [
      ['warmup done for region eu-west', 1],
      ['warmup done for region apac', 1],
      ['warmup done for region <*>', 3],
      ['warmup done for region africa', 1],
    ] as Array<[string, number]>,
    expected: [{ template: 'warmup done for region <*>', ids: [1, 2, 3, 4], size: 6 }],
  },
  {
    name: 'a field value, each seen often (as the split keeps field values whole)',
    lines: [
      ['method=GET path=<*> status=<*>', 84],
      ['method=PUT path=<*> status=<*>', 88],
      ['method=POST path=<*> status=<*>', 76],
    ] as Array<[string, number]>,
    expected: [{ template: 'method=<*> path=<*> status=<*>', ids: [1, 2, 3], size: 248 }],
  },
])('merges $name', ({ lines, expected }) => {
  expect(merged(lines)).toEqual(expected);
});

test.each([
  {
    name: 'two states: too few values',
    lines: [
      ['VM Started (Lifecycle Event)', 1],
      ['VM Paused (Lifecycle Event)', 1],
    ] as Array<[string, number]>,
  },
  {
    name: 'three states, each seen often: a closed set',
    lines: [
      ['disk limit not specified, defaulting', 21],
      ['vcpu limit not specified, defaulting', 21],
      ['memory limit not specified, defaulting', 20],
    ] as Array<[string, number]>,
  },
  {
    name: 'one shared constant word: too few anchors',
    lines: [
      ['alice started', 1],
      ['bob started', 1],
      ['carol started', 1],
    ] as Array<[string, number]>,
  },
  {
    name: 'two words apart',
    lines: [
      ['order 1 shipped to berlin now', 1],
      ['order 2 cancelled by customer now', 1],
      ['order 3 shipped by courier now', 1],
    ] as Array<[string, number]>,
  },
])('keeps apart $name', ({ lines }) => {
  expect(merged(lines).map((g) => g.ids)).toEqual(lines.map((_, i) => [i + 1]));
});

import { describe, expect, test } from 'vitest';
import { type MaskedWord, maskedWords } from './masked-words.js';
import { MessageScanner } from './scanner.js';
import { type FormCount, type FormGroup, splitClosedSets } from './template-split.js';
import { generaliseInto, templateText } from './template-words.js';

function wordsOf(message: string): MaskedWord[] {
  const scanner = new MessageScanner();
  scanner.scan(message);
  return maskedWords(scanner, message);
}

/** Forms from `message × count` pairs, and one group per template holding the given forms. */
function setup(templates: Array<Array<[string, number]>>): { groups: FormGroup[]; forms: FormCount[] } {
  const forms: FormCount[] = [];
  const groups = templates.map((members) => {
    const indices = members.map(([message, count]) => forms.push({ words: wordsOf(message), count }) - 1);
    const words = [...(forms[indices[0] as number] as FormCount).words];
    for (const i of indices) generaliseInto(words, (forms[i] as FormCount).words);
    return { words, forms: indices };
  });
  return { groups, forms };
}

const texts = (groups: FormGroup[]) => groups.map((g) => templateText(g.words)).sort();

describe('splitClosedSets', () => {
  test.each([
    {
      name: 'a verb from a closed set splits',
      forms: [
        ['VM Started (Lifecycle Event)', 22],
        ['VM Paused (Lifecycle Event)', 22],
        ['VM Resumed (Lifecycle Event)', 44],
      ] as Array<[string, number]>,
      expected: [
        'VM Paused (Lifecycle Event)',
        'VM Resumed (Lifecycle Event)',
        'VM Started (Lifecycle Event)',
      ],
    },
    {
      name: 'a rare second value still splits when every value repeats',
      forms: [
        ['open through proxy 10.0.0.1:80 HTTPS', 950],
        ['open through proxy 10.0.0.1:80 SOCKS5', 2],
      ] as Array<[string, number]>,
      expected: ['open through proxy <*> HTTPS', 'open through proxy <*> SOCKS5'],
    },
    {
      name: 'values seen once each are a parameter',
      forms: [
        ['Invalid user admin from 1.2.3.4', 1],
        ['Invalid user oracle from 1.2.3.4', 1],
        ['Invalid user test from 1.2.3.4', 1],
        ['Invalid user ftp from 1.2.3.4', 2],
      ] as Array<[string, number]>,
      expected: ['Invalid user <*> from <*>'],
    },
    {
      name: 'a field value is a parameter however few its values',
      forms: [
        ['failure; user=root', 300],
        ['failure; user=guest', 20],
      ] as Array<[string, number]>,
      expected: ['failure; user=<*>'],
    },
    {
      name: 'a unit after a number follows the number',
      forms: [
        ['stored (size 16.0 KB)', 30],
        ['stored (size 384.0 B)', 80],
      ] as Array<[string, number]>,
      expected: ['stored (size <*> <*>)'],
    },
    {
      name: 'two closed sets split into their combinations',
      forms: [
        ['state LOOKING role LEADING', 3],
        ['state LOOKING role FOLLOWING', 4],
        ['state FOLLOWING role LEADING', 5],
      ] as Array<[string, number]>,
      expected: [
        'state FOLLOWING role LEADING',
        'state LOOKING role FOLLOWING',
        'state LOOKING role LEADING',
      ],
    },
  ])('$name', ({ forms, expected }) => {
    const { groups, forms: counts } = setup([forms]);
    expect(texts(splitClosedSets(groups, counts))).toEqual(expected);
  });

  test('values that vary in another template too are names, not vocabulary', () => {
    const { groups, forms } = setup([
      [
        ['session opened for user cyrus', 43],
        ['session opened for user news', 43],
      ],
      [
        ['session closed for user cyrus', 43],
        ['session closed for user news', 43],
      ],
    ]);
    expect(texts(splitClosedSets(groups, forms))).toEqual([
      'session closed for user <*>',
      'session opened for user <*>',
    ]);
  });

  test('a template whose forms differ in length is left whole', () => {
    const forms: FormCount[] = [
      { words: wordsOf('lifetime 00:01 ok'), count: 5 },
      { words: wordsOf('lifetime <1 sec ok'), count: 5 },
    ];
    const group = { words: wordsOf('lifetime 00:01 ok'), forms: [0, 1] };
    expect(splitClosedSets([group], forms)).toEqual([group]);
  });
});

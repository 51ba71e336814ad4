import { describe, expect, test } from 'vitest';
import { type MaskedWord, maskedWords } from './masked-words.js';
import type { Cluster } from './prefix-tree.js';
import { MessageScanner } from './scanner.js';
import { alignTemplates, mergeClusters } from './template-merge.js';
import { generaliseInto, templateText } from './template-words.js';

function wordsOf(message: string): MaskedWord[] {
  const scanner = new MessageScanner();
  scanner.scan(message);
  return maskedWords(scanner, message);
}

/** A template generalised from its messages, all of one length. */
function templateOf(...messages: string[]): MaskedWord[] {
  const words = wordsOf(messages[0] as string);
  for (const m of messages) generaliseInto(words, wordsOf(m));
  return words;
}

const cluster = (id: number, words: MaskedWord[], size = 1): Cluster => ({ id, words, size });

describe('alignTemplates', () => {
  test.each([
    {
      name: 'a size with and without its KB annotation',
      a: 'close, 1 bytes sent, 2 bytes received, lifetime 00:01',
      b: 'close, 1 bytes sent, 2 bytes (2.1 KB) received, lifetime 00:01',
      merged: 'close, <*> bytes sent, <*> bytes <*> received, lifetime <*>',
    },
    {
      name: 'a parameter of two words against one',
      a: 'lifetime 00:01 end of connection',
      b: 'lifetime <1 sec end of connection',
      merged: 'lifetime <*> end of connection',
    },
    {
      name: 'more wildcards in a run',
      a: 'connection from 10.0.0.1 at 03:55:20 2005',
      b: 'connection from 10.0.0.1 at 03:55:20',
      merged: 'connection from <*> at <*>',
    },
  ])('merges $name', ({ a, b, merged }) => {
    expect(templateText(alignTemplates(wordsOf(a), wordsOf(b)) ?? [])).toBe(merged);
  });

  test.each([
    { name: 'a constant tail', a: 'Link error', b: 'Link error on broadcast tree Interconnect-1' },
    {
      name: 'two constant words in a gap',
      a: 'Received block 1 of size 2',
      b: 'Received block 1 src: 2 dest: 3 of size 2',
    },
    {
      name: 'one constant word for another',
      a: 'VM Started (Lifecycle Event)',
      b: 'VM Paused (Lifecycle Event)',
    },
    {
      name: 'a field with a key',
      a: 'authentication failure; logname= rhost=1.2.3.4',
      b: 'authentication failure; logname= rhost=1.2.3.4 user=root',
    },
    { name: 'too few anchors', a: 'ok 1', b: 'ok 1 2' },
  ])('keeps apart $name', ({ a, b }) => {
    expect(alignTemplates(wordsOf(a), wordsOf(b))).toBeUndefined();
  });
});

describe('mergeClusters', () => {
  test('an instance joins the template that covers it', () => {
    const general = templateOf('Accepted password for root', 'Accepted password for guest');
    const groups = mergeClusters([
      cluster(1, wordsOf('Accepted password for admin'), 3),
      cluster(2, general, 5),
      cluster(3, wordsOf('Failed password for admin'), 2),
    ]);
    expect(groups.map((g) => ({ template: templateText(g.words), ids: g.clusterIds, size: g.size }))).toEqual(
      [
        { template: 'Accepted password for <*>', ids: [1, 2], size: 8 },
        { template: 'Failed password for admin', ids: [3], size: 2 },
      ],
    );
  });

  test('templates of different lengths join when their gaps are parameters, transitively', () => {
    const groups = mergeClusters([
      cluster(1, wordsOf('close, 1 bytes sent, 2 bytes received, lifetime 00:01')),
      cluster(2, wordsOf('close, 1 bytes (1.1 KB) sent, 2 bytes received, lifetime <1 sec')),
      cluster(3, wordsOf('close, 1 bytes sent, 2 bytes (2.1 MB) received, lifetime 00:02')),
      cluster(4, wordsOf('open through proxy 10.0.0.1:80 HTTPS')),
    ]);
    expect(groups.map((g) => [templateText(g.words), g.clusterIds])).toEqual([
      ['close, <*> bytes <*> sent, <*> bytes <*> received, lifetime <*>', [1, 2, 3]],
      ['open through proxy <*> HTTPS', [4]],
    ]);
  });

  test('is deterministic and independent of how the clusters are listed', () => {
    const clusters = [
      cluster(1, wordsOf('user root logged in')),
      cluster(2, templateOf('user root logged in', 'user guest logged in')),
      cluster(3, wordsOf('user admin logged out')),
    ];
    const once = mergeClusters(clusters).map((g) => g.clusterIds);
    expect(mergeClusters([...clusters].reverse()).map((g) => g.clusterIds)).toEqual(once);
    expect(once).toEqual([[1, 2], [3]]);
  });
});

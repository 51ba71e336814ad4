import { expect, test } from 'vitest';
import { collapseLists } from './list-words.js';
import { maskedWords } from './masked-words.js';
import { MessageScanner } from './scanner.js';
import { mineTemplates } from './template-miner.js';
import { templateText } from './template-words.js';

function collapsed(message: string): string {
  const scanner = new MessageScanner();
  scanner.scan(message);
  return templateText(collapseLists(maskedWords(scanner, message)));
}

/** Issue 14, over-split mode 2: lists of tokens of varying length. */
test.each([
  { name: 'one item', message: 'Evicting keys: session:4', expected: 'Evicting keys: session:<*>' },
  {
    name: 'a run of equal masked words',
    message: 'Evicting keys: session:13 session:27 session:88 done',
    expected: 'Evicting keys: session:<*> done',
  },
  { name: 'a bracketed comma list', message: 'nodes=[n1, n2, n3] ready', expected: 'nodes=[<*>] ready' },
  {
    name: 'a comma list of addresses',
    message: 'replicas: 10.0.0.1, 10.0.0.2, 10.0.0.3',
    expected: 'replicas: <*>',
  },
  // Not lists.
  { name: 'bare parameters', message: 'onExtend:1514 14 0 4', expected: 'onExtend:<*> <*> <*> <*>' },
  {
    name: 'fields with different keys',
    message: 'policy(maxRetries=10, sleepTime=1000 MILLISECONDS)',
    expected: 'policy(maxRetries=<*>, sleepTime=<*> MILLISECONDS)',
  },
  {
    name: 'a clause',
    message: 'Connection refused, retrying now',
    expected: 'Connection refused, retrying now',
  },
  { name: 'plain words', message: 'peers alice, bob joined', expected: 'peers alice, bob joined' },
  {
    name: 'items of different shapes',
    message: 'got n1, 22 and more',
    expected: 'got n1, <*> and more',
  },
])('collapseLists: $name', ({ message, expected }) => {
  expect(collapsed(message)).toBe(expected);
});

test.each([
  {
    name: 'repeated key words',
    lines: [
      'Evicting keys: session:81 session:92',
      'Evicting keys: session:13 session:27 session:88 session:90',
      'Evicting keys: session:4',
    ],
  },
  {
    name: 'bracketed comma lists, one item included',
    lines: ['nodes=[n1, n2, n3] ready', 'nodes=[n1] ready', 'nodes=[n4, n5] ready'],
  },
])('lists of different lengths are one template: $name', ({ lines }) => {
  expect(mineTemplates(lines).templates).toHaveLength(1);
});

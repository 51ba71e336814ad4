import { describe, expect, test } from 'vitest';
import { type MaskedWord, maskedWords } from './masked-words.js';
import { isShifted } from './prefix-tree.js';
import { MessageScanner } from './scanner.js';
import { covers, fitsPattern, generaliseWord, similarity, templateText } from './template-words.js';

/** The masked words of a message, as the miner sees it. */
function wordsOf(message: string): MaskedWord[] {
  const scanner = new MessageScanner();
  scanner.scan(message);
  return maskedWords(scanner, message);
}

const word = (text: string) => wordsOf(text)[0] as MaskedWord;

describe('generaliseWord', () => {
  test.each([
    { a: 'root', b: 'root', expected: 'root' },
    { a: 'root', b: 'guest', expected: '<*>' },
    { a: 'user=root', b: 'user=guest', expected: 'user=<*>' },
    { a: '(uid=0)', b: '(uid=12)', expected: '(uid=<*>)' },
    { a: '(10.0.0.1)', b: '()', expected: '(<*>)' },
    { a: 'rhost=10.0.0.1', b: 'rhost=', expected: 'rhost=<*>' },
    { a: 'user=root', b: 'host:web', expected: '<*>' },
    { a: '[preauth]', b: 'LOGIN(uid=0)', expected: '<*>' },
    { a: 'state=UP,', b: 'state=DOWN,', expected: 'state=<*>,' },
  ])('$a and $b → $expected', ({ a, b, expected }) => {
    expect(generaliseWord(word(a), word(b)).text).toBe(expected);
    expect(generaliseWord(word(b), word(a)).text).toBe(expected);
  });

  test('a generalised word is fitted by both words it came from', () => {
    const general = generaliseWord(word('user=root'), word('user=guest'));
    expect(fitsPattern(general, word('user=root'))).toBe(true);
    expect(fitsPattern(general, word('user=admin'))).toBe(true);
    expect(fitsPattern(general, word('host=admin'))).toBe(false);
  });
});

describe('similarity', () => {
  test.each([
    { template: 'session opened for user root', message: 'session opened for user root', score: 1 },
    { template: 'session opened for user root', message: 'session opened for user guest', score: 0.8 },
    { template: 'Link error', message: 'Link ok', score: 0.5 },
    { template: 'retry 3 of 5', message: 'retry 4 of 5', score: 1 },
  ])('$template ~ $message = $score', ({ template, message, score }) => {
    expect(similarity(wordsOf(template), wordsOf(message)).score).toBe(score);
  });

  test('a whole-word wildcard counts as a parameter, not as a match', () => {
    const template = [word('x'), word('y')];
    template[1] = generaliseWord(word('y'), word('z'));
    expect(similarity(template, wordsOf('x w'))).toEqual({ score: 0.5, wildcards: 1 });
  });

  test('a pattern word counts as a match when the message fits it', () => {
    const template = [word('login'), generaliseWord(word('user=root'), word('user=guest'))];
    expect(similarity(template, wordsOf('login user=admin')).score).toBe(1);
  });
});

describe('covers', () => {
  test('a template covers the messages that are its instances', () => {
    const general = wordsOf('Accepted password for root');
    general[3] = generaliseWord(word('root'), word('guest'));
    expect(covers(general, wordsOf('Accepted password for admin'))).toBe(true);
    expect(covers(general, wordsOf('Failed password for admin'))).toBe(false);
    expect(covers(wordsOf('Accepted password for admin'), general)).toBe(false);
  });
});

describe('isShifted', () => {
  test.each([
    {
      name: 'a two-word value pushes the rest along',
      template: 'close, 1 bytes (1 KB) sent, 2 bytes received',
      message: 'close, 1 bytes sent, 2 bytes (2 KB) received',
      shifted: true,
    },
    { name: 'one differing word', template: 'VM Started now', message: 'VM Paused now', shifted: false },
    { name: 'the same words', template: 'a b c d', message: 'a b c d', shifted: false },
  ])('$name', ({ template, message, shifted }) => {
    expect(isShifted(wordsOf(template), wordsOf(message))).toBe(shifted);
  });
});

test('templateText joins words with single spaces', () => {
  expect(templateText(wordsOf('  a   b=1  (c) '))).toBe('a b=<*> (c)');
});

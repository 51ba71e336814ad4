import { expect, test } from 'vitest';
import { Bm25Index, tokenize } from './bm25.js';

const DOCS = [
  'checkout connection pool exhausted after config change lowered DB_POOL_MAX',
  'payment-provider outage: upstream 503s from the card processor',
  'redis evictions, cache hit ratio fell, postgres overloaded',
  'checkout release 2.4 raised NullPointerException in quote; rolled back',
];

test.each([
  { query: 'checkout pool exhausted', top: 0 },
  { query: 'payment-provider 503', top: 1 },
  { query: 'cache hit ratio redis', top: 2 },
  { query: 'bad release rollback NullPointerException', top: 3 },
])('search("$query") ranks document $top first', ({ query, top }) => {
  expect(new Bm25Index(DOCS).search(query)[0]?.index).toBe(top);
});

test('a term in every document weighs less than a rare one', () => {
  const index = new Bm25Index(['db slow', 'db down', 'db disk full']);
  const [hit] = index.search('db disk');
  expect(hit?.index).toBe(2);
});

test('no shared term: no hits', () => {
  expect(new Bm25Index(DOCS).search('kafka lag')).toEqual([]);
});

test('tokenize keeps hyphenated names whole as well as their parts and drops stop words', () => {
  expect(tokenize('The payment-provider is down')).toEqual([
    'payment',
    'provider',
    'down',
    'payment-provider',
  ]);
});

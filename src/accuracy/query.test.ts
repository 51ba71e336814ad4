import { describe, expect, it } from 'vitest';
import { accuracyQuerySchema } from './query.js';

const DAY_MS = 86_400_000;

describe('accuracyQuerySchema', () => {
  it.each([
    { query: {}, expected: { since: 30 * DAY_MS } },
    { query: { since: '7d', by: 'service' }, expected: { since: 7 * DAY_MS, by: 'service' } },
    { query: { since: '12h', by: 'account' }, expected: { since: 12 * 3_600_000, by: 'account' } },
    { query: { by: 'category' }, expected: { since: 30 * DAY_MS, by: 'category' } },
  ])('$query', ({ query, expected }) => {
    expect(accuracyQuerySchema.parse(query)).toEqual(expected);
  });

  it.each([
    { query: { since: 'last week' }, path: 'since' },
    { query: { since: '0d' }, path: 'since' },
    { query: { since: '-3d' }, path: 'since' },
    { query: { by: 'region' }, path: 'by' },
  ])('refuses $query, naming $path', ({ query, path }) => {
    const parsed = accuracyQuerySchema.safeParse(query);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([path]);
  });
});

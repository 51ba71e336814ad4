import { describe, expect, it } from 'vitest';
import { figureOf, MIN_QUOTABLE } from './figure.js';

describe('figureOf', () => {
  it.each([
    {
      name: 'the quoted example',
      right: 41,
      n: 48,
      wording: { what: 'root cause right' },
      sentence: 'root cause right in 41 of 48 confirmed incidents (85%, 95% CI 73–93%)',
      quotable: true,
    },
    {
      name: 'all right',
      right: 12,
      n: 12,
      wording: { what: 'category right' },
      sentence: 'category right in 12 of 12 confirmed incidents (100%, 95% CI 76–100%)',
      quotable: true,
    },
    {
      name: 'none right',
      right: 0,
      n: 10,
      wording: { what: 'root cause right' },
      sentence: 'root cause right in 0 of 10 confirmed incidents (0%, 95% CI 0–28%)',
      quotable: true,
    },
    {
      name: 'a small sample is flagged',
      right: 3,
      n: 4,
      wording: { what: 'root cause right', among: 'answered with HIGH confidence' },
      sentence:
        'root cause right in 3 of 4 confirmed incidents answered with HIGH confidence (75%, 95% CI 30–95%) — too few to quote',
      quotable: false,
    },
    {
      name: 'one short of quotable',
      right: 9,
      n: MIN_QUOTABLE - 1,
      wording: { what: 'root cause right' },
      sentence: 'root cause right in 9 of 9 confirmed incidents (100%, 95% CI 70–100%) — too few to quote',
      quotable: false,
    },
    {
      name: 'nothing confirmed',
      right: 0,
      n: 0,
      wording: { what: 'root cause right', among: 'answered with LOW confidence' },
      sentence: 'root cause right, answered with LOW confidence: no confirmed incidents yet',
      quotable: false,
    },
    {
      name: 'nothing measured',
      right: 0,
      n: 0,
      wording: { what: 'causing change found', whenNone: 'not measured from feedback yet' },
      sentence: 'causing change found: not measured from feedback yet',
      quotable: false,
    },
  ])('$name: $right of $n', ({ right, n, wording, sentence, quotable }) => {
    const figure = figureOf(right, n, wording);
    expect(figure.sentence).toBe(sentence);
    expect(figure.quotable).toBe(quotable);
    expect(figure.right).toBe(right);
    expect(figure.n).toBe(n);
  });

  it('carries the rate and the 95% Wilson interval, and nulls with nothing confirmed', () => {
    const figure = figureOf(41, 48, { what: 'root cause right' });
    expect(figure.rate).toBeCloseTo(41 / 48, 10);
    expect(figure.interval?.low).toBeCloseTo(0.7283, 4);
    expect(figure.interval?.high).toBeCloseTo(0.9275, 4);
    expect(figureOf(0, 0, { what: 'x' })).toMatchObject({ rate: null, interval: null });
  });
});

import { expect, test } from 'vitest';
import { NightshiftError } from '../../core/index.js';
import { type AssertionOutcome, applyAssertion, parseAssertionEntry, scoreCase } from './apply.js';
import { closestName, editDistance } from './closest-name.js';
import { ASSERTION_NAMES } from './registry.js';

const where = { file: 'evals/checkout.yaml', field: 'tests.2.assert.1' };
const apply = (entry: unknown, text: string) =>
  applyAssertion(parseAssertionEntry(entry, where), { text }, { vars: {} });

test.each([
  { type: 'contians', message: 'unknown assertion "contians"; did you mean "contains"?' },
  { type: 'not-startswith', message: 'unknown assertion "not-startswith"; did you mean "not-starts-with"?' },
  { type: 'trajectory:tool-use', message: 'did you mean "trajectory:tool-used"?' },
  { type: 'llm-rubrik', message: 'unknown assertion "llm-rubrik"; did you mean "llm-rubric"?' },
])('an unknown type $type is refused naming the closest known name', ({ type, message }) => {
  const error = (() => {
    try {
      parseAssertionEntry({ type, value: 'x' }, where);
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(NightshiftError);
  expect((error as NightshiftError).code).toBe('BAD_INPUT');
  expect((error as Error).message).toContain('evals/checkout.yaml: field "tests.2.assert.1.type"');
  expect((error as Error).message).toContain(message);
});

test('a name nothing resembles gets no guess', () => {
  expect(closestName('zzzzzzzzzzzz', ASSERTION_NAMES)).toBeUndefined();
  expect(editDistance('kitten', 'sitting')).toBe(3);
});

test.each([
  { entry: { value: 'x' }, field: 'tests.2.assert.1"', problem: 'type' },
  { entry: { type: 'contains', value: 'x', weight: -1 }, field: 'tests.2.assert.1"', problem: 'weight' },
  { entry: { type: 'contains', value: 'x', wieght: 2 }, field: 'tests.2.assert.1"', problem: 'wieght' },
  { entry: { type: 'contains', value: 3 }, field: 'tests.2.assert.1.value"', problem: 'contains expects' },
])('a malformed entry is refused naming the field: $problem', ({ entry, field, problem }) => {
  expect(() => parseAssertionEntry(entry, where)).toThrow(field);
  expect(() => parseAssertionEntry(entry, where)).toThrow(problem);
});

test('not- inverts the verdict and the score, and keeps the expectation in the reason', async () => {
  expect(await apply({ type: 'contains', value: 'down' }, 'checkout is down')).toEqual({
    type: 'contains',
    weight: 1,
    pass: true,
    score: 1,
    reason: 'expected the text to contain "down", found "checkout is down"',
  });
  expect(await apply({ type: 'not-contains', value: 'down', weight: 2 }, 'checkout is down')).toEqual({
    type: 'not-contains',
    weight: 2,
    pass: false,
    score: 0,
    reason: 'expected this not to hold: expected the text to contain "down", found "checkout is down"',
  });
});

test('an entry threshold decides the verdict from the score', async () => {
  const entry = { type: 'contains', value: 'up', threshold: 0 };
  expect(await apply(entry, 'checkout is down')).toMatchObject({ pass: true, score: 0 });
  expect(await apply({ ...entry, threshold: 0.5 }, 'checkout is down')).toMatchObject({
    pass: false,
    score: 0,
  });
});

const outcome = (pass: boolean, score: number, weight = 1): AssertionOutcome => ({
  type: 'contains',
  weight,
  pass,
  score,
  reason: pass ? 'ok' : 'missing "x"',
});

test.each([
  {
    name: 'all pass',
    outcomes: [outcome(true, 1), outcome(true, 1, 3)],
    threshold: undefined,
    pass: true,
    score: 1,
  },
  {
    name: 'one fails',
    outcomes: [outcome(true, 1, 3), outcome(false, 0)],
    threshold: undefined,
    pass: false,
    score: 0.75,
  },
  {
    name: 'threshold reached',
    outcomes: [outcome(true, 1, 3), outcome(false, 0)],
    threshold: 0.75,
    pass: true,
    score: 0.75,
  },
  {
    name: 'threshold missed',
    outcomes: [outcome(true, 1), outcome(false, 0, 3)],
    threshold: 0.5,
    pass: false,
    score: 0.25,
  },
  {
    name: 'weight 0 counts for pass only',
    outcomes: [outcome(true, 1), outcome(false, 0, 0)],
    threshold: undefined,
    pass: false,
    score: 1,
  },
  {
    name: 'no weight, all pass',
    outcomes: [outcome(true, 1, 0)],
    threshold: undefined,
    pass: true,
    score: 1,
  },
  { name: 'no assertions', outcomes: [], threshold: undefined, pass: true, score: 1 },
])('scoreCase: $name', ({ outcomes, threshold, pass, score }) => {
  const verdict = scoreCase(outcomes, threshold);
  expect(verdict.pass).toBe(pass);
  expect(verdict.score).toBeCloseTo(score);
  expect(verdict.failures).toEqual(outcomes.filter((o) => !o.pass).map(() => 'contains: missing "x"'));
});

test('a check that throws is a failed entry carrying the error, never a pass under not-', async () => {
  const broken = {
    get text(): string {
      throw new Error('the output could not be read');
    },
  };
  for (const type of ['contains', 'not-contains']) {
    const outcome = await applyAssertion(parseAssertionEntry({ type, value: 'x' }, where), broken, {
      vars: {},
    });
    expect(outcome).toEqual({
      type,
      weight: 1,
      pass: false,
      score: 0,
      reason: 'contains could not run: the output could not be read',
      error: 'the output could not be read',
    });
  }
});

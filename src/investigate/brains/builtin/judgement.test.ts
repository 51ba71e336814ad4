import { describe, expect, test } from 'vitest';
import type { Hypothesis } from '../../../core/index.js';
import { ACTION_KINDS, ROOT_CAUSE_CATEGORIES } from '../../../core/index.js';
import { recommendActions } from './actions.js';
import { confidenceOf } from './confidence.js';
import { type Critique, reaches, revise, type Weakness } from './review.js';

const h = (id: string, service: string, score: number): Hypothesis => ({
  id,
  service,
  category: 'code_error',
  description: '',
  score,
  evidenceIds: [],
  weaknesses: [],
});
const weak = (code: Weakness['code'], penalty: number, blocksHigh: boolean): Weakness => ({
  code,
  text: code,
  penalty,
  blocksHigh,
});
const critique = (entries: Record<string, Weakness[]>): Critique => ({
  weaknesses: new Map(Object.entries(entries)),
  alternative: undefined,
});

describe('confidenceOf', () => {
  test.each([
    { name: 'strong and clear', top: 0.95, second: 0.3, blocks: false, expected: 'HIGH' },
    {
      name: 'strong, clear, but a serious weakness',
      top: 0.95,
      second: 0.3,
      blocks: true,
      expected: 'MEDIUM',
    },
    { name: 'strong but a close rival', top: 0.95, second: 0.8, blocks: false, expected: 'MEDIUM' },
    { name: 'a rival nearly level', top: 0.95, second: 0.9, blocks: false, expected: 'LOW' },
    { name: 'weak evidence', top: 0.4, second: 0.05, blocks: false, expected: 'LOW' },
    { name: 'middling and clear', top: 0.6, second: 0.2, blocks: false, expected: 'MEDIUM' },
  ])('$name → $expected', ({ top, second, blocks, expected }) => {
    const ranked = [h('h1', 'a', top), h('h2', 'b', second)];
    const c = critique({ h1: blocks ? [weak('may_be_waiting', 1, true)] : [] });
    expect(confidenceOf(ranked, c).confidence).toBe(expected);
  });

  test('no hypothesis at all is LOW and says so', () => {
    expect(confidenceOf([], critique({}))).toEqual({
      confidence: 'LOW',
      reason: 'no service showed anomalous behaviour',
    });
  });
});

test('revise applies penalties to the ranker scores and can reorder; weaknesses become text', () => {
  const ranked = revise(
    [h('h1', 'a', 0.9), h('h2', 'b', 0.8)],
    critique({ h1: [weak('unreachable', 0.6, true)] }),
  );
  expect(ranked.map((x) => [x.service, Number(x.score.toFixed(2)), x.weaknesses])).toEqual([
    ['b', 0.8, []],
    ['a', 0.54, ['unreachable']],
  ]);
});

test.each([
  { from: 'gateway', to: 'db', expected: true },
  { from: 'db', to: 'gateway', expected: false },
  { from: 'worker', to: 'api', expected: false },
  { from: 'api', to: 'api', expected: true },
  { from: 'unknown', to: 'db', expected: true },
])('reaches($from, $to) = $expected', ({ from, to, expected }) => {
  const graph = {
    services: ['gateway', 'api', 'db', 'worker'],
    dependsOn: new Map([
      ['gateway', ['api']],
      ['api', ['db']],
      ['worker', ['db']],
    ]),
    kinds: new Map(),
  };
  expect(reaches(graph, from, to)).toBe(expected);
});

describe('recommendActions', () => {
  test.each(ROOT_CAUSE_CATEGORIES.map((category) => ({ category })))(
    '$category: at least one action, safest first, each needing approval',
    ({ category }) => {
      const actions = recommendActions(category, {
        service: 'checkout',
        namespace: 'shop',
        change: undefined,
      });
      expect(actions.length).toBeGreaterThan(0);
      const order = actions.map((a) => ACTION_KINDS.indexOf(a.kind));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(actions.every((a) => a.requiresApproval === true)).toBe(true);
    },
  );

  test('a bad deploy with its change: roll back that deployment first, in the alert namespace', () => {
    const [first] = recommendActions('bad_deploy', {
      service: 'checkout',
      namespace: 'shop',
      change: { id: 'chg-1', ts: 0, service: 'checkout', kind: 'deploy', summary: 'release 2.4.1' },
    });
    expect(first).toMatchObject({
      kind: 'rollback',
      command: 'kubectl -n shop rollout undo deployment/checkout',
    });
  });
});

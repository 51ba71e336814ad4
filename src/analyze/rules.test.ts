import { expect, test } from 'vitest';
import type { BacktestCase } from '../backtest/index.js';
import type { Hypothesis, Report } from '../core/index.js';
import { confidenceOf } from '../investigate/brains/builtin/confidence.js';
import type { CaseFacts } from './facts.js';
import { callPath } from './facts.js';
import { diagnose } from './rules.js';
import { selectionReasons } from './select.js';

/** shop-like graph: frontend → checkout → payments → db; cart stands apart. */
const GRAPH = new Map<string, string[]>([
  ['frontend', ['checkout', 'cart']],
  ['checkout', ['payments']],
  ['payments', ['db']],
  ['db', []],
  ['cart', []],
]);

function hyp(id: string, service: string, score: number, extra: Partial<Hypothesis> = {}): Hypothesis {
  return {
    id,
    service,
    category: 'other',
    description: service,
    score,
    evidenceIds: [],
    weaknesses: [],
    ...extra,
  };
}

function report(over: Partial<Report['rootCause']> = {}, rest: Partial<Report> = {}): Report {
  return {
    incidentId: 'inc',
    summary: '',
    impact: { services: [] },
    timeline: [],
    rootCause: {
      service: 'checkout',
      category: 'code_error',
      description: 'checkout errors',
      confidence: 'MEDIUM',
      confidenceReason: 'likely',
      ...over,
    },
    alternatives: [],
    evidence: [],
    actions: [],
    similarIncidents: [],
    missingSources: [],
    ...rest,
  };
}

function facts(r: Report, over: Partial<CaseFacts> = {}): CaseFacts {
  return {
    brain: 'builtin',
    report: r,
    hypotheses: [
      { service: r.rootCause.service, category: r.rootCause.category, weaknesses: [] },
      ...r.alternatives.map((h) => ({ ...h, weaknesses: h.weaknesses })),
    ],
    dependsOn: GRAPH,
    changeIds: ['chg-1', 'chg-2'],
    seenBy: new Map([['payments', ['query_metrics']]]),
    changes: [
      { id: 'chg-1', service: 'payments', kind: 'deploy' },
      { id: 'chg-2', service: 'checkout', kind: 'migration' },
    ],
    ...over,
  };
}

function scored(over: Partial<BacktestCase>): BacktestCase {
  return {
    id: 'c1',
    labels: {},
    expected: { service: 'payments', category: 'bad_deploy' },
    top1: false,
    top3: false,
    category: false,
    confidence: 'MEDIUM',
    timeToBriefMs: 1,
    costUsd: 0,
    tokens: 0,
    ...over,
  };
}

const metric = (
  id: string,
  service: string,
  strength: number,
  kind: 'metric' | 'change' | 'log' = 'metric',
) => ({
  id,
  kind,
  service,
  summary: `${kind} on ${service}`,
  strength,
  source: { tool: 't', query: '' },
});

test.each([
  {
    name: 'a telemetry source missing explains a wrong answer before anything else',
    c: scored({}),
    f: facts(report({}, { missingSources: [{ source: 'metrics', reason: 'not in the bundle' }] })),
    expected: [
      {
        kind: 'missing_source',
        subKey: 'metrics',
        code: { stage: 'collect', file: 'src/investigate/collect.ts' },
      },
    ],
  },
  {
    name: 'a missing changes source does not explain a wrong answer when no change caused it',
    c: scored({ expected: { service: 'cart', category: 'resource_cpu' } }),
    f: facts(report({}, { missingSources: [{ source: 'changes', reason: 'not in the bundle' }] })),
    expected: [{ kind: 'never_examined', subKey: 'no signal' }],
  },
  {
    name: 'the answer calls the truth: a victim taken for the cause, even when the truth was examined',
    c: scored({}),
    f: facts(report({}, { alternatives: [hyp('h2', 'payments', 0.4)] })),
    expected: [
      {
        kind: 'victim_blamed',
        subKey: 'truth examined',
        code: { file: 'src/analysis/rca/graph.ts', function: 'applyGraph' },
      },
    ],
  },
  {
    name: 'out-ranked by the ranker, by evidence of a kind the truth lacked',
    c: scored({ expected: { service: 'cart', category: 'resource_cpu' } }),
    f: facts(
      report(
        {},
        {
          alternatives: [hyp('h2', 'cart', 0.5)],
          evidence: [
            metric('e1', 'checkout', 0.9),
            metric('e2', 'checkout', 0.7, 'change'),
            metric('e3', 'cart', 0.8),
          ],
        },
      ),
    ),
    expected: [
      { kind: 'outranked', subKey: 'change evidence', code: { stage: 'ranking', function: 'rankSuspects' } },
    ],
  },
  {
    name: "out-ranked in review: the truth was the ranker's first hypothesis",
    c: scored({ expected: { service: 'cart', category: 'resource_cpu' } }),
    f: facts(report({}, { alternatives: [hyp('h1', 'cart', 0.5)] })),
    expected: [{ kind: 'outranked', subKey: 'review', code: { stage: 'review', function: 'review' } }],
  },
  {
    name: 'never examined and never named by a tool: no signal',
    c: scored({ expected: { service: 'cart', category: 'resource_cpu' } }),
    f: facts(report()),
    expected: [{ kind: 'never_examined', subKey: 'no signal', code: { stage: 'signals' } }],
  },
  {
    name: 'never examined although a tool named it: cut from the shortlist',
    c: scored({ expected: { service: 'cart', category: 'resource_cpu' } }),
    f: facts(report(), { seenBy: new Map([['cart', ['trace_errors']]]) }),
    expected: [{ kind: 'never_examined', subKey: 'below the cut', code: { stage: 'shortlist' } }],
  },
  {
    name: 'never examined and not in the graph',
    c: scored({ expected: { service: 'ledger', category: 'database' } }),
    f: facts(report()),
    expected: [{ kind: 'never_examined', subKey: 'not in graph', code: { stage: 'graph' } }],
  },
  {
    name: 'right service, wrong category',
    c: scored({ top1: true, expected: { service: 'checkout', category: 'resource_cpu' } }),
    f: facts(report()),
    expected: [
      { kind: 'wrong_category', subKey: 'resource_cpu → code_error', code: { function: 'categorise' } },
    ],
  },
  {
    name: 'wrong category and missed change with the changes missing: one missing-source finding',
    c: scored({
      top1: true,
      change: false,
      expected: { service: 'checkout', category: 'bad_deploy', change: 'chg-9' },
    }),
    f: facts(report({}, { missingSources: [{ source: 'changes', reason: 'not in the bundle' }] })),
    expected: [{ kind: 'missing_source', subKey: 'changes' }],
  },
  {
    name: 'the change was read but not linked',
    c: scored({
      top1: true,
      category: true,
      change: false,
      expected: { service: 'checkout', category: 'code_error', change: 'chg-2' },
    }),
    f: facts(report()),
    expected: [{ kind: 'change_not_linked', subKey: 'read, not linked', code: { function: 'rankChanges' } }],
  },
  {
    name: 'the change was never read for the window',
    c: scored({
      top1: true,
      category: true,
      change: false,
      expected: { service: 'checkout', category: 'code_error', change: 'chg-7' },
    }),
    f: facts(report()),
    expected: [{ kind: 'change_not_linked', subKey: 'not read', code: { stage: 'collect' } }],
  },
  {
    name: 'a change named where none caused it, keyed by its kind',
    c: scored({
      top1: true,
      category: true,
      falseChange: true,
      expected: { service: 'checkout', category: 'code_error' },
    }),
    f: facts(report({ changeId: 'chg-2' })),
    expected: [{ kind: 'false_change', subKey: 'migration' }],
  },
  {
    name: 'wrong at HIGH is also overconfident',
    c: scored({ expected: { service: 'cart', category: 'resource_cpu' }, confidence: 'HIGH' }),
    f: facts(report({ confidence: 'HIGH' })),
    expected: [{ kind: 'never_examined' }, { kind: 'overconfident', code: { function: 'confidenceOf' } }],
  },
  {
    name: "right at LOW with a rival nearly as high (confidenceOf's own reason)",
    c: scored({
      top1: true,
      category: true,
      expected: { service: 'checkout', category: 'code_error' },
      confidence: 'LOW',
    }),
    f: facts(
      report({
        confidence: 'LOW',
        confidenceReason: confidenceOf([hyp('h1', 'checkout', 0.8), hyp('h2', 'cart', 0.79)], {
          weaknesses: new Map(),
          alternative: undefined,
        }).reason,
      }),
    ),
    expected: [{ kind: 'underconfident', subKey: 'close rival' }],
  },
  {
    name: "right at LOW on weak evidence (confidenceOf's own reason)",
    c: scored({
      top1: true,
      category: true,
      expected: { service: 'checkout', category: 'code_error' },
      confidence: 'LOW',
    }),
    f: facts(
      report({
        confidence: 'LOW',
        confidenceReason: confidenceOf([hyp('h1', 'checkout', 0.3)], {
          weaknesses: new Map(),
          alternative: undefined,
        }).reason,
      }),
    ),
    expected: [{ kind: 'underconfident', subKey: 'weak evidence' }],
  },
])('diagnose: $name', ({ c, f, expected }) => {
  const found = diagnose(c, f);
  expect(found).toHaveLength(expected.length);
  expect(found).toMatchObject(expected);
});

test('the LLM brain: ranking decisions point at its prompt, reading at the shared code', () => {
  const c = scored({ expected: { service: 'cart', category: 'resource_cpu' } });
  const [llmFinding] = diagnose(c, facts(report(), { brain: 'llm' }));
  expect(llmFinding?.code.file).toBe('src/investigate/brains/llm/investigator.prompt.ts');
  const missing = report({}, { missingSources: [{ source: 'logs', reason: 'timed out' }] });
  expect(diagnose(c, facts(missing, { brain: 'llm' }))[0]?.code.file).toBe('src/investigate/collect.ts');
});

test('a failed investigation is one finding pointing at the run', () => {
  expect(diagnose(scored({ error: 'boom' }), undefined)).toEqual([
    expect.objectContaining({
      kind: 'investigation_failed',
      code: expect.objectContaining({ function: 'investigate' }),
    }),
  ]);
});

test.each([
  { name: 'right and sure', over: { top1: true, category: true, confidence: 'HIGH' as const }, reasons: [] },
  { name: 'right at MEDIUM', over: { top1: true, category: true }, reasons: [] },
  {
    name: 'right at LOW',
    over: { top1: true, category: true, confidence: 'LOW' as const },
    reasons: ['right_at_low'],
  },
  { name: 'wrong at HIGH', over: { confidence: 'HIGH' as const }, reasons: ['top1_wrong', 'wrong_at_high'] },
  { name: 'category wrong', over: { top1: true }, reasons: ['category_wrong'] },
  { name: 'change missed', over: { top1: true, category: true, change: false }, reasons: ['change_missed'] },
  {
    name: 'change falsely named',
    over: { top1: true, category: true, falseChange: true },
    reasons: ['change_falsely_named'],
  },
  { name: 'failed', over: { error: 'x' }, reasons: ['failed'] },
])('selectionReasons: $name', ({ over, reasons }) => {
  expect(selectionReasons(scored(over))).toEqual(reasons);
});

test('callPath: the shortest call path, or none when the first does not depend on the second', () => {
  expect(callPath(GRAPH, 'frontend', 'db')).toEqual(['frontend', 'checkout', 'payments', 'db']);
  expect(callPath(GRAPH, 'db', 'frontend')).toBeUndefined();
  expect(callPath(GRAPH, 'cart', 'cart')).toBeUndefined();
});

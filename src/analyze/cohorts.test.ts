import { expect, test } from 'vitest';
import { groupCohorts } from './cohorts.js';
import type { CaseAnalysis, Finding } from './schema.js';

const code = { stage: 'collect', file: 'src/investigate/collect.ts', function: 'collectSources' };
const f = (kind: Finding['kind'], subKey?: string): Finding => ({
  kind,
  ...(subKey === undefined ? {} : { subKey }),
  summary: `${kind} here`,
  evidence: [],
  code,
  proposal: `fix ${kind}`,
});
const analysis = (caseId: string, findings: Finding[]): CaseAnalysis => ({
  caseId,
  analyser: 'builtin',
  reasons: ['top1_wrong'],
  expected: { service: 's', category: 'other' },
  findings,
});

test('groupCohorts: by kind and sub-key, a case in each of its cohorts, most cases first', () => {
  const cohorts = groupCohorts([
    analysis('b', [f('missing_source', 'logs'), f('overconfident')]),
    analysis('a', [f('missing_source', 'logs')]),
    analysis('c', [f('missing_source', 'metrics')]),
  ]);
  expect(cohorts.map((c) => [c.id, c.cases])).toEqual([
    ['missing_source:logs', ['a', 'b']],
    ['missing_source:metrics', ['c']],
    ['overconfident', ['b']],
  ]);
  expect(cohorts[0]).toMatchObject({
    kind: 'missing_source',
    subKey: 'logs',
    code,
    proposal: 'fix missing_source',
  });
});

import { describe, expect, test } from 'vitest';
import type { Report, Truth } from '../core/index.js';
import { rankedServices, scoreReport } from './score.js';

function report(rootCause: Partial<Report['rootCause']>, alternatives: string[] = []): Report {
  return {
    incidentId: 'i',
    summary: '',
    impact: { services: [] },
    timeline: [],
    rootCause: {
      service: 'db',
      category: 'bad_deploy',
      description: '',
      confidence: 'HIGH',
      confidenceReason: '',
      ...rootCause,
    },
    alternatives: alternatives.map((service, i) => ({
      id: `h${i}`,
      service,
      category: 'bad_deploy',
      description: '',
      score: 0.5,
      evidenceIds: [],
      weaknesses: [],
    })),
    evidence: [],
    actions: [],
    similarIncidents: [],
    missingSources: [],
  };
}

const truth = (change?: string, alsoAcceptable: Truth['alsoAcceptable'] = []): Truth => ({
  rootCause: { service: 'db', category: 'bad_deploy', ...(change === undefined ? {} : { change }) },
  alsoAcceptable,
});

describe('scoreReport', () => {
  test.each([
    {
      name: 'right service, category and change',
      report: report({ changeId: 'deploy-7' }),
      truth: truth('deploy-7'),
      expected: {
        top1: true,
        top3: true,
        category: true,
        change: true,
        falseChange: undefined,
        confidence: 'HIGH',
      },
    },
    {
      name: 'the truth in second place: top 3 only; a missing change',
      report: report({ service: 'web', category: 'resource_cpu', confidence: 'LOW' }, ['db']),
      truth: truth('deploy-7'),
      expected: {
        top1: false,
        top3: true,
        category: false,
        change: false,
        falseChange: undefined,
        confidence: 'LOW',
      },
    },
    {
      name: 'the truth fourth is not top 3 (a repeated service does not take a place)',
      report: report({ service: 'web' }, ['web', 'cache', 'queue', 'db']),
      truth: truth(),
      expected: { top1: false, top3: false, change: undefined, falseChange: false },
    },
    {
      name: 'an also-acceptable service is right; a change named where none caused it',
      report: report({ service: 'pool', changeId: 'deploy-1' }),
      truth: truth(undefined, [{ service: 'pool' }]),
      expected: { top1: true, change: undefined, falseChange: true },
    },
  ])('$name', ({ report: r, truth: t, expected }) => {
    expect(scoreReport(r, t)).toMatchObject(expected);
  });
});

test('rankedServices: root cause first, then alternatives, without repeats', () => {
  expect(rankedServices(report({ service: 'a' }, ['b', 'a', 'c']))).toEqual(['a', 'b', 'c']);
});

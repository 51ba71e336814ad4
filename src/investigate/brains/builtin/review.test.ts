/**
 * The reviewer's close-rival rule: a runner-up scoring at least 85 % of the top hypothesis is
 * "nearly as likely", so the top one gets a `close_rival` weakness (which forbids HIGH) and the
 * runner-up is named as the alternative. The cases sit on both sides of the threshold, so moving
 * it (or turning `>=` into `>`) fails a case. Everything else the reviewer looks at is kept clean:
 * every hypothesis reaches the alert's service, has two kinds of evidence, and no source is missing.
 */
import { describe, expect, test } from 'vitest';
import type { Suspect } from '../../../analysis/rca/index.js';
import type { Alert, Evidence, Hypothesis } from '../../../core/index.js';
import { createInvestigationScope, type ToolContext } from '../../tools/index.js';
import type { Hypotheses } from './hypotheses.js';
import { review, type Weakness } from './review.js';
import type { Findings } from './specialists/index.js';

const HOUR_MS = 3_600_000;
const alert: Alert = {
  name: 'HighErrorRate',
  service: 'gateway',
  severity: 'critical',
  startsAt: 10 * HOUR_MS,
  labels: {},
  annotations: {},
};

function context(): ToolContext {
  const scope = createInvestigationScope();
  return {
    alert,
    data: {
      series: [],
      logs: [],
      spans: [],
      changes: [],
      events: [],
      history: [],
      missing: [],
      elapsedMs: { metrics: 0, logs: 0, traces: 0, changes: 0, events: 0, history: 0 },
    },
    graph: {
      services: ['gateway', 'api', 'db', 'cache'],
      dependsOn: new Map([
        ['gateway', ['api']],
        ['api', ['db', 'cache']],
      ]),
      kinds: new Map(),
    },
    range: { start: 0, end: 11 * HOUR_MS },
    windows: {
      onset: 9 * HOUR_MS,
      onsetFrom: 'telemetry',
      baseline: { start: 7 * HOUR_MS, end: 8 * HOUR_MS },
      incident: { start: 9 * HOUR_MS, end: 10 * HOUR_MS },
      evidence: [],
    },
    cache: scope.cache,
    defer: scope.defer,
  };
}

const SERVICES = ['db', 'cache', 'api'];

/** Hypotheses with these scores, best first, each backed by a metric and a log item. */
function built(scores: readonly number[]): Hypotheses {
  const evidence = new Map<string, Evidence>();
  const hypotheses = scores.map((score, i): Hypothesis => {
    const service = SERVICES[i] ?? `svc-${i}`;
    const ids = (['metric', 'log'] as const).map((kind) => {
      const id = `ev-${i + 1}-${kind}`;
      evidence.set(id, { id, kind, service, summary: kind, strength: 1, source: { tool: kind, query: '' } });
      return id;
    });
    return {
      id: `h${i + 1}`,
      service,
      category: 'database',
      description: service,
      score,
      evidenceIds: ids,
      weaknesses: [],
    };
  });
  const suspects = hypotheses.map(
    (h): Suspect => ({
      service: h.service,
      score: h.score,
      category: h.category,
      categoryReason: '',
      explainedBy: undefined,
      change: undefined,
      evidence: [],
    }),
  );
  return { suspects, hypotheses, evidence };
}

const findings: Findings = {
  metrics: undefined,
  logs: undefined,
  traces: undefined,
  changes: undefined,
  events: undefined,
  failed: [],
};

const closeRival = (rival: string, rivalScore: string, topScore: string): Weakness => ({
  code: 'close_rival',
  text: `${rival} (database) is nearly as likely: ${rivalScore} against ${topScore}`,
  penalty: 1,
  blocksHigh: true,
});

describe('the close-rival rule', () => {
  test.each([
    { name: 'equal scores', scores: [0.6, 0.6], close: true },
    { name: 'exactly 85 % of the top: close (the bound is inclusive)', scores: [1, 0.85], close: true },
    { name: 'just inside, at another scale', scores: [0.8, 0.681], close: true },
    { name: 'just outside', scores: [1, 0.849], close: false },
    { name: 'just outside, at another scale', scores: [0.8, 0.679], close: false },
    { name: 'far behind', scores: [0.9, 0.3], close: false },
    { name: 'a close third does not count, only the runner-up', scores: [1, 0.5, 0.49], close: false },
  ])('$name: $scores', ({ scores, close }) => {
    const b = built(scores);
    const critique = review(context(), b, findings);
    const [top, second] = b.hypotheses;
    if (!top || !second) throw new Error('each case has at least two hypotheses');
    expect(critique.weaknesses.get(top.id)).toEqual(
      close ? [closeRival(second.service, second.score.toFixed(2), top.score.toFixed(2))] : [],
    );
    expect(critique.alternative).toBe(close ? second.service : undefined);
    // The runner-up is never weakened by its own closeness.
    expect(critique.weaknesses.get(second.id)).toEqual([]);
  });

  test('one suspect has no rival', () => {
    const b = built([0.9]);
    const critique = review(context(), b, findings);
    expect([...critique.weaknesses]).toEqual([['h1', []]]);
    expect(critique.alternative).toBeUndefined();
  });

  test('no suspect at all: nothing to weaken, no alternative', () => {
    const critique = review(context(), built([]), findings);
    expect(critique).toEqual({ weaknesses: new Map(), alternative: undefined });
  });
});

describe('the unreachable rule', () => {
  /** gateway → api → db; the cache is only called by a worker, off the alert's call path. */
  function offPath(): ToolContext {
    const ctx = context();
    return {
      ...ctx,
      graph: {
        services: ['gateway', 'api', 'db', 'cache', 'worker'],
        dependsOn: new Map([
          ['gateway', ['api']],
          ['api', ['db']],
          ['worker', ['cache', 'db']],
        ]),
        kinds: new Map(),
      },
    };
  }

  test.each([
    { name: 'a suspect off the call path explaining nothing on it is unreachable', explains: false },
    { name: 'a cache whose misses explain the database on the path is connected', explains: true },
  ])('$name', ({ explains }) => {
    const b = built([0.9, 0.3]);
    const [cacheH, dbH] = b.hypotheses;
    const [cacheS, dbS] = b.suspects;
    if (!cacheH || !dbH || !cacheS || !dbS) throw new Error('two hypotheses');
    Object.assign(cacheH, { service: 'cache' });
    Object.assign(cacheS, { service: 'cache' });
    Object.assign(dbH, { service: 'db' });
    Object.assign(dbS, { service: 'db', explainedBy: explains ? 'cache' : undefined });
    const codes = (review(offPath(), b, findings).weaknesses.get(cacheH.id) ?? []).map((w) => w.code);
    expect(codes.includes('unreachable')).toBe(!explains);
  });
});

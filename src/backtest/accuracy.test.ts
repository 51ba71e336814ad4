import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { confirmedCasesOf, measureBacktestAccuracy } from './accuracy.js';
import type { BacktestCase } from './case.js';

const T0 = Date.parse('2026-12-01T00:00:00Z');

/** A scored case: right at HIGH on a bad deploy unless told otherwise. */
function scored(id: string, fields: Partial<BacktestCase> = {}): BacktestCase {
  return {
    id,
    labels: { account: 'lab', environment: 'lab' },
    expected: { service: 'payments', category: 'bad_deploy', change: 'deploy-1' },
    answered: { service: 'payments', category: 'bad_deploy', change: 'deploy-1', ranked: ['payments'] },
    top1: true,
    top3: true,
    category: true,
    change: true,
    confidence: 'HIGH',
    timeToBriefMs: 900,
    costUsd: 0,
    tokens: 0,
    ...fields,
  };
}

describe('confirmedCasesOf', () => {
  it.each([
    {
      name: 'a right case',
      case: scored('a'),
      want: { rootCause: 'right', categoryRight: true, changeRight: true, confidence: 'HIGH' },
    },
    {
      name: 'a wrong case with the change missed',
      case: scored('b', { top1: false, change: false, category: false, confidence: 'MEDIUM' }),
      want: { rootCause: 'wrong', categoryRight: false, changeRight: false, confidence: 'MEDIUM' },
    },
    {
      name: 'a case whose truth names no change',
      case: scored('c', {
        change: undefined,
        falseChange: false,
        expected: { service: 'x', category: 'cpu' },
      }),
      want: { rootCause: 'right', categoryRight: true, changeRight: undefined, confidence: 'HIGH' },
    },
  ])('$name becomes a backtest case with its verdicts', ({ case: c, want }) => {
    const { cases, skipped } = confirmedCasesOf([c], new Map([[c.id, T0]]));
    expect(skipped).toEqual([]);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ ...want, source: 'backtest', createdAt: T0, account: undefined });
  });

  it('skips a failed case, keeps real labels and files lab labels as none', () => {
    const failed = scored('f', { answered: undefined, confidence: undefined, top1: false, error: 'boom' });
    const labelled = scored('l', { labels: { account: 'acme', environment: 'production' } });
    const { cases, skipped } = confirmedCasesOf(
      [failed, labelled, scored('u')],
      new Map(),
      new Map([['l', 'checkout']]),
    );
    expect(skipped).toEqual([{ investigationId: 'f', createdAt: 0, reason: 'no report' }]);
    expect(cases.map((c) => [c.investigationId, c.account, c.environment, c.service])).toEqual([
      ['l', 'acme', 'production', 'checkout'],
      ['u', undefined, undefined, 'payments'],
    ]);
  });
});

describe('accuracy of a stored backtest', () => {
  let store: Store;
  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.migrate();
    await store.saveBacktestRun({
      id: 'run000000001',
      name: 'nightly',
      suite: '/s/lab',
      brain: 'builtin',
      startedAt: T0,
    });
    await store.planBacktestCases('run000000001', ['a', 'b', 'c']);
    const cases = [
      scored('a', { labels: { account: 'lab', environment: 'staging' } }),
      scored('b', { top1: false, change: false }),
    ];
    for (const [i, c] of cases.entries())
      await store.saveBacktestCase({
        runId: 'run000000001',
        caseId: c.id,
        finishedAt: T0 + i,
        labels: c.labels,
        result: c,
        investigation: { alert: { service: `alerting-${c.id}` } },
      });
  });
  afterEach(() => store.close());

  it('says the figures as sentences about backtest cases, with the causing change', async () => {
    const report = await measureBacktestAccuracy(store, 'last');
    expect(report.headline).toBe(
      '2 cases of backtest run run000000001 "nightly" (/s/lab, brain builtin, 1 not finished; truth: each case\'s known root cause)',
    );
    expect(report.sources).toEqual(['backtest']);
    expect(report.overall.sentences.slice(0, 4)).toEqual([
      'root cause right in 1 of 2 backtest cases (50%, 95% CI 9–91%) — too few to quote',
      'root cause right or partly right in 1 of 2 backtest cases (50%, 95% CI 9–91%) — too few to quote',
      'category right in 2 of 2 backtest cases (100%, 95% CI 34–100%) — too few to quote',
      'causing change found in 1 of 2 backtest cases (50%, 95% CI 9–91%) — too few to quote',
    ]);
  });

  it.each([
    { by: 'service', keys: ['alerting-a', 'alerting-b'] },
    { by: 'environment', keys: ['(no environment label)', 'staging'] },
  ] as const)('splits by $by', async ({ by, keys }) => {
    const report = await measureBacktestAccuracy(store, 'run0', { by });
    expect(report.groups?.map((g) => g.key)).toEqual(keys);
  });

  it('GET /api/accuracy?backtest= answers with the run, 404 for an unknown run, 400 for a bad split', async () => {
    const app = createApp({
      store,
      auth: {},
      bodyLimit: 64 * 1024,
      intake: { groupWindowMs: 60_000, maxAttempts: 3 },
      now: () => T0,
    });
    const ok = await app.request('/api/accuracy?backtest=last&by=environment');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { sources: string[] }).sources).toEqual(['backtest']);
    const missing = await app.request('/api/accuracy?backtest=nope0000');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(
      /^query parameter backtest: no backtest run nope0000/,
    );
    expect((await app.request('/api/accuracy?backtest=last&by=planet')).status).toBe(400);
  });
});

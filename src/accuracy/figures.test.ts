import { describe, expect, it } from 'vitest';
import type { ConfirmedCase, SkippedCase } from './cases.js';
import { accuracyReport, figuresOf } from './figures.js';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const DAY = 86_400_000;

/** A confirmed case; only what a test sets differs from a right HIGH-confidence bad deploy. */
function confirmed(fields: Partial<ConfirmedCase> & { id: string }): ConfirmedCase {
  const { id, ...rest } = fields;
  return {
    investigationId: id,
    source: 'feedback',
    createdAt: T0,
    service: 'checkout',
    account: undefined,
    environment: undefined,
    category: 'bad_deploy',
    confidence: 'HIGH',
    rootCause: 'right',
    categoryRight: true,
    changeRight: undefined,
    ...rest,
  };
}

/** `count` copies of a case, numbered. */
function many(count: number, fields: Partial<ConfirmedCase>, prefix: string): ConfirmedCase[] {
  return Array.from({ length: count }, (_, i) => confirmed({ ...fields, id: `${prefix}-${i}` }));
}

describe('figuresOf', () => {
  it.each([
    {
      name: 'nothing confirmed',
      cases: [],
      counts: { confirmed: 0, rootCause: [0, 0], partly: [0, 0], category: [0, 0], change: [0, 0] },
      confidence: { HIGH: [0, 0], MEDIUM: [0, 0], LOW: [0, 0] },
    },
    {
      name: 'the quoted example: 41 right, 3 partly, 4 wrong of 48',
      cases: [
        ...many(41, {}, 'r'),
        ...many(3, { rootCause: 'partly', confidence: 'MEDIUM' }, 'p'),
        ...many(4, { rootCause: 'wrong', categoryRight: false, confidence: 'LOW' }, 'w'),
      ],
      counts: { confirmed: 48, rootCause: [41, 48], partly: [44, 48], category: [44, 48], change: [0, 0] },
      confidence: { HIGH: [41, 41], MEDIUM: [0, 3], LOW: [0, 4] },
    },
    {
      name: 'calibration counts only right, not partly, at each level',
      cases: [
        ...many(2, { confidence: 'MEDIUM' }, 'r'),
        ...many(2, { confidence: 'MEDIUM', rootCause: 'partly' }, 'p'),
        confirmed({ id: 'w', confidence: 'HIGH', rootCause: 'wrong' }),
      ],
      counts: { confirmed: 5, rootCause: [2, 5], partly: [4, 5], category: [5, 5], change: [0, 0] },
      confidence: { HIGH: [0, 1], MEDIUM: [2, 4], LOW: [0, 0] },
    },
    {
      name: 'the causing change only where the truth says (a future backtest)',
      cases: [
        confirmed({ id: 'a', changeRight: true }),
        confirmed({ id: 'b', changeRight: false }),
        confirmed({ id: 'c' }),
      ],
      counts: { confirmed: 3, rootCause: [3, 3], partly: [3, 3], category: [3, 3], change: [1, 2] },
      confidence: { HIGH: [3, 3], MEDIUM: [0, 0], LOW: [0, 0] },
    },
  ] as const)('$name', ({ cases, counts, confidence }) => {
    const f = figuresOf(cases);
    const pair = (x: { right: number; n: number }) => [x.right, x.n];
    expect({
      confirmed: f.confirmed,
      rootCause: pair(f.rootCause),
      partly: pair(f.rootCauseOrPartly),
      category: pair(f.category),
      change: pair(f.causingChange),
    }).toEqual(counts);
    expect({
      HIGH: pair(f.confidence.HIGH),
      MEDIUM: pair(f.confidence.MEDIUM),
      LOW: pair(f.confidence.LOW),
    }).toEqual(confidence);
  });

  it('says each figure as a sentence, in reading order', () => {
    const cases = [
      ...many(41, {}, 'r'),
      ...many(3, { rootCause: 'partly', confidence: 'MEDIUM' }, 'p'),
      ...many(4, { rootCause: 'wrong', categoryRight: false, confidence: 'LOW' }, 'w'),
    ];
    expect(figuresOf(cases).sentences).toEqual([
      'root cause right in 41 of 48 confirmed incidents (85%, 95% CI 73–93%)',
      'root cause right or partly right in 44 of 48 confirmed incidents (92%, 95% CI 80–97%)',
      'category right in 44 of 48 confirmed incidents (92%, 95% CI 80–97%)',
      'causing change found: not measured from feedback yet',
      'root cause right in 41 of 41 confirmed incidents answered with HIGH confidence (100%, 95% CI 91–100%)',
      'root cause right in 0 of 3 confirmed incidents answered with MEDIUM confidence (0%, 95% CI 0–56%) — too few to quote',
      'root cause right in 0 of 4 confirmed incidents answered with LOW confidence (0%, 95% CI 0–49%) — too few to quote',
    ]);
    expect(figuresOf([]).sentences).toEqual([
      'root cause right: no confirmed incidents yet',
      'root cause right or partly right: no confirmed incidents yet',
      'category right: no confirmed incidents yet',
      'causing change found: not measured from feedback yet',
      'root cause right, answered with HIGH confidence: no confirmed incidents yet',
      'root cause right, answered with MEDIUM confidence: no confirmed incidents yet',
      'root cause right, answered with LOW confidence: no confirmed incidents yet',
    ]);
  });
});

describe('accuracyReport', () => {
  const cases = [
    confirmed({ id: 'old', createdAt: T0 - 40 * DAY, rootCause: 'wrong' }),
    confirmed({ id: 'edge', createdAt: T0 - 30 * DAY, service: 'orders', account: 'acme' }),
    confirmed({ id: 'new1', createdAt: T0 - DAY, account: 'acme', category: 'database', rootCause: 'wrong' }),
    confirmed({
      id: 'new2',
      createdAt: T0,
      service: 'orders',
      category: 'database',
      environment: 'production',
    }),
    confirmed({ id: 'new3', createdAt: T0, account: 'globex', environment: 'production' }),
  ];
  const skipped: SkippedCase[] = [
    { investigationId: 's-old', createdAt: T0 - 40 * DAY, reason: 'no report' },
    { investigationId: 's-new', createdAt: T0, reason: 'no report' },
  ];

  it.each([
    { since: 60, confirmed: 5, right: 3, skippedNoReport: 2 },
    { since: 30, confirmed: 4, right: 3, skippedNoReport: 1 },
    { since: 2, confirmed: 3, right: 2, skippedNoReport: 1 },
    { since: 0, confirmed: 2, right: 2, skippedNoReport: 1 },
  ])(
    '--since counts investigations created in the last $since days (inclusive)',
    ({ since, ...expected }) => {
      const report = accuracyReport({ cases, skipped }, { sinceMs: T0 - since * DAY });
      expect({
        confirmed: report.overall.confirmed,
        right: report.overall.rootCause.right,
        skippedNoReport: report.skipped['no report'],
      }).toEqual(expected);
      expect(report.since).toBe(new Date(T0 - since * DAY).toISOString());
      expect(report.groups).toBeUndefined();
    },
  );

  it.each([
    {
      by: 'service',
      groups: [
        { key: 'checkout', confirmed: 2, right: 1 },
        { key: 'orders', confirmed: 2, right: 2 },
      ],
    },
    {
      by: 'category',
      groups: [
        { key: 'bad_deploy', confirmed: 2, right: 2 },
        { key: 'database', confirmed: 2, right: 1 },
      ],
    },
    {
      by: 'account',
      groups: [
        { key: 'acme', confirmed: 2, right: 1 },
        { key: '(no account label)', confirmed: 1, right: 1 },
        { key: 'globex', confirmed: 1, right: 1 },
      ],
    },
    {
      by: 'environment',
      groups: [
        { key: '(no environment label)', confirmed: 2, right: 1 },
        { key: 'production', confirmed: 2, right: 2 },
      ],
    },
  ] as const)('--by $by splits the window, largest group first', ({ by, groups }) => {
    const report = accuracyReport({ cases, skipped }, { sinceMs: T0 - 30 * DAY, by });
    expect(report.by).toBe(by);
    expect(
      report.groups?.map((g) => ({ key: g.key, confirmed: g.confirmed, right: g.rootCause.right })),
    ).toEqual(groups);
    expect(report.overall.confirmed).toBe(4);
  });

  it('names the group in its sentences and the window in the headline', () => {
    const report = accuracyReport({ cases, skipped }, { sinceMs: T0 - 30 * DAY, by: 'service' });
    expect(report.groups?.[0]?.sentences[0]).toBe(
      'service checkout: root cause right in 1 of 2 confirmed incidents (50%, 95% CI 9–91%) — too few to quote',
    );
    expect(report.headline).toBe(
      '4 confirmed incidents since 2026-10-02 (confirmed: a responder gave feedback; unconfirmed reports are not counted)',
    );
    expect(report.sources).toEqual(['feedback']);
    const empty = accuracyReport({ cases: [], skipped: [] }, { sinceMs: T0, by: 'account' });
    expect(empty.headline).toBe(
      'no confirmed incidents yet since 2026-11-01 (confirmed: a responder gave feedback)',
    );
    expect(empty.groups).toEqual([]);
    expect(empty.sources).toEqual([]);
  });

  it('words a backtest as backtest cases, with its own headline and change wording', () => {
    const backtest = [
      confirmed({ id: 'a', source: 'backtest', changeRight: true }),
      confirmed({ id: 'b', source: 'backtest', changeRight: false, rootCause: 'wrong' }),
    ];
    const report = accuracyReport(
      { cases: backtest, skipped: [] },
      {
        sinceMs: 0,
        headline: '2 cases of backtest run abc',
        wording: { noun: 'backtest cases', changeWhenNone: 'no case names a causing change' },
      },
    );
    expect(report.headline).toBe('2 cases of backtest run abc');
    expect(report.sources).toEqual(['backtest']);
    expect(report.overall.rootCause.sentence).toBe(
      'root cause right in 1 of 2 backtest cases (50%, 95% CI 9–91%) — too few to quote',
    );
    expect(report.overall.causingChange.sentence).toBe(
      'causing change found in 1 of 2 backtest cases (50%, 95% CI 9–91%) — too few to quote',
    );
  });
});

/**
 * Confirmed production incidents as backtest cases, on an in-memory SQLite store holding a real
 * investigation of a bundle (its report and evidence) under several kinds of feedback.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Report } from '../core/index.js';
import { type Investigation, investigate } from '../investigate/index.js';
import { bundleInvestigationInput } from '../investigate/run.js';
import { type Grade, openSqliteStore, type Store } from '../store/index.js';
import { confirmedCaseSource, NO_EVIDENCE_REASON } from './from-store.js';

const BUNDLE = fileURLToPath(new URL('../../test/fixtures/spec-bundle', import.meta.url));
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T14:00:00Z');

let original: Investigation;
beforeAll(async () => {
  original = await investigate(await bundleInvestigationInput(BUNDLE), { keepEvidence: true });
  if (original.evidence === undefined) throw new Error('investigate kept no evidence');
}, 60_000);

let store: Store;
beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await store.migrate();
});
afterEach(async () => {
  await store.close();
});

interface Incident {
  hoursAfter: number;
  labels?: Record<string, string>;
  service?: string;
  /** `none`: left queued, with no report. */
  report?: Report | 'none';
  evidence?: boolean;
  feedback?: { grade: Grade; rootCause?: string; category?: string }[];
}

let next = 0;
/** Stores an investigation of the bundle's alert and returns its id. */
async function incident(spec: Incident): Promise<string> {
  const at = T0 + spec.hoursAfter * HOUR;
  const { alert } = original;
  const outcome = await store.intake(
    {
      fingerprint: `fp-${next}`,
      source: 'alertmanager',
      status: 'firing',
      groupKey: `group-${next++}`,
      name: alert.name,
      service: spec.service ?? alert.service,
      severity: alert.severity,
      labels: spec.labels ?? {},
      annotations: {},
      startsAt: at,
      receivedAt: at,
    },
    { groupWindowMs: 60_000, maxAttempts: 3 },
  );
  if (outcome.kind !== 'new') throw new Error(`intake gave ${outcome.kind}`);
  const id = outcome.investigationId;
  if (spec.report !== 'none') {
    const report = spec.report ?? original.report;
    await store.saveResult(id, {
      report,
      category: report.rootCause.category,
      brain: 'builtin',
      trace: original.trace,
      finishedAt: at + 60_000,
    });
  }
  if (spec.evidence !== false) await store.saveEvidence(id, original.evidence, at + 60_000);
  for (const [i, f] of (spec.feedback ?? []).entries()) {
    await store.addFeedback({ investigationId: id, at: at + (i + 2) * 60_000, ...f });
  }
  return id;
}

const correct = [{ grade: 'correct' as const }];

describe('confirmedCaseSource', () => {
  test('each confirmed incident with evidence is a case; the others are skipped with their reason', async () => {
    const confirmed = await incident({
      hoursAfter: 1,
      labels: { account: 'acme', env: 'prod' },
      feedback: correct,
    });
    const corrected = await incident({
      hoursAfter: 2,
      feedback: [
        { grade: 'correct' },
        {
          grade: 'wrong',
          rootCause: 'postgres ran out of connections',
          category: 'connection_pool_exhaustion',
        },
      ],
    });
    const noEvidence = await incident({ hoursAfter: 3, evidence: false, feedback: correct });
    const noReport = await incident({ hoursAfter: 4, report: 'none', evidence: false, feedback: correct });
    const noCorrection = await incident({ hoursAfter: 5, feedback: [{ grade: 'wrong' }] });
    await incident({ hoursAfter: 6 });

    const source = await confirmedCaseSource(store, {});
    expect(source.caseIds).toEqual([corrected, confirmed]);
    expect(source.skipped).toEqual([
      {
        id: noCorrection,
        reason:
          'graded wrong without a corrected root cause that names one of its services: nothing to score against',
      },
      { id: noReport, reason: 'no report (the investigation failed or has not finished)' },
      { id: noEvidence, reason: NO_EVIDENCE_REASON },
    ]);

    const { rootCause } = original.report;
    const first = await source.load(confirmed);
    expect(first.truth).toEqual({
      service: rootCause.service,
      category: rootCause.category,
      ...(rootCause.changeId === undefined ? {} : { change: rootCause.changeId }),
    });
    expect(first.labels).toEqual({ account: 'acme', environment: 'prod' });
    // The latest feedback counts: the correction, not the earlier `correct`.
    expect((await source.load(corrected)).truth).toEqual({
      service: 'postgres',
      category: 'connection_pool_exhaustion',
      changeUnknown: true,
    });
    expect((await source.load(corrected)).labels).toEqual({ account: 'lab', environment: 'lab' });
  });

  test('a case replays from its evidence to the report the investigation gave', async () => {
    const id = await incident({ hoursAfter: 1, feedback: correct });
    const source = await confirmedCaseSource(store, {});
    const { input } = await source.load(id);
    expect(input.alert).toEqual(original.alert);
    const replayed = await investigate(input);
    expect(replayed.report).toEqual(original.report);
  });

  test.each([
    { name: 'since', query: { since: T0 + 2 * HOUR }, expected: ['late', 'acme'] },
    { name: 'service', query: { service: 'payments' }, expected: ['payments'] },
    { name: 'account', query: { account: 'acme' }, expected: ['acme'] },
    { name: 'limit keeps the most recent', query: { limit: 2 }, expected: ['late', 'acme'] },
  ])('the query: $name', async ({ query, expected }) => {
    const ids = {
      early: await incident({ hoursAfter: 1, feedback: correct }),
      payments: await incident({ hoursAfter: 1.5, service: 'payments', feedback: correct }),
      acme: await incident({ hoursAfter: 2, labels: { tenant: 'acme' }, feedback: correct }),
      late: await incident({ hoursAfter: 3, feedback: correct }),
    };
    const source = await confirmedCaseSource(store, query);
    expect(source.caseIds).toEqual(expected.map((name) => ids[name as keyof typeof ids]));
    expect(source.skipped).toEqual([]);
  });

  test('loading an id that is not a case of the source is refused', async () => {
    const skipped = await incident({ hoursAfter: 1, evidence: false, feedback: correct });
    const source = await confirmedCaseSource(store, {});
    await expect(source.load(skipped)).rejects.toThrow(
      `investigation ${skipped} is not a confirmed case of this query`,
    );
  });

  test('evidence that does not parse is a skipped case naming the field, not a failed backtest', async () => {
    const id = await incident({ hoursAfter: 1, evidence: false, feedback: correct });
    await store.saveEvidence(id, { ...original.evidence, version: 2 }, T0);
    const source = await confirmedCaseSource(store, {});
    expect(source.caseIds).toEqual([]);
    expect(source.skipped).toEqual([
      {
        id,
        reason: expect.stringMatching(
          /^unreadable evidence: the store's evidence of investigation .*: evidence field "version"/,
        ),
      },
    ]);
  });
});

/**
 * `backtest run --from-store`: confirmed incidents replayed from their evidence, scored against
 * the truth their feedback gives, stored as a run a resume and workers rebuild from its row.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Investigation, investigate } from '../investigate/index.js';
import { bundleInvestigationInput } from '../investigate/run.js';
import { type Grade, openSqliteStore, type Store } from '../store/index.js';
import { runBacktest } from './run.js';
import { storeQueryOf, storeSuite } from './source.js';

const BUNDLE = fileURLToPath(new URL('../../test/fixtures/spec-bundle', import.meta.url));
const T0 = Date.parse('2026-03-02T14:00:00Z');

describe('the suite of a run from the store', () => {
  it.each([{ query: {} }, { query: { since: T0, service: 'checkout', account: 'acme corp', limit: 20 } }])(
    'reads back the query it was written from: $query',
    ({ query }) => {
      const suite = storeSuite(query);
      expect(suite.startsWith('store:')).toBe(true);
      expect(storeQueryOf(suite)).toEqual(query);
    },
  );

  it.each(['store:planet=mars', 'store:limit=0', 'store:since=yesterday'])(
    'refuses %s, naming the part',
    (suite) => {
      expect(() => storeQueryOf(suite)).toThrow(/cannot read/);
    },
  );
});

describe('backtest run --from-store', () => {
  let original: Investigation;
  beforeAll(async () => {
    original = await investigate(await bundleInvestigationInput(BUNDLE), { keepEvidence: true });
  }, 60_000);

  let store: Store;
  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    await store.migrate();
  });
  afterEach(() => store.close());

  /** A stored investigation of the bundle with its evidence and one feedback. */
  async function confirmed(n: number, feedback: { grade: Grade; rootCause?: string; category?: string }) {
    const at = T0 + n * 60_000;
    const { alert } = original;
    const outcome = await store.intake(
      {
        fingerprint: `fp-${n}`,
        source: 'alertmanager',
        status: 'firing',
        groupKey: `g-${n}`,
        name: alert.name,
        service: alert.service,
        severity: alert.severity,
        labels: { environment: 'production' },
        annotations: {},
        startsAt: at,
        receivedAt: at,
      },
      { groupWindowMs: 1, maxAttempts: 3 },
    );
    if (outcome.kind !== 'new') throw new Error(outcome.kind);
    const id = outcome.investigationId;
    const { report } = original;
    await store.saveResult(id, {
      report,
      category: report.rootCause.category,
      brain: 'builtin',
      trace: original.trace,
      finishedAt: at + 1,
    });
    await store.saveEvidence(id, original.evidence, at + 1);
    await store.addFeedback({ investigationId: id, at: at + 2, ...feedback });
    return id;
  }

  it('replays each confirmed incident, scores it against its feedback, and skips what it cannot score', async () => {
    const right = await confirmed(1, { grade: 'correct' });
    const other = original.report.alternatives[0]?.service ?? original.alert.service;
    const corrected = await confirmed(2, {
      grade: 'wrong',
      rootCause: `it was ${other}`,
      category: 'network',
    });
    const vague = await confirmed(3, { grade: 'wrong' });
    const skipped: string[] = [];
    const result = await runBacktest({
      store,
      fromStore: { since: T0 },
      onSkipped: (s) => skipped.push(...s.map((x) => x.id)),
    });
    expect(skipped).toEqual([vague]);
    expect(result.run.suite).toBe(`store:since=${encodeURIComponent(new Date(T0).toISOString())}`);
    const byId = new Map(result.cases.map((c) => [c.id, c]));
    expect([...byId.keys()].sort()).toEqual([right, corrected].sort());
    // The replay answers what the original answered: right where it was confirmed right.
    expect(byId.get(right)).toMatchObject({
      top1: true,
      category: true,
      labels: { environment: 'production' },
    });
    // A correction names another service and says nothing about a change: the change is not scored.
    const wrong = byId.get(corrected);
    expect(wrong).toMatchObject({ top1: false, expected: { service: other, category: 'network' } });
    expect(wrong?.change).toBeUndefined();
    expect(wrong?.falseChange).toBeUndefined();
  }, 120_000);

  it('refuses --from-store with nothing to run, and with a suite folder', async () => {
    await expect(runBacktest({ store, fromStore: {} })).rejects.toThrow(/no case to run/);
    await expect(runBacktest({ store, fromStore: {}, suiteDir: BUNDLE })).rejects.toThrow(/not both/);
  });
});

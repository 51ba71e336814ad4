/**
 * The worker keeps each finished investigation's evidence in the store (for `nightshift replay`);
 * an investigation without evidence (keepEvidence off) stores none; a store that cannot keep it
 * costs the replay, not the investigation, which is saved and completed with a log line.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { checkoutBadDeploy } from '../../testing/investigate/reports.js';
import type { Investigation, InvestigationEvidence } from '../investigate/index.js';
import { openStore, packEvidence } from '../store/index.js';
import type { InvestigationRow, Store } from '../store/types.js';
import { Worker } from './worker.js';

const T0 = Date.parse('2026-03-09T15:00:00Z');
const ALERT = {
  name: 'x',
  service: 'checkout',
  severity: 'critical' as const,
  startsAt: T0,
  labels: {},
  annotations: {},
};

const EVIDENCE: InvestigationEvidence = {
  version: 1,
  incidentId: 'inc',
  alert: ALERT,
  window: { start: T0 - 3_600_000, end: T0 + 60_000 },
  range: { start: T0 - 1_800_000, end: T0 + 60_000 },
  collected: {
    series: [],
    logs: [{ ts: T0, service: 'checkout', level: 'error', message: 'boom' }],
    spans: [],
    changes: [],
    events: [],
    history: [],
    missing: [],
    elapsedMs: { metrics: 0, logs: 0, traces: 0, changes: 0, events: 0, history: 0 },
  },
};

function investigation(row: InvestigationRow, evidence: boolean): Investigation {
  return {
    id: row.id,
    incidentId: row.id,
    alert: ALERT,
    brain: 'builtin',
    startedAt: T0,
    elapsedMs: 5,
    rounds: 1,
    notes: [],
    report: checkoutBadDeploy,
    trace: { traceId: row.id, name: 'x', startedAt: T0, spans: [] } as unknown as Investigation['trace'],
    ...(evidence && { evidence: EVIDENCE }),
  };
}

let store: Store;
let worker: Worker | undefined;
beforeEach(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
});
afterEach(async () => {
  await worker?.stop();
  await store.close();
});

async function runOne(
  evidence: boolean | 'packed',
  target: Store,
  log: string[] = [],
  evidenceRetentionMs?: number,
): Promise<string> {
  const outcome = await store.intake(
    { fingerprint: 'fp', source: 'generic', status: 'firing', groupKey: 'g', ...ALERT, receivedAt: T0 },
    { groupWindowMs: 60_000, maxAttempts: 3 },
  );
  if (outcome.kind !== 'new') throw new Error(outcome.kind);
  worker = new Worker({
    store: target,
    investigate: async (row) =>
      evidence === 'packed'
        ? { ...investigation(row, false), evidenceGzip: packEvidence(EVIDENCE) }
        : investigation(row, evidence),
    concurrency: 1,
    leaseMs: 5_000,
    maxAttempts: 3,
    retryBackoffMs: 20,
    pollMs: 10,
    ...(evidenceRetentionMs === undefined ? {} : { evidenceRetentionMs }),
    log: (line) => log.push(line),
  });
  await worker.start();
  const end = Date.now() + 5_000;
  while (
    (await store.getInvestigation(outcome.investigationId))?.status !== 'done' ||
    (await store.pendingJobs()).length > 0
  ) {
    if (Date.now() > end) throw new Error('timed out waiting for the investigation');
    await new Promise((r) => setTimeout(r, 10));
  }
  return outcome.investigationId;
}

test('a finished investigation keeps its evidence in the store', async () => {
  const id = await runOne(true, store);
  expect(await store.getEvidence(id)).toEqual(EVIDENCE);
});

test('evidence packed by an investigation thread is kept as it is', async () => {
  const id = await runOne('packed', store);
  expect(await store.getEvidence(id)).toEqual(EVIDENCE);
});

test('an investigation without evidence stores none', async () => {
  const id = await runOne(false, store);
  expect(await store.getEvidence(id)).toBeUndefined();
});

test('a store that cannot keep the evidence costs the replay only: the job completes, the log says so', async () => {
  const log: string[] = [];
  const failing: Store = Object.assign(Object.create(store) as Store, {
    saveEvidence: async () => {
      throw new Error('disk full');
    },
  });
  const id = await runOne(true, failing, log);
  expect((await store.getInvestigation(id))?.status).toBe('done');
  expect(
    log.some((l) => l.includes(`investigation ${id}: its evidence was not kept`) && l.includes('disk full')),
  ).toBe(true);
});

test('keeping new evidence deletes evidence past the retention, and says how much', async () => {
  await store.saveEvidence('long-ago', EVIDENCE, Date.now() - 40 * 86_400_000);
  const log: string[] = [];
  const id = await runOne(true, store, log, 30 * 86_400_000);
  expect(await store.getEvidence('long-ago')).toBeUndefined();
  expect(await store.getEvidence(id)).toEqual(EVIDENCE);
  expect(log).toContain('deleted the evidence of 1 investigation(s) older than the evidence retention');
});

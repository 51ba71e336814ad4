import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Investigation } from '../investigate/index.js';
import { checkoutBadDeploy } from '../investigate/render/fixtures.js';
import type { BriefMessage, Notifier, Thread } from '../notify/types.js';
import { openStore } from '../store/index.js';
import type { IncomingAlert, InvestigationRow, Store } from '../store/types.js';
import { Worker } from './worker.js';

const T0 = Date.parse('2026-03-09T15:00:00Z');
const OPTIONS = { groupWindowMs: 300_000, maxAttempts: 3 };

function alert(overrides: Partial<IncomingAlert> = {}): IncomingAlert {
  return {
    fingerprint: 'fp1',
    source: 'generic',
    status: 'firing',
    groupKey: 'g',
    name: 'HighErrorRate',
    service: 'checkout',
    severity: 'critical',
    labels: {},
    annotations: {},
    startsAt: T0 - 60_000,
    receivedAt: T0,
    ...overrides,
  };
}

/** Records what a Slack-like notifier was asked to post. */
function recordingNotifier() {
  const posts: { kind: string; thread?: Thread; id: string }[] = [];
  const notifier: Notifier = {
    name: 'recording',
    postBrief: async (m: BriefMessage) => {
      posts.push({ kind: 'brief', id: m.investigationId });
      return { channel: 'C1', ts: `${posts.length}.0001` };
    },
    postFollowUp: async (thread, f) => {
      posts.push({ kind: 'follow-up', ...(thread && { thread }), id: f.investigationId });
    },
    postResolved: async (thread, r) => {
      posts.push({ kind: 'resolved', ...(thread && { thread }), id: r.investigationId });
    },
  };
  return { notifier, posts };
}

function fakeInvestigation(row: InvestigationRow): Investigation {
  return {
    id: row.id,
    incidentId: row.id,
    alert: {
      name: 'x',
      service: 'checkout',
      severity: 'critical',
      startsAt: T0,
      labels: {},
      annotations: {},
    },
    brain: 'builtin',
    startedAt: T0,
    elapsedMs: 5,
    rounds: 1,
    notes: [],
    report: checkoutBadDeploy,
    trace: { traceId: row.id, name: 'x', startedAt: T0, spans: [] } as unknown as Investigation['trace'],
  };
}

let store: Store;
let workers: Worker[] = [];
beforeEach(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
  await store.close();
});

function worker(
  investigate: (row: InvestigationRow) => Promise<Investigation>,
  notifier?: Notifier,
  overrides: Partial<ConstructorParameters<typeof Worker>[0]> = {},
) {
  const w = new Worker({
    store,
    investigate: (row) => investigate(row),
    ...(notifier && { notifier }),
    concurrency: 2,
    leaseMs: 5_000,
    maxAttempts: 3,
    retryBackoffMs: 20,
    pollMs: 10,
    ...overrides,
  });
  workers.push(w);
  return w;
}

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('worker', () => {
  test('runs an investigation once, posts its brief once, and the resolve in its thread', async () => {
    const { notifier, posts } = recordingNotifier();
    let runs = 0;
    const w = worker(async (row) => {
      runs++;
      return fakeInvestigation(row);
    }, notifier);
    const outcome = await store.intake(alert(), OPTIONS);
    await w.start();
    await until(
      async () =>
        (await store.getInvestigation(outcome.kind === 'new' ? outcome.investigationId : ''))?.thread !==
        undefined,
    );
    await store.intake(alert({ status: 'resolved', receivedAt: T0 + 600_000 }), OPTIONS);
    w.wake();
    await until(async () => posts.length === 2);
    expect(runs).toBe(1);
    expect(posts.map((p) => p.kind)).toEqual(['brief', 'resolved']);
    expect(posts[1]?.thread).toEqual({ channel: 'C1', ts: '1.0001' });
    expect(await store.pendingJobs()).toEqual([]);
  });

  test('a notifier without threads: the brief is recorded once and the resolve follows it', async () => {
    const { notifier, posts } = recordingNotifier();
    const threadless: Notifier = {
      ...notifier,
      postBrief: async (m) => {
        await notifier.postBrief(m);
        return undefined;
      },
    };
    const w = worker(async (row) => fakeInvestigation(row), threadless);
    const outcome = await store.intake(alert(), OPTIONS);
    const id = outcome.kind === 'new' ? outcome.investigationId : '';
    await w.start();
    await until(async () => (await store.getInvestigation(id))?.firstBriefAt !== undefined);
    const row = await store.getInvestigation(id);
    expect(row?.thread).toBeUndefined();
    expect(await store.markBriefed(id, undefined, T0)).toBe(false);
    await store.intake(alert({ status: 'resolved', receivedAt: T0 + 600_000 }), OPTIONS);
    w.wake();
    await until(async () => posts.length === 2);
    expect(posts.map((p) => [p.kind, p.thread])).toEqual([
      ['brief', undefined],
      ['resolved', undefined],
    ]);
  });

  test('a failing investigation is retried with backoff, then succeeds', async () => {
    const { notifier, posts } = recordingNotifier();
    let runs = 0;
    const w = worker(async (row) => {
      runs++;
      if (runs < 3) throw new Error('prometheus: connection refused');
      return fakeInvestigation(row);
    }, notifier);
    await store.intake(alert(), OPTIONS);
    await w.start();
    await until(async () => posts.length === 1);
    expect(runs).toBe(3);
    const [row] = await store.listInvestigations({ limit: 1 });
    expect(row?.status).toBe('done');
  });

  test('after the last attempt the investigation is failed and the failure is posted', async () => {
    const { notifier, posts } = recordingNotifier();
    const w = worker(async () => {
      throw new Error('no sources answered');
    }, notifier);
    await store.intake(alert(), OPTIONS);
    await w.start();
    await until(async () => posts.length === 1);
    const [row] = await store.listInvestigations({ limit: 1 });
    expect(row).toMatchObject({ status: 'failed', error: 'no sources answered' });
    expect(posts[0]?.kind).toBe('follow-up');
  });

  test('a job held by a process that died on this host is resumed at start', async () => {
    const { notifier, posts } = recordingNotifier();
    await store.intake(alert(), OPTIONS);
    // A process that no longer exists claimed the job, with a lease far in the future.
    const dead = `${hostname()}/999999999/dead01`;
    const claimed = await store.claimJob(dead, Date.now(), 3_600_000);
    expect(claimed).toBeDefined();
    const w = worker(async (row) => fakeInvestigation(row), notifier);
    await w.start();
    await until(async () => posts.length === 1);
    expect(posts.map((p) => p.kind)).toEqual(['brief']);
  });

  test('an investigation saved before a crash is not run again; only its brief is posted', async () => {
    const { notifier, posts } = recordingNotifier();
    const outcome = await store.intake(alert(), OPTIONS);
    const id = outcome.kind === 'new' ? outcome.investigationId : '';
    await store.saveResult(id, {
      report: checkoutBadDeploy,
      category: 'deploy',
      brain: 'builtin',
      trace: {},
      finishedAt: T0,
    });
    let runs = 0;
    const w = worker(async (row) => {
      runs++;
      return fakeInvestigation(row);
    }, notifier);
    await w.start();
    await until(async () => posts.length === 1);
    expect(runs).toBe(0);
  });

  test('at most `concurrency` investigations run at once', async () => {
    let running = 0;
    let most = 0;
    const w = worker(
      async (row) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        return fakeInvestigation(row);
      },
      undefined,
      { concurrency: 3 },
    );
    for (let i = 0; i < 10; i++)
      await store.intake(alert({ fingerprint: `f${i}`, groupKey: `g${i}` }), OPTIONS);
    await w.start();
    await until(async () => (await store.listInvestigations({ limit: 20, status: 'done' })).length === 10);
    expect(most).toBe(3);
  });
});

import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkoutBadDeploy } from '../../testing/investigate/reports.js';
import { NightshiftError } from '../core/index.js';
import type { Investigation } from '../investigate/index.js';
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

/**
 * A Slack-like channel with behaviour: briefs posted to it stay there and findBrief reads them
 * back; `lookup` chooses how findBrief behaves (or that the notifier has none, like a webhook).
 */
function channelNotifier(lookup: 'reads' | 'none' | 'missing-scope' | 'unreachable' = 'reads') {
  const channel: { id: string; ts: string; possibleRepeat: boolean; intentAt: number | undefined }[] = [];
  const lookups: { id: string; since: number }[] = [];
  const { notifier: base } = recordingNotifier();
  const notifier: Notifier = {
    ...base,
    name: 'channel',
    postBrief: async (m) => {
      const ts = `${channel.length + 1}.0001`;
      const intentAt = (await store.getInvestigation(m.investigationId))?.briefIntentAt;
      channel.push({ id: m.investigationId, ts, possibleRepeat: m.possibleRepeat === true, intentAt });
      return { channel: 'C1', ts };
    },
  };
  if (lookup !== 'none')
    notifier.findBrief = async (id, since) => {
      lookups.push({ id, since });
      if (lookup === 'missing-scope')
        throw new NightshiftError(
          'BAD_INPUT',
          'conversations.history needs channels:history (missing_scope)',
          {
            hint: 'add channels:history',
          },
        );
      if (lookup === 'unreachable') throw new NightshiftError('QUERY_FAILED', 'ECONNREFUSED');
      const found = channel.find((m) => m.id === id);
      return found && { channel: 'C1', ts: found.ts };
    };
  return { notifier, channel, lookups };
}

/**
 * The store as a process killed while posting leaves it: the job leased by a pid that no longer
 * exists, the investigation saved, the intent to post recorded and no brief recorded.
 */
async function crashedWhilePosting(intentAt: number): Promise<string> {
  const outcome = await store.intake(alert(), OPTIONS);
  const id = outcome.kind === 'new' ? outcome.investigationId : '';
  await store.claimJob(`${hostname()}/999999999/dead01`, Date.now(), 3_600_000);
  await store.saveResult(id, {
    report: checkoutBadDeploy,
    category: 'bad_deploy',
    brain: 'builtin',
    trace: {},
    finishedAt: T0,
  });
  expect(await store.markBriefIntent(id, intentAt)).toBeUndefined();
  return id;
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

  test('the intent to post is recorded before the brief is posted', async () => {
    const { notifier, channel, lookups } = channelNotifier();
    const w = worker(async (row) => fakeInvestigation(row), notifier);
    const outcome = await store.intake(alert(), OPTIONS);
    const id = outcome.kind === 'new' ? outcome.investigationId : '';
    await w.start();
    await until(async () => (await store.getInvestigation(id))?.firstBriefAt !== undefined);
    expect(channel).toEqual([{ id, ts: '1.0001', possibleRepeat: false, intentAt: expect.any(Number) }]);
    expect(lookups).toEqual([]); // a first attempt has nothing to look for
    expect((await store.getInvestigation(id))?.thread).toEqual({ channel: 'C1', ts: '1.0001' });
  });

  test('resumed after a crash: a brief already in the channel is recorded, not posted again', async () => {
    const { notifier, channel, lookups } = channelNotifier();
    const id = await crashedWhilePosting(T0 + 5);
    channel.push({ id, ts: '9.0009', possibleRepeat: false, intentAt: T0 + 5 }); // Slack took it
    const lines: string[] = [];
    const w = worker(async (row) => fakeInvestigation(row), notifier, { log: (l) => lines.push(l) });
    await w.start();
    await until(async () => (await store.getInvestigation(id))?.firstBriefAt !== undefined);
    expect(lookups).toEqual([{ id, since: T0 + 5 }]);
    expect(channel).toHaveLength(1);
    expect((await store.getInvestigation(id))?.thread).toEqual({ channel: 'C1', ts: '9.0009' });
    expect(lines.join('\n')).toContain('already posted (ts 9.0009); not posting it again');
  });

  test('resumed after a crash: a brief that never reached the channel is posted once, unmarked', async () => {
    const { notifier, channel, lookups } = channelNotifier();
    const id = await crashedWhilePosting(T0 + 5);
    const w = worker(async (row) => fakeInvestigation(row), notifier);
    await w.start();
    await until(async () => (await store.getInvestigation(id))?.firstBriefAt !== undefined);
    expect(lookups).toEqual([{ id, since: T0 + 5 }]);
    expect(channel.map((m) => [m.ts, m.possibleRepeat])).toEqual([['1.0001', false]]);
    expect((await store.getInvestigation(id))?.thread).toEqual({ channel: 'C1', ts: '1.0001' });
  });

  test.each([
    { name: 'cannot look (webhook, stdout)', lookup: 'none' as const, lookups: 0 },
    { name: 'may not look (missing history scope)', lookup: 'missing-scope' as const, lookups: 1 },
  ])(
    'resumed after a crash, the notifier $name: posted once, marked as a possible repeat',
    async ({ lookup, lookups: expectedLookups }) => {
      const { notifier, channel, lookups } = channelNotifier(lookup);
      const id = await crashedWhilePosting(T0 + 5);
      const lines: string[] = [];
      const w = worker(async (row) => fakeInvestigation(row), notifier, { log: (l) => lines.push(l) });
      await w.start();
      await until(async () => (await store.getInvestigation(id))?.firstBriefAt !== undefined);
      expect(lookups).toHaveLength(expectedLookups);
      expect(channel.map((m) => [m.id, m.possibleRepeat])).toEqual([[id, true]]);
      if (lookup === 'missing-scope') expect(lines.join('\n')).toContain('add channels:history');
    },
  );

  test('a lookup that keeps failing is retried, and the last attempt posts marked as a possible repeat', async () => {
    const { notifier, channel, lookups } = channelNotifier('unreachable');
    const id = await crashedWhilePosting(T0 + 5);
    const w = worker(async (row) => fakeInvestigation(row), notifier);
    await w.start();
    await until(async () => (await store.getInvestigation(id))?.firstBriefAt !== undefined);
    // The dead process's claim was attempt 1; attempt 2 fails its lookup, attempt 3 is the last.
    expect(lookups).toHaveLength(2);
    expect(channel.map((m) => m.possibleRepeat)).toEqual([true]);
  });

  test('a post that failed is retried after looking: posted once', async () => {
    const { notifier, channel, lookups } = channelNotifier();
    let failures = 0;
    const flaky: Notifier = {
      ...notifier,
      postBrief: async (m, signal) => {
        if (failures++ === 0) throw new Error('Slack did not answer chat.postMessage in time');
        return notifier.postBrief(m, signal);
      },
    };
    const outcome = await store.intake(alert(), OPTIONS);
    const id = outcome.kind === 'new' ? outcome.investigationId : '';
    const w = worker(async (row) => fakeInvestigation(row), flaky);
    await w.start();
    await until(async () => (await store.getInvestigation(id))?.firstBriefAt !== undefined);
    expect(lookups).toHaveLength(1);
    expect(channel.map((m) => [m.id, m.possibleRepeat])).toEqual([[id, false]]);
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

describe('what the worker posts', () => {
  test('the brief links to the report page a person can open, not the JSON API', async () => {
    const urls: (string | undefined)[] = [];
    const { notifier } = recordingNotifier();
    const w = worker(
      async (row) => fakeInvestigation(row),
      {
        ...notifier,
        postBrief: async (m) => {
          urls.push(m.url);
          return notifier.postBrief(m);
        },
      },
      { publicUrl: 'https://nightshift.example.com/' },
    );
    const outcome = await store.intake(alert(), OPTIONS);
    const id = outcome.kind === 'new' ? outcome.investigationId : '';
    await w.start();
    await until(async () => urls.length === 1);
    expect(urls).toEqual([`https://nightshift.example.com/investigations/${id}`]);
  });

  test('a failure quoting a credential is redacted in the store, the log and the channel', async () => {
    const password = ['hunter', '2', 'x9Qz'].join('');
    const { notifier } = recordingNotifier();
    const texts: string[] = [];
    const log: string[] = [];
    const w = worker(
      async () => {
        throw new Error(
          `connect ECONNREFUSED https://grafana:${password}@loki.internal/loki/api/v1/query_range`,
        );
      },
      { ...notifier, postFollowUp: async (_t, f) => void texts.push(f.text) },
      { maxAttempts: 1, log: (line) => log.push(line) },
    );
    const outcome = await store.intake(alert(), OPTIONS);
    const id = outcome.kind === 'new' ? outcome.investigationId : '';
    await w.start();
    await until(async () => (await store.getInvestigation(id))?.status === 'failed' && texts.length === 1);
    const row = await store.getInvestigation(id);
    const dead = await store.deadJobs();
    const everything = JSON.stringify([row, dead, texts, log]);
    expect(everything).toContain('[REDACTED:url_password]');
    expect(everything).not.toContain(password);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeOutcome, InvestigationQuery, Store } from '../../src/store/types.js';
import { backtestLeasesContract } from './contract-backtest-leases.js';
import { backtestsContract } from './contract-backtests.js';
import { evalRunsContract } from './contract-eval-runs.js';
import { evidenceContract } from './contract-evidence.js';
import { alert, OPTIONS, type Step, sequences, summary, T0 } from './contract-fixtures.js';
import { replayContract } from './contract-replay.js';

/**
 * The one behaviour suite every Store implementation must pass. Each test gets a fresh, migrated
 * store from `open`.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  replayContract(name, open);
  evalRunsContract(name, open);
  evidenceContract(name, open);
  backtestsContract(name, open);
  backtestLeasesContract(name, open);
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    async function intakeAll(steps: Step[]): Promise<IntakeOutcome[]> {
      const outcomes: IntakeOutcome[] = [];
      for (const [fingerprint, atMs, status = 'firing', groupKey = 'checkout'] of steps) {
        outcomes.push(
          await store.intake(alert({ fingerprint, status, groupKey, receivedAt: T0 + atMs }), OPTIONS),
        );
      }
      return outcomes;
    }

    /** Opens every pooled connection first, so that the burst that follows really overlaps. */
    async function warmUp(): Promise<void> {
      await Promise.all(Array.from({ length: 20 }, () => store.pendingJobs()));
    }

    async function newInvestigation(): Promise<string> {
      const outcome = await store.intake(alert(), OPTIONS);
      if (outcome.kind !== 'new') throw new Error(`expected a new investigation, got ${outcome.kind}`);
      return outcome.investigationId;
    }

    it('migrates twice without harm', async () => {
      await store.migrate();
      expect(await store.listInvestigations({ limit: 10 })).toEqual([]);
    });

    it.each(sequences)('intake: $name', async ({ steps, outcomes, jobs, investigations }) => {
      expect((await intakeAll(steps)).map(summary)).toEqual(outcomes);
      expect((await store.pendingJobs()).map((j) => j.kind).sort()).toEqual(jobs);
      expect(await store.listInvestigations({ limit: 100 })).toHaveLength(investigations);
    });

    it('intake: a new alert creates a queued investigation, its alert and one investigate job', async () => {
      const outcome = await store.intake(alert(), OPTIONS);
      expect(outcome).toEqual({
        kind: 'new',
        alertId: expect.any(String),
        investigationId: expect.any(String),
      });
      if (outcome.kind !== 'new') return;
      const { alertId, investigationId } = outcome;
      expect(await store.getInvestigation(investigationId)).toEqual({
        id: investigationId,
        status: 'queued',
        groupKey: 'checkout',
        title: 'HighErrorRate on checkout',
        service: 'checkout',
        severity: 'critical',
        createdAt: T0,
        attempts: 0,
      });
      expect(await store.alertsOf(investigationId)).toEqual([
        { ...alert(), id: alertId, investigationId, lastSeenAt: T0, deliveries: 1 },
      ]);
      expect(await store.pendingJobs()).toEqual([
        {
          id: expect.any(String),
          kind: 'investigate',
          investigationId,
          attempts: 0,
          maxAttempts: 3,
          runAt: T0,
        },
      ]);
    });

    it('intake: a duplicate counts the delivery and its time', async () => {
      const [first, second] = await intakeAll([
        ['a', 0],
        ['a', 7_000],
      ]);
      expect(second).toEqual({ ...first, kind: 'duplicate' });
      const [stored] = await store.alertsOf(first?.kind === 'new' ? first.investigationId : '');
      expect(stored).toMatchObject({ receivedAt: T0, lastSeenAt: T0 + 7_000, deliveries: 2 });
    });

    it('intake: a resolve marks the alert and, when it was the last, the investigation', async () => {
      const investigationId = await newInvestigation();
      await store.intake(alert({ status: 'resolved', endsAt: T0 + 4_000, receivedAt: T0 + 5_000 }), OPTIONS);
      const [stored] = await store.alertsOf(investigationId);
      expect(stored).toMatchObject({ status: 'resolved', resolvedAt: T0 + 5_000, endsAt: T0 + 4_000 });
      expect(await store.getInvestigation(investigationId)).toMatchObject({ resolvedAt: T0 + 5_000 });
      const resolveJobs = (await store.pendingJobs()).filter((j) => j.kind === 'resolve');
      expect(resolveJobs).toEqual([expect.objectContaining({ investigationId, runAt: T0 + 5_000 })]);
    });

    it('intake: an ignored resolve says why', async () => {
      const unknown = await store.intake(alert({ status: 'resolved' }), OPTIONS);
      expect(unknown).toEqual({ kind: 'ignored', reason: expect.stringContaining('unknown') });
      await intakeAll([
        ['again', 0],
        ['again', 1, 'resolved'],
      ]);
      const twice = await store.intake(alert({ fingerprint: 'again', status: 'resolved' }), OPTIONS);
      expect(twice).toEqual({ kind: 'ignored', reason: expect.stringContaining('already resolved') });
    });

    it('intake: 50 concurrent deliveries of one alert make one investigation and one job', async () => {
      await warmUp();
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => store.intake(alert(), OPTIONS)));
      const kinds = outcomes.map((o) => o.kind);
      expect(kinds.filter((k) => k === 'new')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'duplicate')).toHaveLength(49);
      expect(await store.pendingJobs()).toHaveLength(1);
      const [investigation] = await store.listInvestigations({ limit: 10 });
      expect((await store.alertsOf(investigation?.id ?? '')).map((a) => a.deliveries)).toEqual([50]);
    });

    it('intake: 50 concurrent alerts of one group make one investigation', async () => {
      await warmUp();
      const deliveries = Array.from({ length: 50 }, (_, i) => alert({ fingerprint: `fp-${i}` }));
      const outcomes = await Promise.all(deliveries.map((a) => store.intake(a, OPTIONS)));
      expect(outcomes.filter((o) => o.kind === 'new')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'grouped')).toHaveLength(49);
      const investigations = await store.listInvestigations({ limit: 10 });
      expect(investigations).toHaveLength(1);
      expect(await store.alertsOf(investigations[0]?.id ?? '')).toHaveLength(50);
      expect(await store.pendingJobs()).toHaveLength(1);
    });

    async function queueJobs(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        await store.intake(
          alert({ fingerprint: `job-${i}`, groupKey: `g-${i}`, receivedAt: T0 + i }),
          OPTIONS,
        );
      }
    }

    it('jobs: claim takes the oldest due job, leases it and counts the attempt', async () => {
      expect(await store.claimJob('w1', T0, 30_000)).toBeUndefined();
      await queueJobs(2);
      const [oldest] = await store.pendingJobs();
      expect(await store.claimJob('w1', T0 - 1, 30_000)).toBeUndefined();
      const claimed = await store.claimJob('w1', T0 + 10, 30_000);
      expect(claimed).toEqual({ ...oldest, attempts: 1, leaseOwner: 'w1', leaseUntil: T0 + 30_010 });
      expect(await store.leaseOwners()).toEqual(['w1']);
    });

    it('jobs: a leased job is claimed again only after its lease expires', async () => {
      await queueJobs(1);
      const first = await store.claimJob('w1', T0, 1_000);
      expect(await store.claimJob('w2', T0 + 1_000, 1_000)).toBeUndefined();
      const again = await store.claimJob('w2', T0 + 1_001, 1_000);
      expect(again).toMatchObject({ id: first?.id, attempts: 2, leaseOwner: 'w2' });
    });

    it('jobs: a lease that expires on the last attempt makes the job dead', async () => {
      await queueJobs(1);
      for (let attempt = 0; attempt < OPTIONS.maxAttempts; attempt++) {
        expect(await store.claimJob('w', T0 + attempt * 10, 5)).toBeDefined();
      }
      expect(await store.claimJob('w', T0 + 1_000, 5)).toBeUndefined();
      expect(await store.pendingJobs()).toEqual([]);
      expect(await store.deadJobs()).toEqual([
        expect.objectContaining({ attempts: 3, lastError: 'lease expired on the last attempt' }),
      ]);
    });

    it('jobs: 20 concurrent claimers over 5 jobs take each job once', async () => {
      await queueJobs(5);
      await warmUp();
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.claimJob(`w${i}`, T0 + 100, 30_000)),
      );
      const ids = claims.flatMap((c) => (c === undefined ? [] : [c.id]));
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
    });

    it('jobs: only the owner renews, completes or fails a lease', async () => {
      await queueJobs(1);
      const job = await store.claimJob('w1', T0, 1_000);
      const id = job?.id ?? '';
      expect(await store.renewLease(id, 'w2', T0 + 5_000)).toBe(false);
      expect(await store.renewLease(id, 'w1', T0 + 5_000)).toBe(true);
      expect(await store.claimJob('w2', T0 + 4_000, 1_000)).toBeUndefined();
      await store.completeJob(id, 'w2');
      await store.failJob(id, 'w2', 'not mine', undefined);
      expect(await store.pendingJobs()).toEqual([expect.objectContaining({ id, leaseOwner: 'w1' })]);
      await store.completeJob(id, 'w1');
      expect(await store.pendingJobs()).toEqual([]);
      expect(await store.claimJob('w1', T0 + 60_000, 1_000)).toBeUndefined();
      expect(await store.renewLease(id, 'w1', T0 + 9_000)).toBe(false);
    });

    it('jobs: a failed job with a retry time runs again then, keeping its error', async () => {
      await queueJobs(1);
      const job = await store.claimJob('w1', T0, 1_000);
      await store.failJob(job?.id ?? '', 'w1', 'timeout', T0 + 10_000);
      expect(await store.pendingJobs()).toEqual([
        {
          ...job,
          attempts: 1,
          runAt: T0 + 10_000,
          lastError: 'timeout',
          leaseOwner: undefined,
          leaseUntil: undefined,
        },
      ]);
      expect(await store.claimJob('w1', T0 + 9_999, 1_000)).toBeUndefined();
      expect(await store.claimJob('w1', T0 + 10_000, 1_000)).toMatchObject({ id: job?.id, attempts: 2 });
    });

    it('jobs: a failed job without a retry time is dead and kept', async () => {
      await queueJobs(1);
      const job = await store.claimJob('w1', T0, 1_000);
      await store.failJob(job?.id ?? '', 'w1', 'bad config', undefined);
      expect(await store.pendingJobs()).toEqual([]);
      expect(await store.deadJobs()).toEqual([
        { ...job, lastError: 'bad config', leaseOwner: undefined, leaseUntil: undefined },
      ]);
      expect(await store.claimJob('w1', T0 + 60_000, 1_000)).toBeUndefined();
    });

    it('jobs: releasing dead owners makes their jobs claimable now', async () => {
      await queueJobs(3);
      await store.claimJob('dead-1', T0 + 10, 60_000);
      await store.claimJob('dead-2', T0 + 10, 60_000);
      const alive = await store.claimJob('alive', T0 + 10, 60_000);
      expect(await store.leaseOwners()).toEqual(['alive', 'dead-1', 'dead-2']);
      expect(await store.releaseLeases([], T0 + 20)).toBe(0);
      expect(await store.releaseLeases(['dead-1', 'dead-2', 'gone'], T0 + 20)).toBe(2);
      expect(await store.leaseOwners()).toEqual(['alive']);
      const reclaimed = [
        await store.claimJob('w', T0 + 20, 1_000),
        await store.claimJob('w', T0 + 20, 1_000),
      ];
      expect(reclaimed.map((j) => j?.attempts)).toEqual([2, 2]);
      expect(reclaimed.map((j) => j?.id)).not.toContain(alive?.id);
      expect(await store.claimJob('w', T0 + 20, 1_000)).toBeUndefined();
    });

    it('investigations: running, result and trace', async () => {
      const id = await newInvestigation();
      await store.markRunning(id, T0 + 100);
      expect(await store.getInvestigation(id)).toMatchObject({
        status: 'running',
        startedAt: T0 + 100,
        attempts: 1,
      });
      const report = { summary: 'bad deploy', confidence: 0.8, actions: ['roll back'] };
      const trace = { spans: [{ name: 'collect', ms: 12 }] };
      await store.saveResult(id, {
        report,
        category: 'deploy',
        brain: 'builtin',
        trace,
        finishedAt: T0 + 900,
      });
      expect(await store.getInvestigation(id)).toMatchObject({
        status: 'done',
        report,
        category: 'deploy',
        brain: 'builtin',
        finishedAt: T0 + 900,
      });
      expect(await store.getTrace(id)).toEqual(trace);
      expect(await store.getTrace('missing')).toBeUndefined();
      expect(await store.getInvestigation('missing')).toBeUndefined();
    });

    it('investigations: a failure is recorded with its error', async () => {
      const id = await newInvestigation();
      await store.markRunning(id, T0 + 100);
      await store.markFailed(id, 'prometheus unreachable', T0 + 200);
      expect(await store.getInvestigation(id)).toMatchObject({
        status: 'failed',
        error: 'prometheus unreachable',
        finishedAt: T0 + 200,
      });
      expect(await store.getTrace(id)).toBeUndefined();
    });

    it('investigations: the thread is recorded once', async () => {
      const id = await newInvestigation();
      expect(await store.markBriefed(id, { channel: 'C1', ts: '1.1' }, T0 + 50)).toBe(true);
      expect(await store.markBriefed(id, { channel: 'C2', ts: '2.2' }, T0 + 90)).toBe(false);
      expect(await store.getInvestigation(id)).toMatchObject({
        thread: { channel: 'C1', ts: '1.1' },
        firstBriefAt: T0 + 50,
      });
    });

    it('investigations: the first brief intent is kept and reported to later callers', async () => {
      const id = await newInvestigation();
      expect(await store.markBriefIntent(id, T0 + 10)).toBeUndefined();
      expect(await store.markBriefIntent(id, T0 + 20)).toBe(T0 + 10);
      expect(await store.markBriefed(id, { channel: 'C1', ts: '1.1' }, T0 + 30)).toBe(true);
      expect(await store.markBriefIntent(id, T0 + 40)).toBe(T0 + 10);
      expect(await store.getInvestigation(id)).toMatchObject({
        briefIntentAt: T0 + 10,
        firstBriefAt: T0 + 30,
      });
      await expect(store.markBriefIntent('no-such-investigation', T0)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('investigations: 10 concurrent brief intents, exactly one is first', async () => {
      const id = await newInvestigation();
      await warmUp();
      const earlier = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.markBriefIntent(id, T0 + 100 + i)),
      );
      const firsts = earlier.filter((e) => e === undefined);
      expect(firsts).toHaveLength(1);
      const kept = (await store.getInvestigation(id))?.briefIntentAt;
      expect(earlier.filter((e) => e !== undefined)).toEqual(Array(9).fill(kept));
    });

    const queries: { name: string; query: InvestigationQuery; titles: string[] }[] = [
      { name: 'newest first', query: { limit: 10 }, titles: ['d', 'c', 'b', 'a'] },
      { name: 'limit', query: { limit: 2 }, titles: ['d', 'c'] },
      { name: 'before', query: { limit: 10, before: T0 + 2 }, titles: ['b', 'a'] },
      { name: 'status', query: { limit: 10, status: 'running' }, titles: ['c', 'a'] },
      { name: 'service', query: { limit: 10, service: 'cart' }, titles: ['d', 'b'] },
      {
        name: 'all filters',
        query: { limit: 10, before: T0 + 3, status: 'running', service: 'checkout' },
        titles: ['c', 'a'],
      },
      { name: 'nothing matches', query: { limit: 10, service: 'search' }, titles: [] },
    ];

    it.each(queries)('investigations: list $name', async ({ query, titles }) => {
      const services = ['checkout', 'cart', 'checkout', 'cart'];
      for (const [i, name] of ['a', 'b', 'c', 'd'].entries()) {
        const service = services[i] ?? '';
        const outcome = await store.intake(
          alert({ fingerprint: name, groupKey: name, name, service, receivedAt: T0 + i }),
          OPTIONS,
        );
        if (outcome.kind === 'new' && i % 2 === 0) await store.markRunning(outcome.investigationId, T0 + 10);
      }
      const rows = await store.listInvestigations(query);
      expect(rows.map((r) => r.title.split(' ')[0])).toEqual(titles);
    });

    it('feedback: added, listed, filtered and validated', async () => {
      const first = await newInvestigation();
      const second = await store.intake(alert({ fingerprint: 'b', groupKey: 'other' }), OPTIONS);
      const secondId = second.kind === 'new' ? second.investigationId : '';
      const a = await store.addFeedback({ investigationId: first, grade: 'correct', by: 'ana', at: T0 + 1 });
      const b = await store.addFeedback({
        investigationId: secondId,
        grade: 'wrong',
        rootCause: 'expired certificate',
        category: 'certificate',
        at: T0 + 2,
      });
      expect(a).toEqual({
        id: expect.any(String),
        investigationId: first,
        grade: 'correct',
        by: 'ana',
        at: T0 + 1,
      });
      expect(await store.listFeedback()).toEqual([a, b]);
      expect(await store.listFeedback([secondId])).toEqual([b]);
      expect(await store.listFeedback([])).toEqual([]);
      const bad = { investigationId: first, grade: 'great' as 'correct', at: T0 };
      await expect(store.addFeedback(bad)).rejects.toMatchObject({ code: 'BAD_INPUT' });
      const orphan = { investigationId: 'missing', grade: 'wrong' as const, at: T0 };
      await expect(store.addFeedback(orphan)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await store.listFeedback()).toHaveLength(2);
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BacktestCaseRecord, BacktestRunRecord, Store } from '../../src/store/types.js';
import { T0 } from './contract-fixtures.js';

const RUN: BacktestRunRecord = { id: 'bt00000lease', suite: '/s/lab', brain: 'builtin', startedAt: T0 };
const LEASE_MS = 1_000;

function done(caseId: string, result: unknown = { by: 'a' }): BacktestCaseRecord {
  return { runId: RUN.id, caseId, finishedAt: T0 + 50, labels: {}, result };
}

/**
 * The store contract's part on backtest leases: several workers (processes, machines) share one
 * run and each case is claimed by one of them at a time. Run by storeContract for every store.
 */
export function backtestLeasesContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract, backtest leases: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
      await store.saveBacktestRun(RUN);
    });
    afterEach(async () => {
      await store.close();
    });

    it('claims each free case once, in case order, and none that is finished or leased', async () => {
      await store.planBacktestCases(RUN.id, ['c', 'a', 'b', 'd']);
      await store.saveBacktestCase(done('b'));
      const claimed = [
        await store.claimBacktestCase(RUN.id, 'w1', T0, LEASE_MS),
        await store.claimBacktestCase(RUN.id, 'w2', T0, LEASE_MS),
        await store.claimBacktestCase(RUN.id, 'w1', T0, LEASE_MS),
        await store.claimBacktestCase(RUN.id, 'w2', T0, LEASE_MS),
      ];
      expect(claimed).toEqual(['a', 'c', 'd', undefined]);
      expect(await store.backtestLeaseOwners(RUN.id)).toEqual(['w1', 'w2']);
      expect(await store.claimBacktestCase('no-such-run', 'w1', T0, LEASE_MS)).toBeUndefined();
    });

    it('gives an expired lease (a dead worker) to the next claimer, not a live one', async () => {
      await store.planBacktestCases(RUN.id, ['a']);
      expect(await store.claimBacktestCase(RUN.id, 'dead', T0, LEASE_MS)).toBe('a');
      expect(await store.claimBacktestCase(RUN.id, 'w2', T0 + LEASE_MS, LEASE_MS)).toBeUndefined();
      expect(await store.claimBacktestCase(RUN.id, 'w2', T0 + LEASE_MS + 1, LEASE_MS)).toBe('a');
      expect(await store.backtestLeaseOwners(RUN.id)).toEqual(['w2']);
    });

    it('renews only the holder of an unfinished case', async () => {
      await store.planBacktestCases(RUN.id, ['a']);
      await store.claimBacktestCase(RUN.id, 'w1', T0, LEASE_MS);
      expect(await store.renewBacktestLease(RUN.id, 'a', 'w2', T0 + 5_000)).toBe(false);
      expect(await store.renewBacktestLease(RUN.id, 'a', 'w1', T0 + 5_000)).toBe(true);
      // Renewed: still held past the first deadline.
      expect(await store.claimBacktestCase(RUN.id, 'w2', T0 + 4_000, LEASE_MS)).toBeUndefined();
      await store.saveBacktestCase(done('a'));
      expect(await store.renewBacktestLease(RUN.id, 'a', 'w1', T0 + 9_000)).toBe(false);
    });

    it('stores a case once: a worker that lost its lease to another cannot save over it', async () => {
      await store.planBacktestCases(RUN.id, ['a', 'b']);
      await store.claimBacktestCase(RUN.id, 'slow', T0, LEASE_MS);
      await store.claimBacktestCase(RUN.id, 'fast', T0 + LEASE_MS + 1, LEASE_MS);
      // The slow worker finishes first, after losing the case: dropped.
      expect(await store.saveLeasedBacktestCase(done('a', { by: 'slow' }), 'slow')).toBe(false);
      expect((await store.getBacktestRun(RUN.id))?.unfinished).toEqual(['a', 'b']);
      expect(await store.saveLeasedBacktestCase(done('a', { by: 'fast' }), 'fast')).toBe(true);
      // Finished: nobody saves it again, its owner included.
      expect(await store.saveLeasedBacktestCase(done('a', { by: 'slow' }), 'slow')).toBe(false);
      expect(await store.saveLeasedBacktestCase(done('a', { by: 'again' }), 'fast')).toBe(false);
      const got = await store.getBacktestRun(RUN.id);
      expect(got?.cases.map((c) => [c.caseId, c.result])).toEqual([['a', { by: 'fast' }]]);
      expect(got?.unfinished).toEqual(['b']);
    });

    it('lets the holder save after its lease expired when nobody took the case', async () => {
      await store.planBacktestCases(RUN.id, ['a']);
      await store.claimBacktestCase(RUN.id, 'w1', T0, LEASE_MS);
      expect(await store.saveLeasedBacktestCase(done('a'), 'w1')).toBe(true);
      expect(await store.unfinishedBacktestCases(RUN.id)).toEqual([]);
      expect(await store.claimBacktestCase(RUN.id, 'w2', T0 + 10 * LEASE_MS, LEASE_MS)).toBeUndefined();
    });

    it("saving a case clears its lease; releasing an owner's leases frees its cases at once", async () => {
      await store.planBacktestCases(RUN.id, ['a', 'b', 'c']);
      await store.claimBacktestCase(RUN.id, 'w1', T0, LEASE_MS);
      await store.claimBacktestCase(RUN.id, 'w2', T0, LEASE_MS);
      await store.claimBacktestCase(RUN.id, 'w1', T0, LEASE_MS);
      await store.saveBacktestCase(done('a'));
      expect(await store.backtestLeaseOwners(RUN.id)).toEqual(['w1', 'w2']);
      expect(await store.releaseBacktestLeases(RUN.id, ['w1', 'nobody'])).toBe(1);
      expect(await store.releaseBacktestLeases(RUN.id, [])).toBe(0);
      expect(await store.backtestLeaseOwners(RUN.id)).toEqual(['w2']);
      expect(await store.claimBacktestCase(RUN.id, 'w3', T0, LEASE_MS)).toBe('c');
    });

    it('20 concurrent claims on 5 cases lease 5 distinct cases', async () => {
      const ids = ['a', 'b', 'c', 'd', 'e'];
      await store.planBacktestCases(RUN.id, ids);
      // Opens every pooled connection first, so that the burst that follows really overlaps.
      await Promise.all(Array.from({ length: 20 }, () => store.unfinishedBacktestCases(RUN.id)));
      const claimed = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.claimBacktestCase(RUN.id, `w${i}`, T0, LEASE_MS)),
      );
      const got = claimed.filter((c) => c !== undefined);
      expect(got.sort()).toEqual(ids);
      expect(await store.backtestLeaseOwners(RUN.id)).toHaveLength(5);
    });

    it('lists the unfinished runs, oldest first', async () => {
      const later = { ...RUN, id: 'bt00000later', startedAt: T0 + 10, model: 'openai:gpt-x' };
      await store.saveBacktestRun(later);
      await store.saveBacktestRun({ ...RUN, id: 'bt0000000fin', finishedAt: T0 + 5, summary: {} });
      expect(await store.unfinishedBacktestRuns()).toEqual([RUN, later]);
      await store.saveBacktestRun({ ...RUN, finishedAt: T0 + 20, summary: { n: 0 } });
      expect(await store.unfinishedBacktestRuns()).toEqual([later]);
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BacktestCaseRecord, BacktestRunRecord, Store } from '../../src/store/types.js';
import { T0 } from './contract-fixtures.js';

const RUN: BacktestRunRecord = {
  id: 'bt0000000001',
  name: 'nightly',
  suite: '/s/lab',
  brain: 'builtin',
  startedAt: T0,
};

function done(
  caseId: string,
  finishedAt: number,
  more: Partial<BacktestCaseRecord> = {},
): BacktestCaseRecord {
  return {
    runId: RUN.id,
    caseId,
    finishedAt,
    labels: { account: 'lab', environment: 'lab' },
    result: { id: caseId, top1: true, note: 'ünïcode "quoted"' },
    ...more,
  };
}

/** The store contract's part on backtests. Run by storeContract for every implementation. */
export function backtestsContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract, backtests: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    it('plans cases, completes them one by one, and says which remain', async () => {
      await store.saveBacktestRun(RUN);
      await store.planBacktestCases(RUN.id, ['c', 'a', 'b']);
      expect(await store.unfinishedBacktestCases(RUN.id)).toEqual(['a', 'b', 'c']);
      await store.saveBacktestCase(done('b', T0 + 10));
      // Planning again (a resume) must not reset a finished case.
      await store.planBacktestCases(RUN.id, ['a', 'b', 'c']);
      expect(await store.unfinishedBacktestCases(RUN.id)).toEqual(['a', 'c']);
      expect(await store.getBacktestRun(RUN.id)).toEqual({
        run: RUN,
        cases: [done('b', T0 + 10)],
        unfinished: ['a', 'c'],
      });
    });

    it('finishes a run with its summary, and a case saved twice keeps the later result', async () => {
      await store.saveBacktestRun(RUN);
      await store.saveBacktestCase(done('a', T0 + 1));
      await store.saveBacktestCase(done('a', T0 + 2, { result: { again: true }, labels: {} }));
      const finished = { ...RUN, finishedAt: T0 + 5, summary: { top1: { right: 1, n: 1 } } };
      await store.saveBacktestRun(finished);
      const got = await store.getBacktestRun(RUN.id);
      expect(got?.run).toEqual(finished);
      expect(got?.cases).toEqual([done('a', T0 + 2, { result: { again: true }, labels: {} })]);
    });

    it("keeps a case's investigation apart: read by case, never in the run's listing", async () => {
      const investigation = { id: 'inv-1', report: { summary: 'ünïcode' }, trace: { spans: [1, 2] } };
      await store.saveBacktestRun({ ...RUN, model: 'openai:gpt-x' });
      await store.planBacktestCases(RUN.id, ['a', 'b']);
      await store.saveBacktestCase(done('a', T0 + 1, { investigation }));
      expect(await store.getBacktestCaseInvestigation(RUN.id, 'a')).toEqual(investigation);
      expect(await store.getBacktestCaseInvestigation(RUN.id, 'b')).toBeUndefined();
      expect(await store.getBacktestCaseInvestigation(RUN.id, 'nope')).toBeUndefined();
      const got = await store.getBacktestRun(RUN.id);
      expect(got?.run.model).toBe('openai:gpt-x');
      expect(got?.cases).toEqual([done('a', T0 + 1)]);
    });

    it('lists the most recent runs first with their case counts, up to the limit', async () => {
      await store.saveBacktestRun({ ...RUN, id: 'aaaa00000001', startedAt: T0 });
      await store.saveBacktestRun({ ...RUN, id: 'bbbb00000002', startedAt: T0 + 2 });
      await store.saveBacktestRun({ ...RUN, id: 'cccc00000003', startedAt: T0 + 1 });
      await store.planBacktestCases('cccc00000003', ['x', 'y', 'z']);
      await store.saveBacktestCase(done('y', T0 + 3, { runId: 'cccc00000003' }));
      const listed = await store.listBacktestRuns({ limit: 2 });
      expect(listed).toEqual([
        { ...RUN, id: 'bbbb00000002', startedAt: T0 + 2, cases: 0, finishedCases: 0 },
        { ...RUN, id: 'cccc00000003', startedAt: T0 + 1, cases: 3, finishedCases: 1 },
      ]);
    });

    it('finds a run by a unique prefix, refuses an ambiguous one, and keeps runs apart', async () => {
      await store.saveBacktestRun({ ...RUN, id: 'abcd11112222' });
      await store.saveBacktestRun({ ...RUN, id: 'abcd33334444' });
      await store.planBacktestCases('abcd33334444', ['only-here']);
      expect((await store.getBacktestRun('abcd1'))?.run.id).toBe('abcd11112222');
      expect((await store.getBacktestRun('abcd1'))?.unfinished).toEqual([]);
      await expect(store.getBacktestRun('abcd')).rejects.toThrow(/ambiguous.*abcd11112222, abcd33334444/);
      expect(await store.getBacktestRun('abc')).toBeUndefined();
      expect(await store.getBacktestRun('abcd%')).toBeUndefined();
      expect(await store.unfinishedBacktestCases('abcd11112222')).toEqual([]);
    });
  });
}

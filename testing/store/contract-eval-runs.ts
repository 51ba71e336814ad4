import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvalRunRecord, Store } from '../../src/store/types.js';
import { T0 } from './contract-fixtures.js';

function run(id: string, startedAt: number, more: Partial<EvalRunRecord> = {}): EvalRunRecord {
  return {
    id,
    startedAt,
    finishedAt: startedAt + 1_500,
    suites: ['evals/a.eval.yaml', 'src/x/b.eval.yaml'],
    cases: 3,
    passed: 2,
    failed: 1,
    errored: 0,
    xfailed: 0,
    codeVersion: 'c0de',
    result: { version: 1, id, cases: [{ name: 'ünïcode "quoted"', repeats: [{ pass: true }] }] },
    ...more,
  };
}

/** The store contract's part on eval runs. Run by storeContract for every implementation. */
export function evalRunsContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract, eval runs: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores a run and reads it back whole, by id', async () => {
      const saved = run('a1b2c3d4e5f6', T0, { model: 'openai-compatible:llama3.1' });
      await store.saveEvalRun(saved);
      expect(await store.getEvalRun('a1b2c3d4e5f6')).toEqual(saved);
      expect(await store.getEvalRun('ffffffffffff')).toBeUndefined();
    });

    it('lists the most recent runs first, without their results, up to the limit', async () => {
      await store.saveEvalRun(run('aaaa00000001', T0));
      await store.saveEvalRun(run('bbbb00000002', T0 + 2_000));
      await store.saveEvalRun(run('cccc00000003', T0 + 1_000, { failed: 0, passed: 3 }));
      const listed = await store.listEvalRuns({ limit: 2 });
      expect(listed.map((r) => r.id)).toEqual(['bbbb00000002', 'cccc00000003']);
      const { result: _, ...summary } = run('cccc00000003', T0 + 1_000, { failed: 0, passed: 3 });
      expect(listed[1]).toEqual(summary);
    });

    it('finds a run by a unique prefix of its id, and refuses an ambiguous or too short one', async () => {
      await store.saveEvalRun(run('abcd11112222', T0));
      await store.saveEvalRun(run('abcd33334444', T0 + 1));
      expect((await store.getEvalRun('abcd1'))?.id).toBe('abcd11112222');
      await expect(store.getEvalRun('abcd')).rejects.toThrow(/ambiguous.*abcd11112222, abcd33334444/);
      expect(await store.getEvalRun('abc')).toBeUndefined();
      expect(await store.getEvalRun('abcd%')).toBeUndefined();
      expect(await store.getEvalRun('ABCD1')).toBeUndefined();
    });

    it('refuses to store one id twice', async () => {
      await store.saveEvalRun(run('dup000000001', T0));
      await expect(store.saveEvalRun(run('dup000000001', T0 + 5))).rejects.toMatchObject({
        code: 'ALREADY_EXISTS',
      });
      expect(await store.listEvalRuns({ limit: 10 })).toHaveLength(1);
    });
  });
}

/**
 * The miner's eval suite (template-miner.eval.yaml) run through the eval runner, as `nightshift eval
 * run` runs it: every case passes and none is marked xfail, so a regression of the issue 14 fixes
 * (or an over-merge) turns this test red rather than waiting for someone to run the suite.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTempRoot, removeDir } from '../../../testing/lab/support.js';
import { runEvals } from '../../evals/runner/run.js';
import { createTargets } from '../../evals/targets/registry.js';

const SUITE = join(import.meta.dirname, 'template-miner.eval.yaml');
let dir: string;

beforeAll(async () => {
  dir = await makeTempRoot('template-miner-eval');
});
afterAll(async () => {
  await removeDir(dir);
});

test('every case of the miner suite passes, none as xfail', async () => {
  const result = await runEvals({
    files: [SUITE],
    targets: createTargets({ codeVersion: async () => 'test' }),
    concurrency: 1,
    labDir: join(dir, 'lab'),
    codeVersion: 'test',
  });
  const notPassed = result.cases
    .filter((c) => c.status !== 'pass')
    .map((c) => `${c.name}: ${c.status} ${JSON.stringify(c.repeats[0]?.assertions.filter((a) => !a.pass))}`);
  expect(notPassed).toEqual([]);
  expect(result.cases.length).toBeGreaterThanOrEqual(7);
});

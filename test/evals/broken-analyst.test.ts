/**
 * The built-in analyst broken on purpose turns the expected cases of its shipped suite red. The
 * break is a realistic regression: the brain stops linking the causing change to its answer. The
 * cases whose truth names a change must fail (and the run exits 100); the cases without one must
 * stay green, so the suite catches the regression without crying wolf.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exitCodeOf } from '../../src/evals/results/summary.js';
import { runEvals } from '../../src/evals/runner/run.js';
import { investigationText } from '../../src/evals/targets/investigation.js';
import { createTargets } from '../../src/evals/targets/registry.js';
import { defineTarget, type EvalTarget } from '../../src/evals/targets/target.js';
import { type Brain, brains, investigateBundle } from '../../src/investigate/index.js';
import { makeTempRoot, removeDir } from '../../testing/lab/support.js';

const SUITE = join(import.meta.dirname, '..', '..', 'evals', 'builtin-analyst.eval.yaml');
/** Two cases whose truth names a causing change, two whose truth names none. */
const WITH_CHANGE = ['bad-deploy-s41', 'bad-config-s41'];
const WITHOUT_CHANGE = ['cpu-saturation-s42', 'dependency-outage-s41'];

/** The built-in brain with its change linkage removed from the answer. */
const forgetsChanges: Brain = {
  name: 'builtin',
  async investigate(input) {
    const output = await brains.builtin.investigate(input);
    const { changeId: _dropped, ...rootCause } = output.report.rootCause;
    return { ...output, report: { ...output.report, rootCause } };
  },
};

function investigationWith(brain: Brain): EvalTarget {
  const shipped = createTargets({ codeVersion: async () => 'test' }).investigation;
  return defineTarget({
    ...shipped,
    async run(_config, testCase) {
      if (testCase.source.kind !== 'bundle') throw new Error('this test runs lab cases only');
      const investigation = await investigateBundle(testCase.source.dir, { brain });
      return { investigation, text: investigationText(investigation), json: investigation.report };
    },
  });
}

let labDir: string;
beforeAll(async () => {
  labDir = await makeTempRoot('broken-analyst');
});
afterAll(async () => {
  await removeDir(labDir);
});

const run = (investigation: EvalTarget) =>
  runEvals({
    files: [SUITE],
    targets: { ...createTargets({ codeVersion: async () => 'test' }), investigation },
    cases: [...WITH_CHANGE, ...WITHOUT_CHANGE],
    concurrency: 2,
    labDir,
    codeVersion: 'test',
  });

test('the shipped analyst passes these cases; without change linkage exactly the change cases fail, exit 100', async () => {
  const intact = await run(investigationWith(brains.builtin));
  expect(intact.cases.map((c) => [c.name, c.status])).toEqual(
    [...WITH_CHANGE, ...WITHOUT_CHANGE].map((name) => [name, 'pass']),
  );
  expect(exitCodeOf(intact.summary)).toBe(0);

  const broken = await run(investigationWith(forgetsChanges));
  const status = Object.fromEntries(broken.cases.map((c) => [c.name, c.status]));
  for (const name of WITH_CHANGE) expect(status[name], name).toBe('fail');
  for (const name of WITHOUT_CHANGE) expect(status[name], name).toBe('pass');
  const reasons = broken.cases
    .filter((c) => c.status === 'fail')
    .flatMap((c) => c.repeats[0]?.assertions.filter((a) => !a.pass).map((a) => a.type) ?? []);
  expect(new Set(reasons)).toEqual(new Set(['causing-change']));
  expect(exitCodeOf(broken.summary)).toBe(100);
}, 240_000);

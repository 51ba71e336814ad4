/**
 * The shipped investigator suite, run through the eval runner on its recorded interactions: it
 * passes with the prompt as it ships, and a prompt changed on purpose (injected, the file untouched)
 * misses every replay, so the brain falls back to the built-in answer and every case turns red.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exitCodeOf } from '../../src/evals/results/summary.js';
import { runEvals } from '../../src/evals/runner/run.js';
import { runRecordedInvestigation } from '../../src/evals/targets/investigation-recorded.js';
import { targets } from '../../src/evals/targets/registry.js';
import { defineTarget, type EvalTarget } from '../../src/evals/targets/target.js';
import { INVESTIGATOR_PROMPT, type PromptText } from '../../src/investigate/brains/llm/index.js';
import { makeTempRoot, removeDir } from '../../testing/lab/support.js';

const SUITE = join(
  import.meta.dirname,
  '..',
  '..',
  'src',
  'investigate',
  'brains',
  'llm',
  'investigator.eval.yaml',
);
let labDir: string;

beforeAll(async () => {
  labDir = await makeTempRoot('investigator-suite');
});
afterAll(async () => {
  await removeDir(labDir);
});

/** The registry's investigation target, with the investigator prompt replaced for recorded cases. */
function withPrompt(prompt: PromptText): EvalTarget {
  const shipped = targets.investigation;
  return defineTarget({
    ...shipped,
    run: (config, testCase, env) =>
      testCase.source.kind === 'recording'
        ? runRecordedInvestigation(testCase.source.recording, { signal: env.signal, prompt })
        : shipped.run(config, testCase, env),
  });
}

const run = (investigation: EvalTarget) =>
  runEvals({
    files: [SUITE],
    targets: { ...targets, investigation },
    concurrency: 2,
    labDir,
    codeVersion: 'test',
  });

test('as shipped: every recorded case passes offline, and there are at least 12 of different faults', async () => {
  const result = await run(targets.investigation);
  expect(result.cases.length).toBeGreaterThanOrEqual(12);
  expect(
    new Set(result.cases.map((c) => c.tags.find((t) => t !== 'investigator' && t !== 'recorded'))).size,
  ).toBe(result.cases.length);
  const failed = result.cases.filter((c) => c.status !== 'pass' && c.status !== 'xfail');
  expect(
    failed.map((c) => `${c.name}: ${JSON.stringify(c.repeats[0]?.assertions.filter((a) => !a.pass))}`),
  ).toEqual([]);
  // The recorded brain really answered: its notes carry no fallback.
  expect(result.summary.failed).toBe(0);
}, 120_000);

test.each([
  {
    name: 'one sentence added to the system prompt',
    prompt: { ...INVESTIGATOR_PROMPT, system: `${INVESTIGATOR_PROMPT.system}\nBe brief.` },
  },
  {
    name: 'the user template reworded',
    prompt: {
      ...INVESTIGATOR_PROMPT,
      template: INVESTIGATOR_PROMPT.template.replace('then answer', 'then reply'),
    },
  },
])(
  'a changed prompt ($name) turns every case red, saying the LLM brain failed',
  async ({ prompt }) => {
    const result = await run(withPrompt(prompt));
    expect(result.cases.length).toBeGreaterThanOrEqual(12);
    expect(result.cases.map((c) => c.status)).toEqual(result.cases.map(() => 'fail'));
    expect(exitCodeOf(result.summary)).toBe(100);
    for (const c of result.cases) {
      const failedTypes = c.repeats[0]?.assertions.filter((a) => !a.pass).map((a) => a.type);
      expect(failedTypes, c.name).toContain('not-icontains');
    }
  },
  120_000,
);

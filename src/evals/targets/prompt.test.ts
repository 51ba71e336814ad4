import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTempRoot, removeDir } from '../../../testing/lab/support.js';
import { scriptedModel } from '../../../testing/llm/scripted-model.js';
import { NightshiftError } from '../../core/index.js';
import { INVESTIGATOR_PROMPT, promptHash, renderTemplate } from '../../investigate/brains/llm/index.js';
import { runEvals } from '../runner/run.js';
import { promptTarget } from './prompt.js';
import { targets } from './registry.js';
import type { TargetCase } from './target.js';

const signal = new AbortController().signal;
const testCase = (vars: Record<string, unknown>): TargetCase => ({
  suiteFile: 'grader.eval.yaml',
  name: 'case-1',
  vars,
  source: { kind: 'none' },
  repeatIndex: 0,
});
const env = (text: string) => {
  const model = scriptedModel([{ text }], 'judge');
  return { model, env: { signal, model: { id: 'judge', model, provider: 'scripted' } } };
};
const graderVars = { rubric: 'Names `cart`.', output: 'cart is down', input: { alert: 'x' } };

test('renders the registered prompt with the vars, calls the model once, and returns its text and JSON', async () => {
  const { model, env: e } = env('{"reason":"names cart","score":4}');
  const config = promptTarget.config.parse({ prompt: 'llm-rubric', schema: true });
  const out = await promptTarget.run(config, testCase(graderVars), e);
  expect(out.text).toBe('{"reason":"names cart","score":4}');
  expect(out.json).toEqual({ reason: 'names cart', score: 4 });
  expect(out.latencyMs).toBeGreaterThanOrEqual(0);
  expect(model.doGenerateCalls).toHaveLength(1);
  const prompt = JSON.stringify(model.doGenerateCalls[0]?.prompt);
  expect(prompt).toContain('Rubric:\\nNames `cart`.');
  expect(prompt).toContain('Case input:\\n{\\"alert\\":\\"x\\"}');
  expect(model.doGenerateCalls[0]?.responseFormat).toMatchObject({ type: 'json' });
});

test('free text stays text: no JSON when it does not parse, no response schema asked', async () => {
  const { model, env: e } = env('It names cart, so 4.');
  const out = await promptTarget.run(
    promptTarget.config.parse({ prompt: 'llm-rubric' }),
    testCase(graderVars),
    e,
  );
  expect(out).toMatchObject({ text: 'It names cart, so 4.' });
  expect(out.json).toBeUndefined();
  expect(model.doGenerateCalls[0]?.responseFormat).toBeUndefined();
});

test('a var the template uses but the case lacks is BAD_INPUT naming it, before any model call', async () => {
  const { model, env: e } = env('{}');
  const error = await promptTarget
    .run(promptTarget.config.parse({ prompt: 'investigator' }), testCase({ alert: 'a', window: 'w' }), e)
    .catch((x: unknown) => x);
  expect(error).toBeInstanceOf(NightshiftError);
  expect((error as Error).message).toBe(
    'grader.eval.yaml: case "case-1": prompt "investigator" uses {{services}}, {{draft}} but the case gives no such var',
  );
  expect(model.doGenerateCalls).toHaveLength(0);
});

test('an unknown prompt name is refused with the closest name; no model and no recording is BAD_INPUT', async () => {
  const parsed = promptTarget.config.safeParse({ prompt: 'investigatr' });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0]?.message).toContain(
    'unknown prompt "investigatr"; did you mean "investigator"?',
  );
  const error = await promptTarget
    .run(promptTarget.config.parse({ prompt: 'llm-rubric' }), testCase(graderVars), { signal })
    .catch((x: unknown) => x);
  expect((error as NightshiftError).code).toBe('BAD_INPUT');
  expect((error as NightshiftError).message).toContain(
    'the prompt target needs a model, and this run has none',
  );
});

test('the identity names the prompt, the hash of its text and the model; a changed text changes the hash', async () => {
  const identity = await promptTarget.identity(
    promptTarget.config.parse({ prompt: 'investigator' }),
    env('').env,
  );
  expect(identity).toEqual({
    prompt: 'investigator',
    promptHash: promptHash(INVESTIGATOR_PROMPT),
    schema: 'false',
    model: 'judge',
  });
  expect(promptHash({ ...INVESTIGATOR_PROMPT, system: `${INVESTIGATOR_PROMPT.system}.` })).not.toBe(
    identity.promptHash,
  );
  expect(renderTemplate('a {{ x }} b {{y}}', { x: 1, y: 'two' })).toBe('a 1 b two');
});

let labDir: string;
beforeAll(async () => {
  labDir = await makeTempRoot('prompt-target');
});
afterAll(async () => {
  await removeDir(labDir);
});

test('the grader prompt suite passes offline on its recording', async () => {
  const result = await runEvals({
    files: [join(import.meta.dirname, '..', 'assertions', 'llm-rubric.eval.yaml')],
    targets,
    concurrency: 2,
    labDir,
    codeVersion: 'test',
  });
  expect(result.cases.map((c) => [c.name, c.status])).toEqual([
    ['names-cause-change-and-rollback', 'pass'],
    ['blames-the-caller', 'pass'],
    ['right-service-no-change', 'pass'],
  ]);
});

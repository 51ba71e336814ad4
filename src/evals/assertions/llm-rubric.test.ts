import { afterEach, expect, test } from 'vitest';
import { scriptedModel } from '../../../testing/llm/scripted-model.js';
import { type StandInServer, startStandInServer } from '../../../testing/llm/stand-in-server.js';
import { languageModel } from '../../llm/index.js';
import type { EvalOutput } from '../output.js';
import type { EvalModel } from '../targets/target.js';
import { applyAssertion, parseAssertionEntry } from './apply.js';
import { loadRubricPrompt } from './llm-rubric.js';

const where = { file: 'suite.eval.yaml', field: 'cases.0.assert.0' };
const output: EvalOutput = { text: 'The root cause is a bad deploy of checkout v2.3; roll it back.' };
const grader = (steps: Parameters<typeof scriptedModel>[0]) => {
  const model = scriptedModel(steps, 'grader-model');
  return { model, eval: { id: 'grader-model', model, provider: 'scripted' } satisfies EvalModel };
};
const grade = (entry: unknown, evalModel: EvalModel | undefined, out: EvalOutput = output) =>
  applyAssertion(parseAssertionEntry(entry, where), out, {
    vars: { service: 'checkout' },
    ...(evalModel ? { grader: evalModel } : {}),
  });

test.each([
  { score: 4, pass: true, expected: 1 },
  { score: 3, pass: true, expected: 2 / 3 },
  { score: 2, pass: false, expected: 1 / 3 },
  { score: 1, pass: false, expected: 0 },
])(
  'a grade of $score/4 passes=$pass with score (s-1)/3, keeping the reason',
  async ({ score, pass, expected }) => {
    const { eval: model } = grader([{ text: JSON.stringify({ reason: 'names the deploy', score }) }]);
    const outcome = await grade({ type: 'llm-rubric', value: 'Names the bad deploy and a rollback.' }, model);
    expect(outcome.pass).toBe(pass);
    expect(outcome.score).toBeCloseTo(expected);
    expect(outcome.reason).toBe(`grader-model scored ${score}/4 (pass at 3): names the deploy`);
  },
);

test('the grader reads the rubric, the output and the case vars through the prompt file, asking for the schema', async () => {
  const { model, eval: evalModel } = grader([{ text: '{"reason":"ok","score":4}' }]);
  await grade({ type: 'llm-rubric', value: { rubric: 'Mentions a rollback.', passAt: 4 } }, evalModel);
  const call = model.doGenerateCalls[0];
  const prompt = JSON.stringify(call?.prompt);
  expect(prompt).toContain('You grade the output of an automated system');
  expect(prompt).toContain('Rubric:\\nMentions a rollback.');
  expect(prompt).toContain('Output to grade:\\nThe root cause is a bad deploy');
  expect(prompt).toContain('\\"service\\":\\"checkout\\"');
  expect(call?.responseFormat).toMatchObject({ type: 'json', schema: { required: ['reason', 'score'] } });
});

test('passAt moves the bar', async () => {
  const { eval: model } = grader([{ text: '{"reason":"fine","score":3}' }]);
  const outcome = await grade({ type: 'llm-rubric', value: { rubric: 'x', passAt: 4 } }, model);
  expect(outcome).toMatchObject({ pass: false, reason: 'grader-model scored 3/4 (pass at 4): fine' });
});

test('no grader configured: a failed entry that says what to do, even under not-', async () => {
  for (const type of ['llm-rubric', 'not-llm-rubric']) {
    const outcome = await grade({ type, value: 'Names the bad deploy.' }, undefined);
    expect(outcome).toMatchObject({
      pass: false,
      score: 0,
      error: 'llm-rubric needs a grader model, and this run has none',
    });
    expect(outcome.reason).toContain('pass --grader <provider:model> (or --model)');
  }
});

test('a grader that fails or answers outside the schema is an error for this entry, not a crash', async () => {
  const failing = grader([{ error: new Error('503 Service Unavailable') }]);
  expect(await grade({ type: 'llm-rubric', value: 'x' }, failing.eval)).toMatchObject({
    pass: false,
    error: 'the grader grader-model failed: 503 Service Unavailable',
  });
  const rambling = grader([{ text: 'I would give it a 3' }]);
  const outcome = await grade({ type: 'not-llm-rubric', value: 'x' }, rambling.eval);
  expect(outcome.pass).toBe(false);
  expect(outcome.error).toContain('the grader grader-model failed');
});

test('the prompt file has a system and a user section, with the three variables', async () => {
  const prompt = await loadRubricPrompt();
  expect(prompt.system).toMatch(/^You grade the output/);
  expect(prompt.template).toContain('{{rubric}}');
  expect(prompt.template).toContain('{{output}}');
  expect(prompt.template).toContain('{{input}}');
  expect(prompt.system).not.toContain('## user');
});

let server: StandInServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test('graded over a local OpenAI-compatible server: structured output over real HTTP', async () => {
  server = await startStandInServer([
    { content: '{"reason":"names the deploy and the rollback","score":4}' },
  ]);
  const config = {
    provider: 'openai-compatible' as const,
    fastModel: 'llama3.1',
    strongModel: 'llama3.1',
    baseUrl: server.url,
    apiKey: undefined,
    timeoutMs: 10_000,
    maxSteps: 5,
  };
  const { model, id } = languageModel(config, 'strong');
  const outcome = await grade(
    { type: 'llm-rubric', value: 'Names the bad deploy.' },
    { id, model, provider: 'openai-compatible' },
  );
  expect(outcome).toMatchObject({
    pass: true,
    score: 1,
    reason: 'llama3.1 scored 4/4 (pass at 3): names the deploy and the rollback',
  });
  const request = server.requests[0] as {
    messages: { role: string; content: string }[];
    response_format?: unknown;
  };
  expect(request.messages[0]?.role).toBe('system');
  expect(request.messages[1]?.content).toContain('Names the bad deploy.');
  expect(request.response_format).toMatchObject({ type: 'json_schema' });
});

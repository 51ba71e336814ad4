/**
 * Records the grader responses of src/evals/assertions/llm-rubric.eval.yaml: every case of the suite
 * is run through the `prompt` target with a recording model, and the calls are written to
 * llm-rubric.recordings/grader.json (one file: the replay model finds each case's call by its key).
 * The suite is the source of the cases, so add a case there and run this again.
 *
 *   npx tsx testing/llm/record-rubric-evals.ts                      # the scripted policy model
 *   npx tsx testing/llm/record-rubric-evals.ts --model openai:gpt-4.1   # a real grader
 *
 * A recording must carry an incident (the format is the investigation's); the grader cases are about
 * the bad-deploy lab incident, so its recording's alert, context and draft are reused.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { parse } from 'yaml';
import { recordingModel } from '../../src/evals/recording/recording-model.js';
import { type Recording, recordingSchema } from '../../src/evals/recording/schema.js';
import { resolveEvalModel } from '../../src/evals/runner/model.js';
import { suiteSchema } from '../../src/evals/suite/schema.js';
import { promptTarget } from '../../src/evals/targets/prompt.js';
import { policyModel } from './policy-model.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const SUITE = join(SRC, 'evals', 'assertions', 'llm-rubric.eval.yaml');
const OUT = join(SRC, 'evals', 'assertions', 'llm-rubric.recordings', 'grader.json');
const INCIDENT = join(SRC, 'investigate', 'brains', 'llm', 'investigator.recordings', 'bad-deploy-1.json');

const { values } = parseArgs({ options: { model: { type: 'string' } } });

async function graderModel(): Promise<{ model: LanguageModelV3; id: string; provider: string }> {
  if (values.model === undefined) return { model: policyModel(), id: 'policy-v1', provider: 'policy' };
  const resolved = await resolveEvalModel(values.model, { cwd: process.cwd(), env: process.env });
  if (typeof resolved.model !== 'object' || resolved.model.specificationVersion !== 'v3')
    throw new Error(`${values.model}: the provider did not give an AI SDK v3 language model`);
  return { model: resolved.model as LanguageModelV3, id: resolved.id, provider: resolved.provider };
}

const suite = suiteSchema.parse(parse(await readFile(SUITE, 'utf8')));
const { type: _type, ...targetConfig } = suite.target;
const config = promptTarget.config.parse(targetConfig);
const { model, id, provider } = await graderModel();
const recorder = recordingModel(model);
for (const c of suite.cases) {
  const out = await promptTarget.run(
    config,
    {
      suiteFile: SUITE,
      name: c.name,
      vars: { ...suite.defaults.vars, ...c.input.vars },
      source: { kind: 'none' },
      repeatIndex: 0,
    },
    { model: { id, model: recorder.model, provider }, signal: AbortSignal.timeout(120_000) },
  );
  console.log(`${c.name}: ${out.text}`);
}
const incident = recordingSchema.parse(JSON.parse(await readFile(INCIDENT, 'utf8')));
const recording: Recording = {
  ...incident,
  toolCalls: [],
  modelCalls: recorder.calls,
  source: `llm-rubric.eval.yaml grader calls from ${id}`,
};
await writeFile(OUT, `${JSON.stringify(recordingSchema.parse(recording), null, 2)}\n`);
// In the repository's JSON style, so `npm run lint` passes on the committed recording.
execFileSync('npx', ['biome', 'format', '--write', OUT], { stdio: 'ignore' });

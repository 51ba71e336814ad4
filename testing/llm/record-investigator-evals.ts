/**
 * Records the investigator suite's interactions (src/investigate/brains/llm/investigator.eval.yaml):
 * for each lab fault, a 3-hour bundle is generated, the LLM brain investigates it live with a
 * recording model, and the alert, context, built-in draft, the model's tool calls with their results
 * and the model's responses are written to investigator.recordings/<fault>-<seed>.json. Each
 * recording is then replayed offline and must give the same report, or the script fails.
 *
 *   npx tsx testing/llm/record-investigator-evals.ts                         # the scripted policy model
 *   npx tsx testing/llm/record-investigator-evals.ts --model anthropic:claude-sonnet-4-5   # a real provider
 *   … --faults bad-deploy,disk-full --seed 2
 *
 * With no --model the responses come from testing/llm/policy-model.ts, a deterministic stand-in
 * for an LLM (no provider is reachable where the shipped recordings were made). The suite file is
 * written only when it does not exist yet (so hand-written cases are never lost); otherwise the
 * cases for the recordings are printed for you to paste.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { readTruth } from '../../src/bundle/scoring.js';
import { reportSchema, type Truth } from '../../src/core/index.js';
import { applyAssertion, parseAssertionEntry } from '../../src/evals/assertions/apply.js';
import { recordingModel } from '../../src/evals/recording/recording-model.js';
import { type RecordedToolCall, type Recording, recordingSchema } from '../../src/evals/recording/schema.js';
import { resolveEvalModel } from '../../src/evals/runner/model.js';
import { runRecordedInvestigation } from '../../src/evals/targets/investigation-recorded.js';
import { createLlmBrain } from '../../src/investigate/brains/llm/brain.js';
import { contextOfTrace } from '../../src/investigate/index.js';
import { investigateBundle } from '../../src/investigate/run.js';
import { DEFAULT_SCENARIO, FAULT_NAMES, generateBundle } from '../../src/lab/index.js';
import { ATTR, type TraceRecord } from '../../src/tracing/index.js';
import { makeTempRoot, removeDir } from '../lab/support.js';
import { investigatorSuiteText, type RecordedCase, truthAssertions } from './investigator-suite-text.js';
import { policyModel } from './policy-model.js';

const HERE = join(import.meta.dirname, '..', '..', 'src', 'investigate', 'brains', 'llm');
const OUT = join(HERE, 'investigator.recordings');
const SUITE = join(HERE, 'investigator.eval.yaml');
const HOURS = 3;

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    faults: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});

async function modelToUse(): Promise<{ model: LanguageModelV3; id: string; provider: string }> {
  if (values.model === undefined) return { model: policyModel(), id: 'policy-v1', provider: 'policy' };
  const resolved = await resolveEvalModel(values.model, { cwd: process.cwd(), env: process.env });
  if (typeof resolved.model !== 'object' || resolved.model.specificationVersion !== 'v3')
    throw new Error(`${values.model}: the provider did not give an AI SDK v3 language model`);
  return { model: resolved.model as LanguageModelV3, id: resolved.id, provider: resolved.provider };
}

/** The tool calls the model made: tool spans under an `investigator (…)` agent span. */
function modelToolCalls(trace: TraceRecord): RecordedToolCall[] {
  const byId = new Map(trace.spans.map((s) => [s.id, s]));
  const underInvestigator = (parentId: string | undefined): boolean => {
    for (let id = parentId; id !== undefined; id = byId.get(id)?.parentId)
      if (byId.get(id)?.name.startsWith('investigator (')) return true;
    return false;
  };
  const calls: RecordedToolCall[] = [];
  for (const span of trace.spans) {
    if (span.kind !== 'tool' || !underInvestigator(span.parentId)) continue;
    const tool = String(span.attributes[ATTR.toolName]);
    const input = JSON.parse(String(span.attributes[ATTR.toolInput])) as Record<string, unknown>;
    const output = span.attributes[ATTR.toolOutput];
    calls.push(
      span.status === 'error' || output === undefined
        ? { tool, input, error: span.error ?? 'failed' }
        : { tool, input, result: JSON.parse(String(output)) },
    );
  }
  return calls;
}

async function recordOne(fault: string, seed: number, root: string): Promise<RecordedCase> {
  const bundle = join(root, `${fault}-${seed}`);
  await generateBundle(bundle, {
    ...DEFAULT_SCENARIO,
    fault: fault as (typeof FAULT_NAMES)[number],
    seed,
    hours: HOURS,
    logLinesPerDay: 200_000,
    spansPerDay: 30_000,
    drop: [],
    gzip: true,
    force: true,
  });
  const truth = (await readTruth(bundle)) as Truth;
  const { model, id, provider } = await modelToUse();
  const recorder = recordingModel(model);
  const role = { model: recorder.model, id };
  const brain = createLlmBrain({ maxSteps: 6, timeoutMs: 120_000 }, { fast: role, strong: role, provider });
  const live = await investigateBundle(bundle, { brain });
  const context = contextOfTrace(live.trace);
  const baselineText = live.trace.spans.find((s) => s.attributes[ATTR.baselineReport])?.attributes[
    ATTR.baselineReport
  ];
  if (!context || typeof baselineText !== 'string')
    throw new Error(`${fault}: the trace kept no context or baseline`);
  const recording: Recording = recordingSchema.parse({
    version: 1,
    alert: live.alert,
    context,
    baseline: reportSchema.parse(JSON.parse(baselineText)),
    toolCalls: modelToolCalls(live.trace),
    modelCalls: recorder.calls,
    source: `lab ${fault} seed ${seed} ${HOURS}h, responses from ${id}`,
  });
  const file = `${fault}-${seed}.json`;
  await writeFile(join(OUT, file), `${JSON.stringify(recording, null, 2)}\n`);
  // In the repository's JSON style, so `npm run lint` passes on the committed recordings.
  execFileSync('npx', ['biome', 'format', '--write', join(OUT, file)], { stdio: 'ignore' });
  // The recording must replay to the same answer offline, or it is useless as an eval case.
  const replay = await runRecordedInvestigation(recording, { signal: AbortSignal.timeout(60_000), file });
  const same =
    JSON.stringify(replay.investigation?.report.rootCause) === JSON.stringify(live.report.rootCause);
  if (!same || replay.investigation?.notes.join() !== live.notes.join())
    throw new Error(
      `${file}: the replay differs from the live run: ${replay.investigation?.notes.join('; ')}`,
    );
  const failures: string[] = [];
  for (const [i, entry] of truthAssertions(truth).entries()) {
    const parsed = parseAssertionEntry(entry, { file, field: `assert.${i}` });
    const outcome = await applyAssertion(parsed, replay, { vars: {} });
    if (!outcome.pass) failures.push(outcome.reason);
  }
  return { fault, seed, file, truth, report: live.report, notes: live.notes, failures };
}

const faults = values.faults ? values.faults.split(',') : FAULT_NAMES;
const seed = Number(values.seed);
await mkdir(OUT, { recursive: true });
const root = await makeTempRoot('record-investigator');
try {
  const cases: RecordedCase[] = [];
  for (const fault of faults) {
    const c = await recordOne(fault, seed, root);
    cases.push(c);
    const verdict = c.failures?.length ? `misses the truth: ${c.failures.join('; ')}` : 'meets the truth';
    console.log(`${c.file}: ${c.report.rootCause.service} (${c.report.rootCause.confidence}) ${verdict}`);
  }
  const text = investigatorSuiteText(cases);
  if (existsSync(SUITE))
    console.log(`\n${SUITE} exists; the cases for these recordings:\n\n${text.split('cases:\n')[1]}`);
  else await writeFile(SUITE, text);
} finally {
  await removeDir(root);
}

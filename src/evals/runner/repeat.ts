/**
 * One repeat of one case: resolve its source, answer from the cache or run the target, then judge
 * the output with the case's assertions. Failures of the target or the source are returned as the
 * repeat's error, never thrown: one broken case must not stop the run.
 */
import { applyAssertion, scoreCase } from '../assertions/apply.js';
import type { EvalOutput } from '../output.js';
import type { RepeatResult } from '../results/schema.js';
import type { EvalModel, ResolvedSource, TargetEnv } from '../targets/target.js';
import { cacheKey, readCached, writeCached } from './cache.js';
import type { LabBundles } from './lab-bundles.js';
import type { PreparedCase } from './prepare.js';
import { canonicalSource } from './sources.js';

export interface RepeatContext {
  identity: Readonly<Record<string, string>>;
  model?: EvalModel;
  /** The model llm-rubric grades with: `--grader`, else the run's model. */
  grader?: EvalModel;
  cacheDir?: string;
  labs: LabBundles;
  /** The run's signal; each repeat gets its own child of it. */
  signal?: AbortSignal;
}

async function resolveSource(testCase: PreparedCase, labs: LabBundles): Promise<ResolvedSource> {
  const { source } = testCase;
  switch (source.kind) {
    case 'none':
      return { kind: 'none' };
    case 'bundle':
      return { kind: 'bundle', dir: source.dir };
    case 'lab':
      return { kind: 'bundle', dir: await labs.bundleFor(source.recipe), recipe: source.recipe };
    case 'recording':
      return {
        kind: 'recording',
        recording: source.recording,
        ...(source.file === undefined ? {} : { file: source.file }),
      };
  }
}

/** The output of one repeat and whether it came from the cache. */
async function produce(
  testCase: PreparedCase,
  repeatIndex: number,
  context: RepeatContext,
): Promise<{ output: EvalOutput; cached: boolean }> {
  const { suite } = testCase;
  const key = cacheKey({
    targetType: suite.targetType,
    config: suite.config,
    identity: context.identity,
    input: { vars: testCase.vars, source: canonicalSource(testCase.source) },
    repeatIndex,
  });
  if (context.cacheDir !== undefined) {
    const hit = await readCached(context.cacheDir, key);
    if (hit !== undefined) return { output: hit, cached: true };
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort(context.signal?.reason);
  context.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const source = await resolveSource(testCase, context.labs);
    const env: TargetEnv = { signal: controller.signal, ...(context.model && { model: context.model }) };
    const started = performance.now();
    const output = await suite.target.run(
      suite.config,
      { suiteFile: suite.file, name: testCase.name, vars: testCase.vars, source, repeatIndex },
      env,
    );
    const timed = { ...output, latencyMs: output.latencyMs ?? performance.now() - started };
    if (context.cacheDir !== undefined) await writeCached(context.cacheDir, key, timed);
    return { output: timed, cached: false };
  } finally {
    context.signal?.removeEventListener('abort', onAbort);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runRepeat(
  testCase: PreparedCase,
  index: number,
  context: RepeatContext,
): Promise<RepeatResult> {
  let produced: { output: EvalOutput; cached: boolean };
  try {
    produced = await produce(testCase, index, context);
  } catch (error) {
    return { index, pass: false, score: 0, cached: false, error: messageOf(error), assertions: [] };
  }
  const { output, cached } = produced;
  const measured = {
    ...(output.latencyMs === undefined ? {} : { latencyMs: output.latencyMs }),
    ...(output.costUsd === undefined ? {} : { costUsd: output.costUsd }),
  };
  try {
    const outcomes = [];
    // Awaited one at a time: an assertion may call a grader model (llm-rubric), and a case's
    // graders in parallel would multiply the concurrency the user asked for.
    for (const entry of testCase.assertions)
      outcomes.push(
        await applyAssertion(entry, output, {
          vars: testCase.vars,
          ...((context.grader ?? context.model) && { grader: context.grader ?? context.model }),
          ...(context.signal && { signal: context.signal }),
        }),
      );
    const verdict = scoreCase(outcomes, testCase.threshold);
    return {
      index,
      pass: verdict.pass,
      score: verdict.score,
      cached,
      ...measured,
      assertions: outcomes.map((o) => ({
        type: o.type,
        pass: o.pass,
        score: o.score,
        weight: o.weight,
        reason: o.reason,
      })),
    };
  } catch (error) {
    return {
      index,
      pass: false,
      score: 0,
      cached,
      ...measured,
      error: `assertion failed to run: ${messageOf(error)}`,
      assertions: [],
    };
  }
}

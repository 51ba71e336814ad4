/**
 * `runEvals`: loads the suites, checks them against the targets registry, runs every (case,
 * repeat) with bounded concurrency, judges each repeat and each case (its gate, pass rate with a
 * Wilson interval, pass^k, xfail) and returns the run result (results/schema.ts).
 *
 * The targets registry is a parameter so tests can give small targets of their own.
 */

import { randomBytes } from 'node:crypto';
import { forEachBounded } from '../../core/index.js';
import {
  type CaseResult,
  EVAL_RESULT_VERSION,
  type EvalRunResult,
  type RepeatResult,
} from '../results/schema.js';
import { caseStats, caseStatus, summarise } from '../results/summary.js';
import type { EvalModel, EvalTarget } from '../targets/target.js';
import { LabBundles } from './lab-bundles.js';
import { type PreparedCase, type PreparedSuite, prepareRun } from './prepare.js';
import { type RepeatContext, runRepeat } from './repeat.js';

export type { CaseResult, EvalRunResult } from '../results/schema.js';

export interface EvalRunOptions {
  /** Suite files, as they should appear in the result (relative to the working directory). */
  files: string[];
  targets: Readonly<Record<string, EvalTarget>>;
  /** Only the cases with these names (in any of the files). */
  cases?: string[];
  /** Every case runs this many times; its gate k/N keeps its share (stats.ts, scaleGate). */
  repeat?: number;
  model?: EvalModel;
  /** The model `llm-rubric` grades with; the run's `model` when absent. */
  grader?: EvalModel;
  /** Repeats running at once, across cases. */
  concurrency: number;
  /** Where outputs are cached; undefined runs everything afresh and caches nothing. */
  cacheDir?: string;
  /** Where lab bundles generated from recipes are kept. */
  labDir: string;
  codeVersion: string;
  signal?: AbortSignal;
  /** Called as each case finishes (all its repeats), for progress output. */
  onCase?: (c: CaseResult) => void;
}

/** A short random id; `eval compare` and `--filter-failing` accept any unique prefix of it. */
function newRunId(): string {
  return randomBytes(6).toString('hex');
}

/**
 * Runs the suites. Throws BAD_INPUT (naming file, line, field) for a suite problem before anything
 * runs; a target that fails is recorded as that repeat's error and the run goes on.
 */
export async function runEvals(options: EvalRunOptions): Promise<EvalRunResult> {
  const startedAt = Date.now();
  const { suites, cases } = await prepareRun(options);
  // One per run, shared by every suite: two suites needing one recipe generate it once.
  const labs = new LabBundles(options.labDir, options.codeVersion);
  const contexts = await identities(suites, labs, options);
  const tasks = cases.flatMap((testCase, caseIndex) =>
    Array.from({ length: testCase.repeat }, (_, repeatIndex) => ({ testCase, caseIndex, repeatIndex })),
  );
  const repeats: RepeatResult[][] = cases.map(() => []);
  const caseStarted: number[] = cases.map(() => 0);
  const results: (CaseResult | undefined)[] = cases.map(() => undefined);
  await forEachBounded(
    tasks,
    options.concurrency,
    async ({ testCase, caseIndex, repeatIndex }) => {
      caseStarted[caseIndex] ||= performance.now();
      const context = contexts.get(testCase.suite) as RepeatContext;
      const done = repeats[caseIndex] as RepeatResult[];
      done.push(await runRepeat(testCase, repeatIndex, context));
      if (done.length < testCase.repeat) return;
      const result = judgeCase(testCase, done, performance.now() - (caseStarted[caseIndex] ?? 0));
      results[caseIndex] = result;
      options.onCase?.(result);
    },
    options.signal,
  );
  options.signal?.throwIfAborted();
  const caseResults = results.filter((r): r is CaseResult => r !== undefined);
  return {
    version: EVAL_RESULT_VERSION,
    id: newRunId(),
    startedAt,
    finishedAt: Date.now(),
    codeVersion: options.codeVersion,
    ...(options.model && { model: options.model.id }),
    options: {
      files: options.files,
      ...(options.cases && { cases: options.cases }),
      ...(options.repeat !== undefined && { repeat: options.repeat }),
      concurrency: options.concurrency,
      cache: options.cacheDir !== undefined,
    },
    suites: suites.map((s) => ({
      file: s.file,
      target: s.targetType,
      ...(s.description === undefined ? {} : { description: s.description }),
      cases: s.caseCount,
    })),
    cases: caseResults,
    summary: summarise(caseResults, suites.length),
  };
}

/** Each suite's repeat context; the target's identity is asked once per suite. */
async function identities(
  suites: readonly PreparedSuite[],
  labs: LabBundles,
  options: EvalRunOptions,
): Promise<Map<PreparedSuite, RepeatContext>> {
  const contexts = new Map<PreparedSuite, RepeatContext>();
  const signal = options.signal ?? new AbortController().signal;
  for (const suite of suites) {
    const env = { signal, ...(options.model && { model: options.model }) };
    contexts.set(suite, {
      identity: await suite.target.identity(suite.config, env),
      labs,
      ...(options.model && { model: options.model }),
      ...(options.grader && { grader: options.grader }),
      ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
      ...(options.signal && { signal: options.signal }),
    });
  }
  return contexts;
}

/** A case's result from its repeats (in repeat order). */
function judgeCase(testCase: PreparedCase, repeats: RepeatResult[], durationMs: number): CaseResult {
  const ordered = [...repeats].sort((a, b) => a.index - b.index);
  return {
    suite: testCase.suite.file,
    target: testCase.suite.targetType,
    name: testCase.name,
    ...(testCase.description === undefined ? {} : { description: testCase.description }),
    tags: testCase.tags,
    gate: testCase.gate,
    ...(testCase.xfail === undefined ? {} : { xfail: testCase.xfail }),
    status: caseStatus(ordered, testCase.gate, testCase.xfail),
    ...caseStats(ordered, testCase.gate),
    repeats: ordered,
    durationMs,
  };
}

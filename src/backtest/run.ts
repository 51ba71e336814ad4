/**
 * `backtest run`: every case of a suite investigated and scored, each stored the moment it
 * finishes. The run row and its planned cases are written first, so a run killed at any point
 * resumes (`resume: <run id>`) with only the cases that have no stored result.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { NightshiftError } from '../core/index.js';
import { type Brain, type BrainName, brains } from '../investigate/index.js';
import type { BacktestRunRecord, Store } from '../store/index.js';
import type { BacktestCase } from './case.js';
import { type BacktestSummary, summarise } from './figures.js';
import { runCase } from './run-case.js';
import { storedCases } from './stored.js';
import { suiteCaseIds } from './suite.js';

export interface BacktestProgress {
  /** Cases finished, counting those finished by an earlier attempt of a resumed run. */
  done: number;
  total: number;
  caseId: string;
}

export interface BacktestOptions {
  store: Store;
  /** The suite folder; with `resume`, optional (the stored run's is used) and must match when given. */
  suiteDir?: string;
  /** A brain by name (default builtin) or an object (tests inject a sabotaged one). */
  brain?: BrainName | Brain;
  /** Cases investigated at once (default 1). */
  concurrency?: number;
  name?: string;
  /** The id of a stored run to finish. */
  resume?: string;
  now?: () => number;
  onProgress?: (progress: BacktestProgress) => void;
}

export interface BacktestResult {
  run: BacktestRunRecord & { finishedAt: number; summary: BacktestSummary };
  cases: BacktestCase[];
  /** The cases this call investigated (a resumed run skips those already stored). */
  investigated: string[];
}

async function startRun(
  options: BacktestOptions,
  brainName: string,
  now: () => number,
): Promise<BacktestRunRecord> {
  const { store } = options;
  if (options.resume !== undefined) {
    const stored = await store.getBacktestRun(options.resume);
    if (stored === undefined)
      throw new NightshiftError('NOT_FOUND', `no backtest run ${options.resume} to resume`, {
        hint: 'nightshift backtest list shows the runs and which are unfinished',
      });
    const { run } = stored;
    if (options.suiteDir !== undefined && resolve(options.suiteDir) !== run.suite)
      throw new NightshiftError(
        'BAD_INPUT',
        `backtest run ${run.id} ran the suite ${run.suite}, not ${resolve(options.suiteDir)}`,
        {
          hint: 'resume with the same suite folder, or leave it out',
        },
      );
    if (run.brain !== brainName)
      throw new NightshiftError(
        'BAD_INPUT',
        `backtest run ${run.id} ran brain ${run.brain}, not ${brainName}`,
        {
          hint: `resume with --brain ${run.brain}, or start a new run`,
        },
      );
    return run;
  }
  if (options.suiteDir === undefined)
    throw new NightshiftError('BAD_INPUT', 'no suite folder given', {
      hint: 'nightshift backtest run <suite folder>',
    });
  const suite = resolve(options.suiteDir);
  const caseIds = await suiteCaseIds(suite);
  const run: BacktestRunRecord = {
    id: randomBytes(6).toString('hex'),
    ...(options.name === undefined ? {} : { name: options.name }),
    suite,
    brain: brainName,
    startedAt: now(),
  };
  await store.saveBacktestRun(run);
  await store.planBacktestCases(run.id, caseIds);
  return run;
}

/** Runs (or resumes) a backtest and stores it; returns the finished run with every case. */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const brain = options.brain ?? 'builtin';
  const brainName = typeof brain === 'object' ? brain.name : brains[brain].name;
  const run = await startRun(options, brainName, now);
  const todo = await store.unfinishedBacktestCases(run.id);
  const finishedBefore = (await store.getBacktestRun(run.id))?.cases.length ?? 0;
  const investigated: string[] = [];
  let done = finishedBefore;
  let next = 0;
  // A fixed pool of workers pulling from one queue: at most `concurrency` investigations at once.
  const worker = async () => {
    while (next < todo.length) {
      const caseId = todo[next++] as string;
      const { scored, investigation } = await runCase(run.suite, caseId, brain);
      await store.saveBacktestCase({
        runId: run.id,
        caseId,
        finishedAt: now(),
        labels: scored.labels,
        result: scored,
        ...(investigation === undefined ? {} : { investigation }),
      });
      investigated.push(caseId);
      options.onProgress?.({ done: ++done, total: finishedBefore + todo.length, caseId });
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, todo.length || 1));
  await Promise.all(Array.from({ length: concurrency }, worker));

  const cases = await storedCases(store, run.id);
  const finished = { ...run, finishedAt: now(), summary: summarise(cases) };
  await store.saveBacktestRun(finished);
  return { run: finished, cases, investigated };
}

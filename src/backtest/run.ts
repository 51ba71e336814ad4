/**
 * `backtest run`: every case of a suite investigated and scored, each stored the moment it
 * finishes. The run row and its planned cases are written first, so a run killed at any point
 * resumes (`resume: <run id>`) with only the cases that have no stored result. Cases are taken
 * through leases (lease-work.ts), so one process, a resume and any number of workers share a run.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { NightshiftError } from '../core/index.js';
import { type Brain, type BrainName, brains } from '../investigate/index.js';
import type { BacktestRunRecord, Store } from '../store/index.js';
import type { BacktestCase } from './case.js';
import type { BacktestSummary } from './figures.js';
import type { ConfirmedCaseQuery } from './from-store.js';
import { DEFAULT_BACKTEST_LEASE_MS, leaseOwnerId } from './lease.js';
import { type LeaseWorkResult, type RunProgress, workOnBacktest } from './lease-work.js';
import { type CaseSource, caseSourceOf, storeSuite } from './source.js';
import { storedCases } from './stored.js';

/** Whole-run progress: cases stored by any worker, counting those of an earlier attempt. */
export type BacktestProgress = RunProgress;

export interface BacktestOptions {
  store: Store;
  /** The suite folder; with `resume`, optional (the stored run's is used) and must match when given. */
  suiteDir?: string;
  /** Instead of a suite folder: the store's confirmed incidents, replayed from their evidence. */
  fromStore?: ConfirmedCaseQuery;
  /** A brain by name (default builtin) or an object (the LLM brain; tests inject a sabotaged one). */
  brain?: BrainName | Brain;
  /** The model an LLM brain runs with, as the run records it (`provider:model`). */
  model?: string;
  /** Told the confirmed incidents of `fromStore` that cannot be cases, and why. */
  onSkipped?: (skipped: ReadonlyArray<{ id: string; reason: string }>) => void;
  /** Cases investigated at once by this process (default 1). */
  concurrency?: number;
  name?: string;
  /** The id of a stored run to finish. */
  resume?: string;
  /** How long a case stays leased without a heartbeat (default DEFAULT_BACKTEST_LEASE_MS). */
  leaseMs?: number;
  /** How often to look again while other workers hold the remaining cases (default 1 s). */
  pollMs?: number;
  /** Told the run once it is stored with its planned cases (`--workers` starts its children here). */
  onStarted?: (run: BacktestRunRecord) => void | Promise<void>;
  /** Stops claiming cases and releases this process's leases; the call then throws. */
  signal?: AbortSignal;
  now?: () => number;
  onProgress?: (progress: BacktestProgress) => void;
  log?: (line: string) => void;
}

export interface BacktestResult {
  run: BacktestRunRecord & { finishedAt: number; summary: BacktestSummary };
  cases: BacktestCase[];
  /** The cases this process investigated (a resumed or shared run skips those stored by others). */
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
    if (options.fromStore !== undefined)
      throw new NightshiftError(
        'BAD_INPUT',
        '--resume takes the cases the run planned; --from-store is not needed',
        {
          hint: `nightshift backtest run --resume ${run.id}`,
        },
      );
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
  if (options.suiteDir !== undefined && options.fromStore !== undefined)
    throw new NightshiftError('BAD_INPUT', 'give a suite folder or --from-store, not both', {
      hint: 'nightshift backtest run <suite folder>, or nightshift backtest run --from-store --since 90d',
    });
  if (options.suiteDir === undefined && options.fromStore === undefined)
    throw new NightshiftError('BAD_INPUT', 'no suite folder given', {
      hint: 'nightshift backtest run <suite folder>, or --from-store for the confirmed incidents in the store',
    });
  const suite =
    options.fromStore === undefined ? resolve(options.suiteDir ?? '.') : storeSuite(options.fromStore);
  const { caseIds, skipped } = await caseSourceOf(store, suite).cases();
  if (skipped.length > 0) options.onSkipped?.(skipped);
  if (caseIds.length === 0)
    throw new NightshiftError(
      'BAD_INPUT',
      `${suite}: no case to run${skipped.length > 0 ? ` (${skipped.length} skipped)` : ''}`,
      {
        hint:
          options.fromStore === undefined
            ? 'a suite folder holds sub-folders with incident.yaml and truth.yaml (nightshift lab suite makes one)'
            : 'cases from the store are investigations a responder gave feedback on, with their evidence kept; widen --since or check the skipped reasons',
      },
    );
  const run: BacktestRunRecord = {
    id: randomBytes(6).toString('hex'),
    ...(options.name === undefined ? {} : { name: options.name }),
    suite,
    brain: brainName,
    ...(options.model === undefined ? {} : { model: options.model }),
    startedAt: now(),
  };
  await store.saveBacktestRun(run);
  await store.planBacktestCases(run.id, caseIds);
  return run;
}

/**
 * Runs (or resumes) a backtest and stores it; returns the finished run with every case. Cases are
 * claimed through leases, so other processes (`nightshift worker`) may work on the same run; this
 * call returns once every case is stored, whoever stored it.
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const brain = options.brain ?? 'builtin';
  const brainName = typeof brain === 'object' ? brain.name : brains[brain].name;
  const run = await startRun(options, brainName, now);
  await options.onStarted?.(run);
  const work = await leasedWork({ ...options, run, brain, waitForOthers: true, now });
  const stored = await store.getBacktestRun(run.id);
  const finished = stored?.run;
  if (!work.finished || finished?.finishedAt === undefined || finished.summary === undefined)
    throw new NightshiftError('INTERNAL', `backtest run ${run.id} stopped before all its cases were stored`, {
      hint: `nightshift backtest run --resume ${run.id} finishes it`,
    });
  return {
    run: { ...finished, finishedAt: finished.finishedAt, summary: finished.summary as BacktestSummary },
    cases: await storedCases(store, run.id),
    investigated: work.investigated,
  };
}

export interface JoinOptions {
  store: Store;
  /** A stored run (store.unfinishedBacktestRuns); its brain investigates, its suite folder is read. */
  run: BacktestRunRecord;
  /**
   * The brain of a run that did not use the built-in one (an LLM brain with the run's model);
   * without it such a run is refused.
   */
  brainFor?: (run: BacktestRunRecord) => Brain;
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  /** True: stay until every case is stored (`worker --backtest`); false: leave when none is free. */
  waitForOthers: boolean;
  signal?: AbortSignal;
  now?: () => number;
  onProgress?: (progress: BacktestProgress) => void;
  onClaimed?: (caseId: string) => void;
  log?: (line: string) => void;
}

/** Works on a run another process started (`nightshift worker`), with the brain it ran. */
export async function joinBacktest(options: JoinOptions): Promise<LeaseWorkResult> {
  const { run } = options;
  if (options.brainFor !== undefined && run.brain !== brains.builtin.name)
    return leasedWork({ ...options, brain: options.brainFor(run), now: options.now ?? Date.now });
  if (!Object.hasOwn(brains, run.brain))
    throw new NightshiftError(
      'BAD_INPUT',
      `backtest run ${run.id} ran brain ${run.brain}, which this version does not have`,
      {
        hint: `run this worker with the Nightshift version that started the run; it knows: ${Object.keys(brains).join(', ')}`,
      },
    );
  return leasedWork({ ...options, brain: run.brain as BrainName, now: options.now ?? Date.now });
}

/** The lease loop (lease-work.ts) over the run's case source, releasing this process's leases when stopped. */
async function leasedWork(
  options: Omit<JoinOptions, 'now'> & { brain: BrainName | Brain; now: () => number },
): Promise<LeaseWorkResult> {
  const { store, run, signal } = options;
  const owner = leaseOwnerId();
  const source: CaseSource = caseSourceOf(store, run.suite);
  const leaseMs = options.leaseMs ?? DEFAULT_BACKTEST_LEASE_MS;
  let result: LeaseWorkResult;
  try {
    result = await workOnBacktest({
      store,
      run,
      owner,
      runCase: (caseId) => source.runCase(caseId, options.brain),
      leaseMs,
      concurrency: options.concurrency ?? 1,
      waitForOthers: options.waitForOthers,
      now: options.now,
      ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
      ...(signal === undefined ? {} : { signal }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(options.onClaimed === undefined ? {} : { onClaimed: options.onClaimed }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  } catch (error) {
    // A case this process cannot run (its bundle unreadable here) is another process's to try.
    await store.releaseBacktestLeases(run.id, [owner]).catch(() => undefined);
    throw error;
  }
  if (signal?.aborted) {
    // The cases this process was investigating are free for others now, not when the leases expire.
    await store.releaseBacktestLeases(run.id, [owner]);
    throw new NightshiftError('INTERNAL', `stopped working on backtest run ${run.id}`, {
      hint: `nightshift backtest run --resume ${run.id} finishes it`,
    });
  }
  return result;
}

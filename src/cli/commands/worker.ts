/**
 * `nightshift worker`: a process that works beside others on what the shared store holds: the
 * cases of unfinished backtest runs (each case leased to one worker at a time) and, when
 * nightshift.yaml configures sources, the intake queue's investigations as `serve`'s worker runs
 * them. Run it on as many machines as you like against one PostgreSQL store; a backtest's suite
 * folder must be readable at the same path on each (docs/backtests.md, Workers).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_BACKTEST_LEASE_MS, joinBacktest, MIN_BACKTEST_LEASE_MS } from '../../backtest/index.js';
import { CONFIG_FILE, loadConfig } from '../../config/load.js';
import { configuredConnectors } from '../../connectors/registry.js';
import { formatDuration, NightshiftError, parseDuration } from '../../core/index.js';
import type { Brain } from '../../investigate/index.js';
import { createLiveInvestigator } from '../../server/live.js';
import { type IntakeWorker, intakeWorker } from '../../server/serve.js';
import type { BacktestRunRecord, Store } from '../../store/index.js';
import { chooseBrain } from '../brain-choice.js';
import { parseInteger } from '../options.js';
import { openEvalStore } from './eval-runs.js';

/** How often an idle worker looks for new runs. */
const IDLE_POLL_MS = 2_000;

/** `--lease 30s`: a duration of at least MIN_BACKTEST_LEASE_MS. */
export function parseLease(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms < MIN_BACKTEST_LEASE_MS)
    throw new InvalidArgumentError(
      `expected a duration of at least ${MIN_BACKTEST_LEASE_MS}ms such as 30s or 2m, got "${text}"`,
    );
  return ms;
}

interface WorkerFlags {
  backtest?: string;
  once?: boolean;
  lease: number;
  concurrency: number;
  intake: boolean;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'Work on unfinished backtest runs (and the intake queue, when sources are configured) beside other workers sharing the store.',
    )
    .option(
      '--backtest <run>',
      'only this backtest run (id or unique prefix); exit once all its cases are stored',
    )
    .option('--once', 'exit when nothing is left to claim instead of waiting for new work')
    .option(
      '--lease <duration>',
      'how long a case stays leased without a heartbeat: how soon a killed worker’s case is taken over',
      parseLease,
      DEFAULT_BACKTEST_LEASE_MS,
    )
    .option('--concurrency <n>', 'backtest cases investigated at once', parseInteger(1, 64), 1)
    .option('--no-intake', 'never take intake jobs, even when nightshift.yaml configures sources')
    .action(async (flags: WorkerFlags) => {
      const controller = new AbortController();
      const stop = (signal: string) => {
        if (controller.signal.aborted) process.exit(1);
        log(`${signal}: releasing this worker's leases and stopping`);
        controller.abort();
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
      const store = await openEvalStore(process.cwd(), process.env);
      let intake: IntakeWorker | undefined;
      try {
        if (flags.backtest !== undefined) await oneRun(store, flags.backtest, flags, controller.signal);
        else {
          intake = flags.intake ? await startIntake(store) : undefined;
          await everyRun(store, flags, intake, controller.signal);
        }
      } catch (error) {
        if (!controller.signal.aborted) throw error;
      } finally {
        await intake?.stop();
        await store.close();
      }
      // An investigation given up on SIGTERM may still be computing: nothing of it is wanted.
      if (controller.signal.aborted) process.exit(0);
    });
}

/**
 * For a run of the LLM brain, that brain with the run's model and this machine's nightshift.yaml
 * `llm:` settings (its key); nothing for the built-in brain.
 */
async function llmBrainOf(run: BacktestRunRecord): Promise<{ brainFor?: () => Brain }> {
  if (run.brain !== 'llm') return {};
  const { brain } = await chooseBrain({ brain: 'llm', model: run.model }, process.cwd(), process.env);
  return { brainFor: () => brain };
}

function joinOptions(store: Store, run: BacktestRunRecord, flags: WorkerFlags, signal: AbortSignal) {
  return {
    store,
    run,
    leaseMs: flags.lease,
    concurrency: flags.concurrency,
    signal,
    onClaimed: (caseId: string) => log(`run ${run.id}: investigating case ${caseId}`),
    onProgress: (p: { done: number; total: number; caseId?: string }) => {
      if (p.caseId !== undefined) log(`run ${run.id}: stored case ${p.caseId} (${p.done}/${p.total})`);
    },
    log,
  };
}

/** `--backtest <run>`: works on one run until all its cases are stored, by this worker or others. */
async function oneRun(store: Store, ref: string, flags: WorkerFlags, signal: AbortSignal): Promise<void> {
  const stored = await store.getBacktestRun(ref);
  if (stored === undefined)
    throw new NightshiftError('NOT_FOUND', `no backtest run ${ref} in this store`, {
      hint: 'nightshift backtest list shows the runs; a worker must use the same store (nightshift.yaml store:) as the run',
    });
  if (stored.run.finishedAt !== undefined) {
    log(`run ${stored.run.id} is already finished`);
    return;
  }
  const work = await joinBacktest({
    ...joinOptions(store, stored.run, flags, signal),
    ...(await llmBrainOf(stored.run)),
    waitForOthers: true,
  });
  log(`run ${stored.run.id} finished; this worker stored ${work.investigated.length} case(s)`);
}

/** Every unfinished run, over and over (or once), beside the intake worker when there is one. */
async function everyRun(
  store: Store,
  flags: WorkerFlags,
  intake: IntakeWorker | undefined,
  signal: AbortSignal,
): Promise<void> {
  log(
    `nightshift worker: backtest cases (lease ${formatDuration(flags.lease)})${intake ? ', intake jobs' : ''}; store ${store.dialect}`,
  );
  while (!signal.aborted) {
    let claimed = 0;
    for (const run of await store.unfinishedBacktestRuns()) {
      if (signal.aborted) break;
      const work = await joinBacktest({
        ...joinOptions(store, run, flags, signal),
        ...(await llmBrainOf(run)),
        waitForOthers: false,
      });
      claimed += work.investigated.length + work.dropped.length;
    }
    if (flags.once && claimed === 0 && (await intakeIdle(store, intake))) return;
    if (claimed === 0) await pause(IDLE_POLL_MS, signal);
  }
}

/** No intake job running here and none due in the queue. */
async function intakeIdle(store: Store, intake: IntakeWorker | undefined): Promise<boolean> {
  if (intake === undefined) return true;
  if (intake.worker.active > 0) return false;
  const now = Date.now();
  return (await store.pendingJobs()).every((j) => j.runAt > now || (j.leaseUntil ?? 0) >= now);
}

/**
 * The intake queue's worker when nightshift.yaml configures sources (what investigations read);
 * undefined otherwise. Fails now, not at the first job, when a source or the brain is misconfigured.
 */
async function startIntake(store: Store): Promise<IntakeWorker | undefined> {
  const cwd = process.cwd();
  if (!existsSync(join(cwd, CONFIG_FILE))) return undefined;
  const loaded = await loadConfig({ cwd, env: process.env });
  const { sources } = loaded.config;
  if (configuredConnectors(sources).length === 0 && sources.bundle === undefined) return undefined;
  await createLiveInvestigator(loaded, process.env, (m) => log(`warning: ${m}`));
  const intake = intakeWorker(loaded, store, { log });
  await intake.worker.start();
  return intake;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** `backtest run --workers N`'s children. */
export interface BacktestWorkers {
  /** Asks every child still running to stop (SIGTERM: it releases its leases and exits). */
  stop(): void;
  /** Settles when every child has exited; children still running after WORKERS_EXIT_MS are stopped. */
  finished(): Promise<void>;
}

/** How long children get to notice that the run is finished (they look every second). */
const WORKERS_EXIT_MS = 10_000;

/**
 * Starts `count` child processes `nightshift worker --backtest <run>` with this process's Node
 * options and entry point, in this folder and environment: the same nightshift.yaml, so the same
 * store. A child that fails is reported with the end of what it printed; the run goes on without it.
 */
export function startBacktestWorkers(
  count: number,
  runId: string,
  options: { concurrency: number; leaseMs: number },
): BacktestWorkers {
  const entry = process.argv[1];
  if (entry === undefined)
    throw new NightshiftError(
      'INTERNAL',
      'cannot tell how this process was started to start workers like it',
      {
        hint: 'run the workers yourself: nightshift worker --backtest <run>',
      },
    );
  let stopping = false;
  const args = [
    ...process.execArgv,
    entry,
    'worker',
    '--backtest',
    runId,
    '--lease',
    `${options.leaseMs}ms`,
    '--concurrency',
    String(options.concurrency),
    '--no-intake',
  ];
  const children = Array.from({ length: count }, () =>
    watch(spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] }), () => stopping),
  );
  const stop = () => {
    stopping = true;
    for (const { child } of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  return {
    stop,
    finished: async () => {
      const all = Promise.all(children.map((c) => c.exited));
      const late = setTimeout(stop, WORKERS_EXIT_MS);
      await all;
      clearTimeout(late);
    },
  };
}

/** Keeps the last lines a child wrote to stderr, to say why when it fails. */
function watch(child: ChildProcess, stopping: () => boolean): { child: ChildProcess; exited: Promise<void> } {
  let tail = '';
  child.stderr?.on('data', (chunk) => {
    tail = (tail + String(chunk)).slice(-2_000);
  });
  const exited = new Promise<void>((resolve) => {
    child.on('error', (error) => {
      log(`could not start a worker: ${error.message}`);
      resolve();
    });
    child.on('exit', (code, signal) => {
      if (code !== 0 && !stopping())
        log(
          `worker ${child.pid} exited (${signal ?? `code ${code}`}); the run goes on without it:\n${tail.trimEnd()}`,
        );
      resolve();
    });
  });
  return { child, exited };
}

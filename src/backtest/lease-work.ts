/**
 * Working on one backtest run through leases: claim a free case, investigate it with the lease
 * kept alive, store it only while still holding it, repeat. Every process that works on a run does
 * this (`backtest run`, its `--resume`, `--workers` children, `nightshift worker` on any machine),
 * so each case is stored once whoever runs it, and whichever process stores the last case stores
 * the run's finish time and summary.
 */
import type { BacktestRunRecord, Store } from '../store/index.js';
import { summarise } from './figures.js';
import { keepLease, releaseDeadOwners } from './lease.js';
import type { RanCase } from './run-case.js';
import { storedCases } from './stored.js';

/** How often a worker with nothing to claim looks again (a case freed, the run finished). */
export const DEFAULT_POLL_MS = 1_000;

/** Whole-run progress: cases stored by any worker. */
export interface RunProgress {
  done: number;
  total: number;
  /** The case this process just stored; absent when the count moved by other workers' cases. */
  caseId?: string;
}

export interface LeaseWorkOptions {
  store: Store;
  run: BacktestRunRecord;
  /** Investigates and scores one case of the run. */
  runCase: (caseId: string) => Promise<RanCase>;
  /** This worker's lease owner id (lease.ts, leaseOwnerId). */
  owner: string;
  leaseMs: number;
  /** Cases investigated at once by this process. */
  concurrency: number;
  /**
   * True: return only when every case of the run is stored (waiting for cases other workers
   * hold, and taking them over when their leases run out). False: return when nothing is free.
   */
  waitForOthers: boolean;
  pollMs?: number;
  /** Stops claiming; the caller releases this owner's leases. */
  signal?: AbortSignal;
  now: () => number;
  onProgress?: (progress: RunProgress) => void;
  /** Told each case this process leased, before it is investigated. */
  onClaimed?: (caseId: string) => void;
  log?: (line: string) => void;
}

export interface LeaseWorkResult {
  /** Cases this process investigated and stored. */
  investigated: string[];
  /** Cases this process investigated whose result was dropped: another worker had taken them. */
  dropped: string[];
  /** Every case is stored and the run has its summary. */
  finished: boolean;
}

/** Claims and runs cases of `run` until none is left for this process; see LeaseWorkOptions. */
export async function workOnBacktest(options: LeaseWorkOptions): Promise<LeaseWorkResult> {
  const { store, run, owner, signal } = options;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const total = await plannedCount(store, run.id);
  let reported = -1;
  const report = async (caseId?: string) => {
    const done = total - (await store.unfinishedBacktestCases(run.id)).length;
    if (done === reported && caseId === undefined) return;
    reported = done;
    options.onProgress?.({ done, total, ...(caseId === undefined ? {} : { caseId }) });
  };
  const result: LeaseWorkResult = { investigated: [], dropped: [], finished: false };
  // Only at the start, like serve's worker: a worker already running when another dies takes the
  // dead one's cases when their leases run out.
  const released = await releaseDeadOwners(store, run.id, owner);
  if (released > 0) options.log?.(`run ${run.id}: took back ${released} case(s) of a process that stopped`);

  const slot = async () => {
    while (!signal?.aborted) {
      const caseId = await store.claimBacktestCase(run.id, owner, options.now(), options.leaseMs);
      if (caseId === undefined) {
        if (!options.waitForOthers || (await store.unfinishedBacktestCases(run.id)).length === 0) return;
        await report();
        await sleep(pollMs, signal);
        continue;
      }
      const held = { runId: run.id, caseId, owner, leaseMs: options.leaseMs };
      const stop = keepLease(store, held, options.now, () =>
        options.log?.(
          `run ${run.id}, case ${caseId}: another worker took it over; this result will be dropped`,
        ),
      );
      options.onClaimed?.(caseId);
      let ran: RanCase | undefined;
      try {
        // Stopping does not wait for the investigation: its lease is released and another worker
        // takes the case now; what it would have stored is dropped with the process.
        ran = await Promise.race([options.runCase(caseId), aborted(signal)]);
      } finally {
        stop();
      }
      if (ran === undefined || signal?.aborted) return;
      const saved = await store.saveLeasedBacktestCase(
        {
          runId: run.id,
          caseId,
          finishedAt: options.now(),
          labels: ran.scored.labels,
          result: ran.scored,
          ...(ran.investigation === undefined ? {} : { investigation: ran.investigation }),
        },
        owner,
      );
      if (saved) result.investigated.push(caseId);
      else {
        result.dropped.push(caseId);
        options.log?.(
          `run ${run.id}, case ${caseId}: not stored: another worker took the case over when this one's lease ran out, and that worker's result stands`,
        );
      }
      await report(saved ? caseId : undefined);
    }
  };
  const concurrency = Math.max(1, options.concurrency);
  await Promise.all(Array.from({ length: concurrency }, slot));
  result.finished = signal?.aborted ? false : await finishIfComplete(store, run, options.now);
  return result;
}

async function plannedCount(store: Store, runId: string): Promise<number> {
  const stored = await store.getBacktestRun(runId);
  return (stored?.cases.length ?? 0) + (stored?.unfinished.length ?? 0);
}

/**
 * Stores the run's finish time and summary once every case is stored; true when the run is
 * finished. Two workers storing the last cases at the same moment may both write it: both read
 * the same stored cases, so the summary is the same and only the finish time moves a little.
 */
export async function finishIfComplete(
  store: Store,
  run: BacktestRunRecord,
  now: () => number,
): Promise<boolean> {
  if ((await store.unfinishedBacktestCases(run.id)).length > 0) return false;
  const stored = await store.getBacktestRun(run.id);
  if (stored?.run.finishedAt !== undefined) return true;
  const cases = await storedCases(store, run.id);
  await store.saveBacktestRun({ ...run, finishedAt: now(), summary: summarise(cases) });
  return true;
}

/** Settles with undefined when the signal aborts (never, without one). */
function aborted(signal: AbortSignal | undefined): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve(undefined);
    signal?.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

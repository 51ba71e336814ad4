/**
 * Backtests read back from the store: a run by id, prefix, `last` or `previous`, with its cases
 * parsed (a row this version cannot read is reported with its run and case, not trusted).
 */
import { NightshiftError } from '../core/index.js';
import type { BacktestRunRecord, Store } from '../store/index.js';
import { type BacktestCase, backtestCaseSchema } from './case.js';
import { type BacktestSummary, summarise } from './figures.js';

/** A stored run with its parsed cases and summary (recomputed while the run is unfinished). */
export interface StoredBacktest {
  run: BacktestRunRecord;
  cases: BacktestCase[];
  unfinished: string[];
  summary: BacktestSummary;
}

/** The finished cases of a run, parsed. */
export async function storedCases(store: Store, runId: string): Promise<BacktestCase[]> {
  const stored = await store.getBacktestRun(runId);
  return stored === undefined
    ? []
    : parseCases(
        runId,
        stored.cases.map((c) => [c.caseId, c.result] as const),
      );
}

function parseCases(runId: string, rows: ReadonlyArray<readonly [string, unknown]>): BacktestCase[] {
  return rows.map(([caseId, result]) => {
    const parsed = backtestCaseSchema.safeParse(result);
    if (!parsed.success)
      throw new NightshiftError(
        'BAD_INPUT',
        `backtest run ${runId}, case ${caseId}: stored in a format this version cannot read`,
        {
          hint: 'run the backtest again with this version',
        },
      );
    return parsed.data;
  });
}

/** A stored run by id, unique id prefix, `last` or `previous`. Throws NOT_FOUND saying what exists. */
export async function loadBacktest(store: Store, ref: string): Promise<StoredBacktest> {
  let id = ref;
  if (ref === 'last' || ref === 'previous') {
    const recent = await store.listBacktestRuns({ limit: 2 });
    const run = recent[ref === 'last' ? 0 : 1];
    if (run === undefined)
      throw new NightshiftError('NOT_FOUND', `there is no ${ref} backtest run (${recent.length} stored)`, {
        hint: 'nightshift backtest run <suite folder> stores a run',
      });
    id = run.id;
  }
  const stored = await store.getBacktestRun(id);
  if (stored === undefined)
    throw new NightshiftError('NOT_FOUND', `no backtest run ${ref}`, {
      hint: 'nightshift backtest list shows the stored runs; last and previous name the two most recent',
    });
  const cases = parseCases(
    stored.run.id,
    stored.cases.map((c) => [c.caseId, c.result] as const),
  );
  return { run: stored.run, cases, unfinished: stored.unfinished, summary: summarise(cases) };
}

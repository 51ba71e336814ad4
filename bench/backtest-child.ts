/**
 * One measured step of bench:backtest in a fresh process, so that its peak memory is its own.
 * Started by bench/backtest.ts; prints one JSON line (wall time and peak RSS), progress on stderr.
 *
 *   backtest <suite dir> <sqlite file> <concurrency> [announce]
 *   join <sqlite file> <run id>
 *   export <sqlite file> <out dir> <since> <plain|anonymise>
 *   analyze <sqlite file> <run id> <out dir> <concurrency>
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BacktestCase, runBacktest } from '../src/backtest/index.js';
import { exportInvestigations, parseSince } from '../src/export/index.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import type { CaseVerdicts } from './backtest-suite.js';

/** The part of src/analyze's AnalysisResult this bench reads (the brief's agreed interface). */
interface AnalysisResult {
  analysed: number;
  skipped: number;
  cohorts: unknown[];
  synthesisPath: string;
}
type AnalyzeBacktest = (options: {
  store?: Store;
  runRef?: string;
  outDir: string;
  brain?: 'builtin' | 'llm';
  concurrency?: number;
}) => Promise<AnalysisResult>;

/** src/analyze/index.ts, where analyzeBacktest lives once it is written. */
const ANALYZE_MODULE = join(import.meta.dirname, '..', 'src', 'analyze', 'index.ts');

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'backtest') await backtest(rest);
else if (mode === 'join') await joinRun(rest);
else if (mode === 'export') await exportStep(rest);
else if (mode === 'analyze') await analyze(rest);
else throw new Error(`backtest-child.ts: unknown mode "${mode}"; expected backtest, join, export or analyze`);

/**
 * `backtest <suite> <db> <concurrency> [announce]`: a new run; with `announce`, a `{"started": id}`
 * line as soon as the run is stored, so bench/backtest.ts can start a second worker on it.
 * `join <db> <run id>`: a second process working on that run, as `backtest run --resume` does
 * while the first is still running (cases are shared through leases).
 */
async function backtest([suiteDir, dbFile, concurrency, announce]: string[]): Promise<void> {
  if (suiteDir === undefined || dbFile === undefined || concurrency === undefined)
    throw new Error('usage: backtest-child.ts backtest <suite dir> <sqlite file> <concurrency> [announce]');
  const store = await open(dbFile);
  const started = performance.now();
  try {
    const result = await runBacktest({
      store,
      suiteDir,
      brain: 'builtin',
      concurrency: Number(concurrency),
      name: `bench:backtest concurrency ${concurrency}`,
      onStarted: (run) => {
        if (announce === 'announce') process.stdout.write(`${JSON.stringify({ started: run.id })}\n`);
      },
      onProgress: (p) => process.stderr.write(`\rconcurrency ${concurrency}: ${p.done}/${p.total}`),
    });
    process.stderr.write('\n');
    report(started, {
      runId: result.run.id,
      cases: verdictsOf(result.cases),
      investigated: result.investigated.length,
    });
  } finally {
    await store.close();
  }
}

async function joinRun([dbFile, runId]: string[]): Promise<void> {
  if (dbFile === undefined || runId === undefined)
    throw new Error('usage: backtest-child.ts join <sqlite file> <run id>');
  const store = await open(dbFile);
  const started = performance.now();
  try {
    const result = await runBacktest({ store, resume: runId, brain: 'builtin', concurrency: 1 });
    report(started, { runId, investigated: result.investigated.length });
  } finally {
    await store.close();
  }
}

function verdictsOf(cases: readonly BacktestCase[]): CaseVerdicts[] {
  return cases.map((c) => ({
    id: c.id,
    top1: c.top1,
    category: c.category,
    ...(c.error === undefined ? {} : { error: c.error }),
  }));
}

async function exportStep([dbFile, out, since, how]: string[]): Promise<void> {
  if (dbFile === undefined || out === undefined || since === undefined || how === undefined)
    throw new Error('usage: backtest-child.ts export <sqlite file> <out dir> <since> <plain|anonymise>');
  const store = await open(dbFile);
  // An empty home: the CLI's own investigations folder holds none, so every one comes from the store.
  const home = await mkdtemp(join(tmpdir(), 'nightshift-bench-backtest-home-'));
  const started = performance.now();
  try {
    const now = Date.now();
    const result = await exportInvestigations({
      sinceMs: parseSince(since, now),
      out,
      force: false,
      anonymise: how === 'anonymise',
      names: [],
      home,
      store,
      now,
      onExported: () => undefined,
    });
    report(started, { exported: result.rows.length, indexed: result.indexed });
  } finally {
    await store.close();
    await rm(home, { recursive: true, force: true });
  }
}

async function analyze([dbFile, runId, out, concurrency]: string[]): Promise<void> {
  if (dbFile === undefined || runId === undefined || out === undefined || concurrency === undefined)
    throw new Error('usage: backtest-child.ts analyze <sqlite file> <run id> <out dir> <concurrency>');
  const started = performance.now();
  if (!existsSync(ANALYZE_MODULE)) {
    report(started, { available: false });
    return;
  }
  // Imported by path: the module is written in parallel with this bench and may not exist yet.
  const module = (await import(pathToFileURL(ANALYZE_MODULE).href)) as { analyzeBacktest?: AnalyzeBacktest };
  if (typeof module.analyzeBacktest !== 'function')
    throw new Error(`${ANALYZE_MODULE} exports no analyzeBacktest function; bench:backtest calls it`);
  const store = await open(dbFile);
  try {
    const result = await module.analyzeBacktest({
      store,
      runRef: runId,
      outDir: out,
      brain: 'builtin',
      concurrency: Number(concurrency),
    });
    report(started, {
      available: true,
      analysed: result.analysed,
      skipped: result.skipped,
      cohorts: result.cohorts.length,
      cohortNames: result.cohorts.map(cohortName),
      synthesisPath: result.synthesisPath,
    });
  } finally {
    await store.close();
  }
}

/** A cohort's name for the table, from whichever naming field it has (its shape is ANALYZE's). */
function cohortName(cohort: unknown, index: number): string {
  if (typeof cohort === 'object' && cohort !== null)
    for (const key of ['name', 'title', 'id', 'kind'])
      if (typeof (cohort as Record<string, unknown>)[key] === 'string')
        return (cohort as Record<string, string>)[key] as string;
  return `cohort ${index + 1}`;
}

async function open(dbFile: string): Promise<Store> {
  const store = openSqliteStore(dbFile);
  await store.migrate();
  return store;
}

/** Prints the step's line: wall time since `started` (the step, not loading the code) and peak RSS. */
function report(started: number, extra: Record<string, unknown>): void {
  // maxRSS is in KiB on Linux.
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ wallMs: performance.now() - started, peakMiB, ...extra })}\n`);
}

/**
 * bench:backtest — `nightshift backtest run` on the lab suite (every fault × seeds, 6 h bundles)
 * with the built-in brain at concurrency 1 and 2 in one process, and in two processes sharing the
 * run (as `--workers 2`), each configuration in fresh processes: wall time, cases a minute and peak
 * RSS, and whether top 1 and category equal bench:rca's on the same suite (its ranker run here on
 * the same bundles). Then `nightshift export --since` of 1,000 stored investigations (16 real
 * built-in ones with their evidence, as `serve` keeps them, each stored again under fresh ids),
 * plain and `--anonymise`: wall time, peak RSS, size on disk. Then `analyze` on the concurrency-1 backtest (time, cohorts), when
 * src/analyze exists. Ends with the throughput reached beside the target.
 *
 *   npm run bench:backtest -- [--seeds 5] [--hours 6] [--faults a,b] [--lab <suite dir>]
 *                             [--cache <dir>] [--exports 1000] [--export-distinct 16]
 *                             [--evidence yes|no] [--json out.json]
 *
 * Needs no shared data (`--data` is accepted and ignored). The suite is generated once into the
 * cache folder (default <tmp>/nightshift-bench-cache) and reused while the lab code is unchanged.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { suiteCaseIds } from '../src/backtest/index.js';
import { numberFlag, parseBenchArgs, writeJson } from './args.js';
import {
  type AnalyzeFigures,
  analyzeLine,
  type BacktestFigures,
  backtestTable,
  type ExportFigures,
  exportTable,
  perMinute,
  targetLine,
} from './backtest-report.js';
import { child } from './backtest-spawn.js';
import { type FillResult, fillStore } from './backtest-store.js';
import { cachedLabSuite, parseFaults, rcaVerdicts } from './backtest-suite.js';

/** In-process concurrency 1 and 2, then two processes sharing one run (one case each at a time). */
const CONFIGURATIONS = [
  { concurrency: 1, processes: 1 },
  { concurrency: 2, processes: 1 },
  { concurrency: 1, processes: 2 },
] as const;

const args = parseBenchArgs(process.argv.slice(2));
const exportsWanted = numberFlag(args, 'exports', 1000);
const exportDistinct = numberFlag(args, 'export-distinct', 16);
const withEvidence = (args.flags.get('evidence') ?? 'yes') !== 'no';
const suiteDir =
  args.flags.get('lab') ??
  (await cachedLabSuite(args.flags.get('cache') ?? join(tmpdir(), 'nightshift-bench-cache'), {
    faults: parseFaults(args.flags.get('faults')),
    seeds: numberFlag(args, 'seeds', 5),
    hours: numberFlag(args, 'hours', 6),
  }));
const caseIds = await suiteCaseIds(suiteDir);

const rcaStarted = performance.now();
const rca = { cases: await rcaVerdicts(suiteDir, caseIds), wallMs: 0 };
rca.wallMs = performance.now() - rcaStarted;

const work = await mkdtemp(join(tmpdir(), 'nightshift-bench-backtest-'));
const runs: BacktestFigures[] = [];
const exports: ExportFigures[] = [];
let analyze: AnalyzeFigures | undefined;
let fill: FillResult | undefined;
try {
  for (const [k, config] of CONFIGURATIONS.entries()) {
    const db = join(work, `backtest-${k}.db`);
    runs.push(config.processes === 1 ? await oneProcess(db, config.concurrency) : await twoProcesses(db));
  }
  process.stdout.write(`bench:backtest — ${suiteDir}\n${backtestTable(rca, runs)}`);

  const base = runs[0] as BacktestFigures;
  const baseDb = join(work, 'backtest-0.db');
  process.stdout.write(await exportFigures());

  process.stderr.write('analyze\n');
  analyze = await child<AnalyzeFigures>(['analyze', baseDb, base.runId, join(work, 'analysis'), '2']);
  process.stdout.write(analyzeLine(analyze));
  process.stdout.write(targetLine(runs, availableParallelism()));
} finally {
  await rm(work, { recursive: true, force: true });
}
await writeJson(args.json, {
  suite: suiteDir,
  cases: caseIds.length,
  rca: { ...rca, casesPerMinute: perMinute(rca.cases.length, rca.wallMs) },
  backtests: runs.map((r) => ({ ...r, casesPerMinute: perMinute(r.cases.length, r.wallMs) })),
  exports: { count: exportsWanted, ...fill, runs: exports },
  analyze,
});

type ChildBacktest = Omit<BacktestFigures, 'concurrency' | 'processes' | 'investigated'> & {
  investigated: number;
};

async function oneProcess(db: string, concurrency: number): Promise<BacktestFigures> {
  const figures = await child<ChildBacktest>(['backtest', suiteDir, db, String(concurrency)]);
  return { ...figures, concurrency, processes: 1, investigated: [figures.investigated] };
}

/**
 * Two processes on one run, as `backtest run --workers`: the first starts it, the second joins it
 * by resuming it the moment it is stored. Wall time is the first's (it returns once every case is
 * stored), peak memory the sum of both.
 */
async function twoProcesses(db: string): Promise<BacktestFigures> {
  let joined: Promise<{ peakMiB: number; investigated: number }> | undefined;
  const first = await child<ChildBacktest>(['backtest', suiteDir, db, '1', 'announce'], (line) => {
    const started = (JSON.parse(line) as { started?: unknown }).started;
    if (typeof started !== 'string' || joined !== undefined) return;
    joined = child(['join', db, started]);
    // Awaited below; this keeps a failure before then from being an unhandled rejection.
    joined.catch(() => undefined);
  });
  if (joined === undefined) throw new Error('the first backtest process never said its run had started');
  const second = await joined;
  return {
    ...first,
    concurrency: 1,
    processes: 2,
    peakMiB: first.peakMiB + second.peakMiB,
    investigated: [first.investigated, second.investigated],
  };
}

/**
 * Fills a store with `--exports` investigations (`--export-distinct` real ones, each stored again
 * under fresh ids), then exports them all with `--since 1d`, plain and `--anonymise`, each in its
 * own process. Each export folder is measured and removed before the next (with evidence, one is
 * gigabytes).
 */
async function exportFigures(): Promise<string> {
  const db = join(work, 'export.db');
  const distinct = Math.max(1, Math.min(exportDistinct, caseIds.length));
  // Spread over the suite, so the templates cover the faults rather than the first few.
  const picked = Array.from(
    { length: distinct },
    (_, k) => caseIds[Math.floor((k * caseIds.length) / distinct)] as string,
  );
  process.stderr.write(
    `filling a store with ${exportsWanted} investigations (${distinct} investigated, evidence ${withEvidence ? 'kept' : 'not kept'})\n`,
  );
  fill = await fillStore({
    db,
    suiteDir,
    caseIds: picked,
    count: exportsWanted,
    evidence: withEvidence,
    now: Date.now(),
  });
  for (const how of ['plain', 'anonymise'] as const) {
    const out = join(work, `export-${how}`);
    process.stderr.write(`export --since 1d${how === 'anonymise' ? ' --anonymise' : ''}\n`);
    const figures = await child<Omit<ExportFigures, 'how' | 'bytesOnDisk'>>(['export', db, out, '1d', how]);
    exports.push({ how, ...figures, bytesOnDisk: await bytesUnder(out) });
    await rm(out, { recursive: true, force: true });
  }
  const evidence =
    fill.evidenceBytes.length === 0
      ? 'no evidence stored'
      : `evidence ${(fill.evidenceBytes.reduce((a, b) => a + b, 0) / fill.evidenceBytes.length / 1024 / 1024).toFixed(1)} MB gzip each on average`;
  return `export of ${exportsWanted} stored investigations (${fill.distinct} distinct built-in ones, each under fresh ids; ${evidence})\n${exportTable(exports, exportsWanted)}`;
}

/** Bytes of every file under `dir`. */
async function bytesUnder(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const sizes = await Promise.all(
    entries.filter((e) => e.isFile()).map(async (e) => (await stat(join(e.parentPath, e.name))).size),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

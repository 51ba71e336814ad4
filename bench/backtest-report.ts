/**
 * bench:backtest's printed tables: the backtest configurations beside bench:rca's figures on the
 * same suite (with a check mark where they agree), the exports, analyze, and the throughput target.
 */
import Table from 'cli-table3';
import type { CaseVerdicts } from './backtest-suite.js';

/** Investigations a minute the issue asks of the built-in brain on 2 cores. */
export const TARGET_PER_MINUTE = 100;

export interface BacktestFigures {
  /** Cases at once in each process. */
  concurrency: number;
  processes: number;
  /** Cases each process investigated (together: every case once). */
  investigated: number[];
  runId: string;
  wallMs: number;
  /** The sum over the processes. */
  peakMiB: number;
  cases: CaseVerdicts[];
}

/** How a configuration reads in the tables. */
export function configName(r: Pick<BacktestFigures, 'concurrency' | 'processes'>): string {
  return r.processes === 1
    ? `concurrency ${r.concurrency}`
    : `${r.processes} processes × concurrency ${r.concurrency}`;
}

export interface ExportFigures {
  how: 'plain' | 'anonymise';
  exported: number;
  wallMs: number;
  peakMiB: number;
  bytesOnDisk: number;
}

export type AnalyzeFigures =
  | { available: false }
  | {
      available: true;
      wallMs: number;
      peakMiB: number;
      analysed: number;
      skipped: number;
      cohorts: number;
      cohortNames: string[];
    };

/** A verdict's share of the cases, and the ids where two lists of verdicts disagree on it. */
export function share(cases: readonly CaseVerdicts[], key: 'top1' | 'category'): number {
  return cases.length === 0 ? Number.NaN : cases.filter((c) => c[key]).length / cases.length;
}

export function disagreements(
  a: readonly CaseVerdicts[],
  b: readonly CaseVerdicts[],
  key: 'top1' | 'category',
): string[] {
  const other = new Map(b.map((c) => [c.id, c]));
  return a.filter((c) => other.get(c.id)?.[key] !== c[key]).map((c) => c.id);
}

export function perMinute(cases: number, wallMs: number): number {
  return wallMs <= 0 ? Number.NaN : (cases * 60_000) / wallMs;
}

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (x: number) => `${x.toFixed(0)} MiB`;

export function backtestTable(
  rca: { cases: CaseVerdicts[]; wallMs: number },
  runs: BacktestFigures[],
): string {
  const table = new Table({
    head: ['configuration', 'cases', 'errors', 'wall', 'cases/min', 'peak RSS', 'top 1', 'category'],
    style: { head: [], border: [] },
  });
  table.push([
    "bench:rca's ranker (in the bench process)",
    rca.cases.length,
    '',
    seconds(rca.wallMs),
    perMinute(rca.cases.length, rca.wallMs).toFixed(1),
    '',
    pct(share(rca.cases, 'top1')),
    pct(share(rca.cases, 'category')),
  ]);
  for (const r of runs)
    table.push([
      `runBacktest, builtin, ${configName(r)}`,
      r.cases.length,
      r.cases.filter((c) => c.error !== undefined).length,
      seconds(r.wallMs),
      perMinute(r.cases.length, r.wallMs).toFixed(1),
      mib(r.peakMiB),
      pct(share(r.cases, 'top1')),
      pct(share(r.cases, 'category')),
    ]);
  const lines = [table.toString()];
  for (const r of runs)
    for (const key of ['top1', 'category'] as const) {
      const ours = share(r.cases, key);
      const theirs = share(rca.cases, key);
      const differ = disagreements(r.cases, rca.cases, key);
      lines.push(
        `${configName(r)} ${key === 'top1' ? 'top 1' : 'category'} vs bench:rca: ${pct(ours)} vs ${pct(theirs)} ${ours === theirs ? '✓ equal' : '✗ MISMATCH'}; cases that differ: ${differ.length === 0 ? 'none' : differ.join(', ')}`,
      );
    }
  const [first, ...others] = runs;
  for (const r of others) {
    const differ = [
      ...new Set([
        ...disagreements(r.cases, first?.cases ?? [], 'top1'),
        ...disagreements(r.cases, first?.cases ?? [], 'category'),
      ]),
    ];
    lines.push(
      `${configName(r)} vs ${first === undefined ? '' : configName(first)}: ${differ.length === 0 ? '✓ same verdict on every case' : `✗ verdicts differ on ${differ.join(', ')}`}`,
    );
  }
  for (const r of runs.filter((r) => r.processes > 1)) {
    const total = r.investigated.reduce((a, b) => a + b, 0);
    lines.push(
      `${configName(r)}: cases investigated per process ${r.investigated.join(' + ')} = ${total} of ${r.cases.length} ${total === r.cases.length ? '✓ each case once' : '✗ some cases ran more than once'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function exportTable(exports: ExportFigures[], asked: number): string {
  const table = new Table({
    head: ['export --since', 'investigations', 'wall', 'per investigation', 'peak RSS', 'on disk'],
    style: { head: [], border: [] },
  });
  for (const e of exports)
    table.push([
      e.how === 'plain' ? 'plain' : '--anonymise',
      `${e.exported} of ${asked}${e.exported === asked ? '' : ' ✗'}`,
      seconds(e.wallMs),
      `${(e.wallMs / Math.max(1, e.exported)).toFixed(1)} ms`,
      mib(e.peakMiB),
      `${(e.bytesOnDisk / 1024 / 1024).toFixed(1)} MB`,
    ]);
  return `${table.toString()}\n`;
}

export function analyzeLine(analyze: AnalyzeFigures | undefined): string {
  if (analyze === undefined || !analyze.available)
    return 'analyze: not available (src/analyze/index.ts does not exist yet)\n';
  const names = analyze.cohortNames.length === 0 ? '' : `: ${analyze.cohortNames.join('; ')}`;
  return `analyze (builtin) on the concurrency-1 backtest: ${analyze.analysed} analysed, ${analyze.skipped} already on disk, ${seconds(analyze.wallMs)}, peak RSS ${mib(analyze.peakMiB)}; ${analyze.cohorts} cohort(s)${names}\n`;
}

/** The best throughput reached beside the issue's target. */
export function targetLine(runs: readonly BacktestFigures[], cores: number): string {
  const best = runs.reduce<BacktestFigures | undefined>(
    (a, r) =>
      a === undefined || perMinute(r.cases.length, r.wallMs) > perMinute(a.cases.length, a.wallMs) ? r : a,
    undefined,
  );
  if (best === undefined) return '';
  const reached = perMinute(best.cases.length, best.wallMs);
  return `target ≥ ${TARGET_PER_MINUTE} built-in investigations a minute on 2 cores: reached ${reached.toFixed(1)} a minute (${configName(best)}, this machine has ${cores} cores) — ${reached >= TARGET_PER_MINUTE ? 'met' : 'NOT met'}\n`;
}

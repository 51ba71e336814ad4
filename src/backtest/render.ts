/**
 * Backtests as text: the summary table of `backtest show` with its wrong cases, the run list, and
 * the comparison of `backtest compare`. Pure: strings in, strings out.
 */
import type { BacktestRunListing } from '../store/index.js';
import type { BacktestCase } from './case.js';
import type { BacktestComparison } from './compare.js';
import type { BacktestSummary, Rate } from './figures.js';
import type { StoredBacktest } from './stored.js';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** "85.4% (41/48, 95% CI 72.8–92.8%)", or "n/a (0 cases)". */
export function formatRate(r: Rate): string {
  if (r.rate === null || r.interval === null) return 'n/a (0 cases)';
  return `${pct(r.rate)} (${r.right}/${r.n}, 95% CI ${pct(r.interval.low)}–${pct(r.interval.high)})`;
}

const seconds = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);

function table(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The figures of a summary, one line each. */
export function summaryTable(s: BacktestSummary): string {
  return table([
    ['cases', `${s.cases}${s.errors > 0 ? ` (${s.errors} failed to investigate)` : ''}`],
    ['root cause top 1', formatRate(s.top1)],
    ['root cause top 3', formatRate(s.top3)],
    ['category', formatRate(s.category)],
    ['causing change found', formatRate(s.change)],
    ['change named, none caused it', formatRate(s.falseChange)],
    ['right at HIGH', formatRate(s.calibration.HIGH)],
    ['right at MEDIUM', formatRate(s.calibration.MEDIUM)],
    ['right at LOW', formatRate(s.calibration.LOW)],
    ['Brier score', s.brier === null ? 'n/a' : s.brier.toFixed(3)],
    ['time to brief', `p50 ${seconds(s.timeToBriefMs.p50)}, p95 ${seconds(s.timeToBriefMs.p95)}`],
    ['cost', `$${s.costUsd.toFixed(4)} (${s.tokens} tokens)`],
  ]);
}

function wrongLine(c: BacktestCase): string {
  if (c.error !== undefined) return `  ${c.id}: failed: ${c.error}`;
  const answered = c.answered;
  const change =
    c.change === false ? `; change ${answered?.change ?? 'none'} (truth ${c.expected.change})` : '';
  const falseChange = c.falseChange === true ? `; named change ${answered?.change} (truth: none)` : '';
  return `  ${c.id}: answered ${answered?.service} ${answered?.category} ${c.confidence}, truth ${c.expected.service} ${c.expected.category}${change}${falseChange}`;
}

/** `backtest show`: the run, its figures and its wrong cases. */
export function renderBacktest(b: StoredBacktest): string {
  const { run } = b;
  const status =
    run.finishedAt === undefined
      ? `unfinished: ${b.unfinished.length} cases to go (nightshift backtest run --resume ${run.id})`
      : `finished ${new Date(run.finishedAt).toISOString()}`;
  const head = `backtest ${run.id}${run.name === undefined ? '' : ` (${run.name})`}: ${run.suite}, brain ${run.brain}; ${status}`;
  const wrong = b.cases.filter((c) => !c.top1 || !c.category || c.change === false || c.falseChange === true);
  const wrongText =
    wrong.length === 0
      ? 'no wrong cases'
      : `wrong cases (${wrong.length}):\n${wrong.map(wrongLine).join('\n')}`;
  return `${head}\n${summaryTable(b.summary)}\n${wrongText}\n`;
}

/** `backtest list`: one line a run. */
export function renderList(runs: readonly BacktestRunListing[]): string {
  if (runs.length === 0)
    return 'no backtest runs stored yet; nightshift backtest run <suite folder> stores one\n';
  const rows = runs.map((r) => {
    const summary = r.summary as Partial<BacktestSummary> | undefined;
    const top1 = summary?.top1?.rate == null ? '-' : pct(summary.top1.rate);
    return [
      r.id,
      new Date(r.startedAt).toISOString().replace('T', ' ').slice(0, 19),
      r.name ?? '',
      r.brain,
      r.finishedAt === undefined ? `${r.finishedCases}/${r.cases} (unfinished)` : String(r.cases),
      top1,
      r.suite,
    ];
  });
  return `${table([['id', 'started (UTC)', 'name', 'brain', 'cases', 'top 1', 'suite'], ...rows])}\n`;
}

const signed = (points: number | null) =>
  points === null ? 'n/a' : `${points > 0 ? '+' : ''}${points.toFixed(1)} pts`;

/** `backtest compare`: each figure before → after, the flips, and the verdict of the gate. */
export function renderComparison(c: BacktestComparison): string {
  const rows = c.rates.map((d) => [
    d.figure,
    formatRate(d.before),
    '→',
    formatRate(d.after),
    signed(d.deltaPoints),
  ]);
  const num = (x: number | null, digits: number) => (x === null ? 'n/a' : x.toFixed(digits));
  rows.push(['Brier score', num(c.brier.before, 3), '→', num(c.brier.after, 3), '']);
  rows.push([
    'time to brief p50',
    seconds(c.timeToBriefP50Ms.before),
    '→',
    seconds(c.timeToBriefP50Ms.after),
    '',
  ]);
  rows.push(['cost', `$${c.costUsd.before.toFixed(4)}`, '→', `$${c.costUsd.after.toFixed(4)}`, '']);
  const list = (label: string, ids: readonly string[]) =>
    ids.length === 0 ? '' : `${label} (${ids.length}): ${ids.join(', ')}\n`;
  const verdict = c.regression
    ? `REGRESSION: top 1 dropped by more than ${c.failOnDropPoints} points\n`
    : `top 1 within ${c.failOnDropPoints} points of ${c.before}\n`;
  return `${c.before} → ${c.after}\n${table([['figure', c.before, '', c.after, 'change'], ...rows])}\n${list('right → wrong', c.regressed)}${list('wrong → right', c.fixed)}${list('only in the first run', c.onlyBefore)}${list('only in the second run', c.onlyAfter)}${verdict}`;
}

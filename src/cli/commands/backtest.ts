/**
 * `nightshift backtest run|list|show|compare`: re-run a suite of incident bundles, score every case
 * against its truth, keep the runs in the store (the one `nightshift.yaml` names, like eval runs)
 * and compare two of them, exiting 1 when top 1 dropped past a threshold so CI can gate on it.
 */
import { stderr } from 'node:process';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import {
  compareBacktests,
  DEFAULT_FAIL_ON_DROP_POINTS,
  loadBacktest,
  renderBacktest,
  renderComparison,
  renderList,
  runBacktest,
} from '../../backtest/index.js';
import { ExitCode } from '../exit-code.js';
import { parseChoice, parseInteger, parseNumber } from '../options.js';
import { withStore } from './eval-runs.js';

interface RunFlags {
  brain: 'builtin';
  concurrency: number;
  name?: string;
  resume?: string;
  json?: boolean;
}

async function run(suite: string | undefined, flags: RunFlags): Promise<void> {
  const bar = stderr.isTTY
    ? new SingleBar({ format: ' {bar} {value}/{total} cases  {id}', hideCursor: true })
    : undefined;
  let barStarted = false;
  try {
    const result = await withStore((store) =>
      runBacktest({
        store,
        ...(suite === undefined ? {} : { suiteDir: suite }),
        brain: flags.brain,
        concurrency: flags.concurrency,
        ...(flags.name === undefined ? {} : { name: flags.name }),
        ...(flags.resume === undefined ? {} : { resume: flags.resume }),
        onProgress: (p) => {
          if (bar === undefined) return;
          // Started at the first finished case: only then is a resumed run's total known.
          if (!barStarted) bar.start(p.total, p.done - 1, { id: '' });
          barStarted = true;
          bar.update(p.done, { id: p.caseId });
        },
      }),
    );
    bar?.stop();
    const { run: stored, cases, investigated } = result;
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ run: stored, investigated, cases }, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      `${renderBacktest({ run: stored, cases, unfinished: [], summary: stored.summary })}investigated ${investigated.length} of ${cases.length} cases in this run; nightshift backtest show ${stored.id}\n`,
    );
  } finally {
    bar?.stop();
  }
}

export function registerBacktest(program: Command): void {
  const backtest = program
    .command('backtest')
    .description('Re-run a suite of incident bundles, score each against its truth, compare runs.');

  backtest
    .command('run')
    .description('Investigate every bundle of a suite and score it; each case is stored as it finishes.')
    .argument(
      '[suite]',
      'a suite folder (suite.yaml, or sub-folders with incident.yaml); optional with --resume',
    )
    .addOption(
      new Option('--brain <name>', 'the brain to investigate with')
        .default('builtin')
        .argParser(parseChoice(['builtin'] as const)),
    )
    .option('--concurrency <n>', 'cases investigated at once', parseInteger(1, 64), 1)
    .option('--name <label>', 'a label for the run (shown by list; not unique)')
    .option('--resume <run>', 'finish a stored run: only its unfinished cases are investigated')
    .option('--json', 'print the run, its cases and what this call investigated as JSON')
    .action(async (suite: string | undefined, flags: RunFlags) => run(suite, flags));

  backtest
    .command('list')
    .description('List recent backtest runs: id, when, name, brain, cases (unfinished ones marked), top 1.')
    .option('--limit <n>', 'how many runs', parseInteger(1, 1000), 20)
    .option('--json', 'print the runs as JSON')
    .action(async (flags: { limit: number; json?: boolean }) => {
      const runs = await withStore((store) => store.listBacktestRuns({ limit: flags.limit }));
      process.stdout.write(flags.json ? `${JSON.stringify(runs, null, 2)}\n` : renderList(runs));
    });

  backtest
    .command('show')
    .description('One run: its figures with 95% intervals, and its wrong cases.')
    .argument('<run>', 'a run id (or a unique prefix), last, or previous')
    .option('--json', 'print the run, its summary and its cases as JSON')
    .action(async (ref: string, flags: { json?: boolean }) => {
      const stored = await withStore((store) => loadBacktest(store, ref));
      process.stdout.write(flags.json ? `${JSON.stringify(stored, null, 2)}\n` : renderBacktest(stored));
    });

  backtest
    .command('compare')
    .description(
      'Compare two runs (older first): deltas with intervals and flipped cases; exit 1 on a top 1 drop.',
    )
    .argument('<a>', 'the baseline run: id, prefix, last or previous')
    .argument('<b>', 'the run to judge')
    .option(
      '--fail-on-drop <points>',
      'exit 1 when top 1 dropped by more than this many percentage points',
      parseNumber(0, 100),
      DEFAULT_FAIL_ON_DROP_POINTS,
    )
    .option('--json', 'print the comparison as JSON')
    .action(async (a: string, b: string, flags: { failOnDrop: number; json?: boolean }) => {
      const [first, second] = await withStore(async (store) => [
        await loadBacktest(store, a),
        await loadBacktest(store, b),
      ]);
      const comparison = compareBacktests(
        { id: first.run.id, summary: first.summary, cases: first.cases },
        { id: second.run.id, summary: second.summary, cases: second.cases },
        flags.failOnDrop,
      );
      process.stdout.write(
        flags.json ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison),
      );
      if (comparison.regression) throw new ExitCode(1);
    });
}

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
  DEFAULT_BACKTEST_LEASE_MS,
  DEFAULT_FAIL_ON_DROP_POINTS,
  loadBacktest,
  renderBacktest,
  renderComparison,
  renderList,
  runBacktest,
} from '../../backtest/index.js';
import { NightshiftError } from '../../core/index.js';
import { BRAIN_NAMES, type BrainChoice } from '../../investigate/index.js';
import { chooseBrain } from '../brain-choice.js';
import { ExitCode } from '../exit-code.js';
import { parseChoice, parseInteger, parseNumber, parseSinceOption } from '../options.js';
import { withStore } from './eval-runs.js';
import { type BacktestWorkers, parseLease, startBacktestWorkers } from './worker.js';

interface RunFlags {
  brain: BrainChoice;
  model?: string;
  fromStore?: boolean;
  since?: number;
  service?: string;
  account?: string;
  limit?: number;
  concurrency: number;
  workers: number;
  lease: number;
  name?: string;
  resume?: string;
  json?: boolean;
}

async function run(suite: string | undefined, flags: RunFlags): Promise<void> {
  const bar = stderr.isTTY
    ? new SingleBar({ format: ' {bar} {value}/{total} cases  {id}', hideCursor: true })
    : undefined;
  let barStarted = false;
  const controller = new AbortController();
  let workers: BacktestWorkers | undefined;
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    workers?.stop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (flags.model !== undefined && flags.brain !== 'llm')
    throw new NightshiftError('BAD_INPUT', '--model is for --brain llm', {
      hint: 'nightshift backtest run <suite> --brain llm --model anthropic:claude-sonnet-4-5',
    });
  const storeOnly = [flags.since, flags.service, flags.account, flags.limit].some((v) => v !== undefined);
  if (storeOnly && !flags.fromStore)
    throw new NightshiftError(
      'BAD_INPUT',
      '--since, --service, --account and --limit choose cases from the store',
      {
        hint: 'add --from-store, or give a suite folder without them',
      },
    );
  const chosen = await chooseBrain({ brain: flags.brain, model: flags.model }, process.cwd(), process.env);
  try {
    const result = await withStore((store) =>
      runBacktest({
        store,
        ...(suite === undefined ? {} : { suiteDir: suite }),
        ...(flags.fromStore
          ? {
              fromStore: {
                ...(flags.since === undefined ? {} : { since: Date.now() - flags.since }),
                ...(flags.service === undefined ? {} : { service: flags.service }),
                ...(flags.account === undefined ? {} : { account: flags.account }),
                ...(flags.limit === undefined ? {} : { limit: flags.limit }),
              },
            }
          : {}),
        onSkipped: (skipped) => {
          stderr.write(`${skipped.length} confirmed incident(s) cannot be cases:\n`);
          for (const s of skipped.slice(0, 20)) stderr.write(`  ${s.id}: ${s.reason}\n`);
          if (skipped.length > 20) stderr.write(`  … and ${skipped.length - 20} more\n`);
        },
        brain: chosen.brain,
        ...(chosen.model === undefined ? {} : { model: chosen.model }),
        concurrency: flags.concurrency,
        leaseMs: flags.lease,
        ...(flags.name === undefined ? {} : { name: flags.name }),
        ...(flags.resume === undefined ? {} : { resume: flags.resume }),
        signal: controller.signal,
        onStarted: (started) => {
          if (flags.workers > 1)
            workers = startBacktestWorkers(flags.workers - 1, started.id, {
              concurrency: flags.concurrency,
              leaseMs: flags.lease,
            });
        },
        onProgress: (p) => {
          if (bar === undefined) return;
          if (!barStarted) bar.start(p.total, p.done, { id: '' });
          barStarted = true;
          bar.update(p.done, { id: p.caseId ?? '' });
        },
        log: (line) => stderr.write(`${line}\n`),
      }),
    );
    bar?.stop();
    await workers?.finished();
    const { run: stored, cases, investigated } = result;
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ run: stored, investigated, cases }, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      `${renderBacktest({ run: stored, cases, unfinished: [], summary: stored.summary })}investigated ${investigated.length} of ${cases.length} cases in this ${flags.workers > 1 ? 'process' : 'run'}; nightshift backtest show ${stored.id}\n`,
    );
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    bar?.stop();
    await workers?.finished();
    stderr.write(
      `stopped; ${error instanceof NightshiftError && error.hint ? error.hint : 'resume the run with --resume'}\n`,
    );
    throw new ExitCode(130);
  } finally {
    bar?.stop();
    workers?.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
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
        .argParser(parseChoice(BRAIN_NAMES)),
    )
    .option('--model <provider:model>', 'with --brain llm: the model (else nightshift.yaml llm:)')
    .option(
      '--from-store',
      'the cases are the confirmed incidents in the store (feedback given, evidence kept), replayed from their evidence',
    )
    .option(
      '--since <duration>',
      'with --from-store: investigations created this long ago or later (30d, 12h)',
      parseSinceOption,
    )
    .option('--service <name>', "with --from-store: only the alert's service")
    .option('--account <label>', 'with --from-store: only this account label')
    .option('--limit <n>', 'with --from-store: the most recent n cases', parseInteger(1, 100_000))
    .option('--concurrency <n>', 'cases investigated at once by each process', parseInteger(1, 64), 1)
    .option(
      '--workers <n>',
      'processes working on the run: this one and n-1 `nightshift worker --backtest` children',
      parseInteger(1, 64),
      1,
    )
    .option(
      '--lease <duration>',
      'how long a case stays leased without a heartbeat (how soon a killed worker’s case is taken over)',
      parseLease,
      DEFAULT_BACKTEST_LEASE_MS,
    )
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

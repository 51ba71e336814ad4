/**
 * `nightshift eval run [suite|folder|glob...]`: runs eval suites (every `*.eval.yaml` under the
 * working directory by default), prints a table (or `--json`, and `--junit <file>`), stores the run
 * for `eval runs` and `eval compare`, and exits 0 when every gate passed, 100 when a case failed or
 * errored, 1 when nothing could be run or judged (a bad suite, every case erroring).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { NightshiftError } from '../../core/index.js';
import { codeVersion } from '../../evals/code-version.js';
import { writeJunit } from '../../evals/results/junit.js';
import type { EvalRunResult } from '../../evals/results/schema.js';
import { exitCodeOf } from '../../evals/results/summary.js';
import { renderTable } from '../../evals/results/table.js';
import { findSuites } from '../../evals/runner/find-suites.js';
import { resolveEvalModel } from '../../evals/runner/model.js';
import { runEvals } from '../../evals/runner/run.js';
import { createTargets } from '../../evals/targets/registry.js';
import { nightshiftHome } from '../../investigate/index.js';
import { pc, pcErr } from '../colors.js';
import { ExitCode } from '../exit-code.js';
import { parseInteger } from '../options.js';
import { loadRun, openEvalStore, registerEvalRuns } from './eval-runs.js';

interface RunFlags {
  case?: string[];
  repeat?: number;
  model?: string;
  grader?: string;
  concurrency: number;
  cache: boolean;
  json?: boolean;
  junit?: string;
  filterFailing?: string;
}

/** Repeats at once by default: the two cores CI has, and a little more for targets that wait. */
const DEFAULT_CONCURRENCY = 4;

export function registerEvalRun(evalCommand: Command): void {
  evalCommand
    .command('run')
    .description(
      'Run eval suites (default: every *.eval.yaml here); exit 0 all gates passed, 100 a case failed, 1 an error.',
    )
    .argument('[suites...]', 'suite files, folders or quoted globs ("evals/**/*.eval.yaml")')
    .option('--case <names...>', 'only these cases (by name)')
    .option(
      '--repeat <n>',
      'run every case n times; a gate k/N becomes ⌈k/N·n⌉/n (pass: 2/3 with --repeat 10 needs 7)',
      parseInteger(1, 100),
    )
    .option(
      '--model <provider:model>',
      'the model for targets that call one (e.g. openai-compatible:llama3.1)',
    )
    .option('--grader <provider:model>', 'the model llm-rubric assertions grade with (default: --model)')
    .option('--concurrency <n>', 'repeats running at once', parseInteger(1, 64), DEFAULT_CONCURRENCY)
    .option('--no-cache', 'run every repeat afresh (the cache is under .nightshift/evals/cache)')
    .option('--json', 'print the run result as JSON')
    .option('--junit <file>', 'also write a JUnit XML report here')
    .option(
      '--filter-failing <run>',
      'only the cases that failed or errored in that run (id, prefix, last, previous)',
    )
    .action(async (suites: string[], flags: RunFlags) => {
      const result = await runOrExit(suites, flags);
      if (result === undefined) return;
      if (flags.junit) await writeJunit(flags.junit, result);
      if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        process.stdout.write(renderTable(result, pc));
        process.stdout.write(
          `${pc.dim(`eval run ${result.id} stored; nightshift eval compare last previous   # what changed`)}\n`,
        );
      }
      const code = exitCodeOf(result.summary);
      if (code !== 0) throw new ExitCode(code);
    });
  registerEvalRuns(evalCommand);
}

/**
 * Runs and stores the suites; undefined when there was nothing to run. Anything that stops the
 * run from being judged (a bad suite, an unknown case, an unreachable store) is printed and ends
 * with exit code 1, which is what the eval convention gives errors (main would give 2).
 */
async function runOrExit(args: string[], flags: RunFlags): Promise<EvalRunResult | undefined> {
  const cwd = process.cwd();
  try {
    const store = await openEvalStore(cwd, process.env);
    try {
      const selection = await select(args, flags, store);
      if (selection === undefined) return undefined;
      const home = nightshiftHome(process.env, cwd);
      const version = await codeVersion();
      const model = flags.model ? await resolveEvalModel(flags.model, { cwd, env: process.env }) : undefined;
      const grader = flags.grader
        ? await resolveEvalModel(flags.grader, { cwd, env: process.env })
        : undefined;
      const result = await runEvals({
        files: selection.files,
        targets: createTargets({ codeVersion: async () => version }),
        ...(selection.cases && { cases: selection.cases }),
        ...(flags.repeat !== undefined && { repeat: flags.repeat }),
        ...(model && { model }),
        ...(grader && { grader }),
        concurrency: flags.concurrency,
        ...(flags.cache && { cacheDir: join(home, 'evals', 'cache') }),
        labDir: join(home, 'evals', 'lab'),
        codeVersion: version,
        ...(!flags.json &&
          process.stderr.isTTY && { onCase: (c) => process.stderr.write(`${c.status} ${c.name}\n`) }),
      });
      await store.saveEvalRun({
        id: result.id,
        startedAt: result.startedAt,
        finishedAt: result.finishedAt,
        suites: result.suites.map((s) => s.file),
        cases: result.summary.cases,
        passed: result.summary.passed,
        failed: result.summary.failed,
        errored: result.summary.errored,
        xfailed: result.summary.xfailed,
        ...(result.model && { model: result.model }),
        codeVersion: result.codeVersion,
        result,
      });
      return result;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (!(error instanceof NightshiftError)) throw error;
    process.stderr.write(`${pcErr.red('error')}: ${error.message}\n`);
    if (error.hint) process.stderr.write(`${pcErr.dim('hint')}: ${error.hint}\n`);
    throw new ExitCode(1);
  }
}

/** The files and case names to run, from the arguments and `--case`/`--filter-failing`. */
async function select(
  args: string[],
  flags: RunFlags,
  store: Awaited<ReturnType<typeof openEvalStore>>,
): Promise<{ files: string[]; cases?: string[] } | undefined> {
  const cwd = process.cwd();
  if (flags.filterFailing === undefined) {
    const files = await findSuites(args, cwd);
    if (files.length === 0)
      throw new NightshiftError('NOT_FOUND', `no *.eval.yaml file under ${cwd}`, {
        hint: 'pass a suite file, or run from the folder that holds the suites',
      });
    return { files, ...(flags.case && { cases: flags.case }) };
  }
  const earlier = await loadRun(store, flags.filterFailing);
  const failing = earlier.cases.filter((c) => c.status === 'fail' || c.status === 'error');
  const wanted = failing.filter((c) => flags.case === undefined || flags.case.includes(c.name));
  const files = args.length > 0 ? await findSuites(args, cwd) : [...new Set(wanted.map((c) => c.suite))];
  const inFiles = wanted.filter((c) => files.includes(c.suite));
  if (inFiles.length === 0) {
    process.stdout.write(`no failing case of eval run ${earlier.id} to run again\n`);
    return undefined;
  }
  return {
    files: [...new Set(inFiles.map((c) => c.suite))],
    cases: [...new Set(inFiles.map((c) => c.name))],
  };
}

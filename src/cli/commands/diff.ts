/**
 * `nightshift diff <a> <b> [--json]`: the first step where two runs of an investigation part (tool
 * called, arguments, result, model output, a review round's decision) and how their reports
 * differ (src/diff, docs/diff.md). Exits 0 when the runs are identical, 1 when they differ (as
 * diff(1) does), 2 when an input cannot be read.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { diffRuns, formatRunDiff, type LoadedRun, loadRun, stepsOf } from '../../diff/index.js';
import { openConfiguredStore } from '../../evals/save/index.js';
import { nightshiftHome } from '../../investigate/index.js';
import { ExitCode } from '../exit-code.js';

interface Flags {
  json?: boolean;
  config?: string;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description(
      'Show the first step where two runs of an investigation diverge, then how their reports differ (exit 1 when they differ).',
    )
    .argument('<a>', 'an export folder, a folder `nightshift investigate` kept, or an investigation id')
    .argument('<b>', 'the run to compare it with, given the same ways')
    .option('--json', 'print the comparison as JSON')
    .option('--config <file>', 'nightshift.yaml that names the store, for ids (default: ./nightshift.yaml)')
    .action(async (a: string, b: string, flags: Flags) => {
      const cwd = process.cwd();
      const home = nightshiftHome(process.env, cwd);
      // Folders need no store: it is opened only when an argument is not a path.
      const needsStore = [a, b].some((ref) => !existsSync(resolve(cwd, ref)));
      const store = needsStore
        ? await openConfiguredStore({
            cwd,
            env: process.env,
            ...(flags.config === undefined ? {} : { configFile: flags.config }),
          })
        : undefined;
      let runs: [LoadedRun, LoadedRun];
      try {
        const sources = { cwd, home, store };
        runs = [await loadRun(a, sources), await loadRun(b, sources)];
      } finally {
        await store?.close();
      }
      const [x, y] = runs;
      const diff = diffRuns(
        { steps: stepsOf(x.trace), report: x.report },
        { steps: stepsOf(y.trace), report: y.report },
      );
      process.stdout.write(
        flags.json
          ? `${JSON.stringify({ a: { ref: a, where: x.where }, b: { ref: b, where: y.where }, ...diff }, null, 2)}\n`
          : formatRunDiff(diff, { a: x.where, b: y.where }),
      );
      if (!diff.identical) throw new ExitCode(1);
    });
}

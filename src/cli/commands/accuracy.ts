/**
 * `nightshift accuracy [--since 30d] [--by service|category|account] [--json]`: the accuracy
 * users can quote, from the confirmed incidents in the configured store (SQLite by default,
 * PostgreSQL for a team). Thin: the figures and sentences are src/accuracy's.
 */
import type { Command } from 'commander';
import {
  ACCURACY_SPLITS,
  type AccuracyReport,
  type AccuracySplit,
  accuracyReport,
  DEFAULT_SINCE,
  measureAccuracy,
} from '../../accuracy/index.js';
import { measureBacktestAccuracy } from '../../backtest/index.js';
import { NightshiftError } from '../../core/index.js';
import { openConfiguredStore } from '../../evals/save/index.js';
import { pc } from '../colors.js';
import { parseChoice, parseSinceOption } from '../options.js';

interface Flags {
  since?: number;
  by?: AccuracySplit;
  backtest?: string;
  json?: boolean;
  config?: string;
}

export function registerAccuracy(program: Command): void {
  program
    .command('accuracy')
    .description(
      'Accuracy you can quote: root cause, category and confidence calibration over confirmed incidents (those a responder gave feedback on), each with its sample size and 95% interval.',
    )
    .option(
      '--since <duration>',
      `count investigations created this long ago or later (default ${DEFAULT_SINCE})`,
      parseSinceOption,
    )
    .option(
      '--by <split>',
      `split every figure by ${ACCURACY_SPLITS.join(', ')}`,
      parseChoice(ACCURACY_SPLITS),
    )
    .option(
      '--backtest <run>',
      'count the cases of a stored backtest run (id, prefix, last, previous) instead of feedback; adds the causing change',
    )
    .option('--json', 'print the figures (counts, rates, intervals) and the sentences as JSON')
    .option('--config <file>', 'nightshift.yaml that names the store (default: ./nightshift.yaml)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  nightshift accuracy',
        '  nightshift accuracy --since 90d --by service',
        '  nightshift accuracy --by account --json',
        '  nightshift accuracy --backtest last --by environment',
      ].join('\n'),
    )
    .action(async (flags: Flags) => {
      const sinceMs = Date.now() - (flags.since ?? parseSinceOption(DEFAULT_SINCE));
      const options = { sinceMs, ...(flags.by === undefined ? {} : { by: flags.by }) };
      const cwd = process.cwd();
      const store = await openConfiguredStore({
        cwd,
        env: process.env,
        ...(flags.config === undefined ? {} : { configFile: flags.config }),
      });
      let report: AccuracyReport;
      if (flags.backtest !== undefined) {
        if (store === undefined)
          throw new NightshiftError('NOT_FOUND', `no backtest run ${flags.backtest}: the store is empty`, {
            hint: 'nightshift backtest run <suite folder> stores a run',
          });
        try {
          report = await measureBacktestAccuracy(store, flags.backtest, flags.by ? { by: flags.by } : {});
        } finally {
          await store.close();
        }
      } else if (store === undefined) {
        // No SQLite file yet: nothing was ever confirmed, and reading must not create one.
        report = accuracyReport({ cases: [], skipped: [] }, options);
      } else {
        try {
          report = await measureAccuracy(store, options);
        } finally {
          await store.close();
        }
      }
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
    });
}

function renderReport(report: AccuracyReport): string {
  const lines = [pc.bold(report.headline), ...report.overall.sentences.map((s) => `  ${s}`)];
  for (const group of report.groups ?? []) {
    lines.push('', pc.bold(`${report.by} ${group.key} (${group.confirmed} confirmed)`));
    // The group's sentences name it already; indented under its heading they read without the prefix.
    lines.push(...group.sentences.map((s) => `  ${s.slice(`${report.by} ${group.key}: `.length)}`));
  }
  const skipped = Object.entries(report.skipped).filter(([, count]) => count > 0);
  if (skipped.length > 0) {
    lines.push(
      '',
      pc.dim(`not counted: ${skipped.map(([reason, count]) => `${count} graded with ${reason}`).join(', ')}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

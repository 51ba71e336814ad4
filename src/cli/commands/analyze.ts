/**
 * `nightshift analyze <backtest run | export folder>`: explains a backtest's wrong and shaky cases,
 * one analysis file per case (resumable), cohorts and a synthesis of changes. Thin: the work is
 * src/analyze's. Ctrl-C lets the cases under way finish; run again to do the rest.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stderr } from 'node:process';
import { type Command, Option } from 'commander';
import { type AnalysisResult, type AnalyzeOptions, analyzeBacktest } from '../../analyze/index.js';
import { ExitCode } from '../exit-code.js';
import { parseChoice, parseInteger } from '../options.js';
import { withStore } from './eval-runs.js';

interface Flags {
  out?: string;
  playbooks?: string;
  concurrency: number;
  brain: 'builtin' | 'llm';
  model?: string;
  json?: boolean;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

function render(r: AnalysisResult): string {
  const lines = [
    `analysed ${r.analysed} cases${r.skipped > 0 ? `, ${r.skipped} already on disk` : ''}${r.failed.length > 0 ? `, ${r.failed.length} failed` : ''}`,
  ];
  for (const f of r.failed) lines.push(`  ✗ ${f.caseId}: ${f.error}`);
  if (r.interrupted) lines.push(`interrupted: run the same command again to analyse the rest (${r.outDir})`);
  else {
    for (const c of r.cohorts) lines.push(`  ${String(c.cases.length).padStart(3)}  ${c.id}  ${c.code.file}`);
    lines.push(`synthesis: ${r.synthesisPath}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(
      'Explain a backtest: analyse each wrong or shaky case (where the run went wrong, and the code that decided it), group them into cohorts and propose changes.',
    )
    .argument(
      '<backtest>',
      'a backtest run (id, prefix, last or previous) or a folder from `nightshift export --backtest`',
    )
    .option('--out <dir>', 'where to write the analyses (default: analysis-<backtest>)')
    .option('--playbooks <dir>', 'the playbooks the LLM follows (default: docs/playbooks)')
    .option('--concurrency <n>', 'cases analysed at once', parseInteger(1, 64), 4)
    .addOption(
      new Option('--brain <name>', 'builtin (offline, deterministic) or llm (follows the playbooks)')
        .default('builtin')
        .argParser(parseChoice(['builtin', 'llm'] as const)),
    )
    .option('--model <provider:model>', 'the model for --brain llm (default: the configured one)')
    .option('--json', 'print the result (counts, cohorts, paths) as JSON')
    .action(async (ref: string, flags: Flags) => {
      const folder = await isFolder(ref);
      const outDir = flags.out ?? join(process.cwd(), `analysis-${folder ? 'export' : ref}`);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      const base: AnalyzeOptions = {
        outDir,
        brain: flags.brain,
        concurrency: flags.concurrency,
        signal: controller.signal,
        ...(flags.model === undefined ? {} : { model: flags.model }),
        ...(flags.playbooks === undefined ? {} : { playbooksDir: flags.playbooks }),
        onProgress: (p) => {
          if (stderr.isTTY) stderr.write(`\r${p.done}/${p.total} ${p.caseId}\x1b[K`);
        },
      };
      try {
        const result = folder
          ? await analyzeBacktest({ ...base, exportDir: ref })
          : await withStore((store) => analyzeBacktest({ ...base, store, runRef: ref }));
        if (stderr.isTTY) stderr.write('\n');
        process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : render(result));
        if (result.failed.length > 0 || result.interrupted) throw new ExitCode(1);
      } finally {
        process.off('SIGINT', stop);
      }
    });
}

/** `nightshift trace <id>`: every step of an investigation as a tree, with timings, tokens and costs. */
import type { Command } from 'commander';
import { loadInvestigation, nightshiftHome } from '../../investigate/index.js';
import { formatTraceTree } from '../../tracing/index.js';
import { stdoutHasColor } from '../colors.js';

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description(
      'Print the trace of an investigation: each step, prompt and tool call with its timing and cost.',
    )
    .argument('<id>', 'an investigation id that `nightshift investigate` printed, or the path of its folder')
    .option('--json', 'print the trace as JSON')
    .action(async (id: string, flags: { json?: boolean }) => {
      const investigation = await loadInvestigation(nightshiftHome(process.env, process.cwd()), id);
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(investigation.trace, null, 2)}\n`
          : formatTraceTree(investigation.trace, { color: stdoutHasColor }),
      );
    });
}

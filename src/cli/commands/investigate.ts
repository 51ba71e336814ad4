/**
 * `nightshift investigate <bundle>`: a whole investigation — sources read in parallel, specialists,
 * hypotheses reviewed and revised, the report — printed as a brief, kept under `.nightshift/` for
 * `nightshift trace`, and with `--out` written as a folder of files for people and tools.
 */
import { type Command, Option } from 'commander';
import {
  BRAIN_NAMES,
  type Brain,
  type BrainChoice,
  DEFAULT_MAX_ROUNDS,
  DEFAULT_SOURCE_TIMEOUT_MS,
  type Investigation,
  investigateBundle,
  investigationFiles,
  nightshiftHome,
  saveInvestigation,
  writeFolder,
} from '../../investigate/index.js';
import { renderTerminal } from '../../investigate/render/index.js';
import { chooseBrain } from '../brain-choice.js';
import { pc, stdoutHasColor } from '../colors.js';
import { parseChoice, parseInteger } from '../options.js';

interface Flags {
  brain: BrainChoice;
  model?: string;
  json?: boolean;
  out?: string;
  force?: boolean;
  rounds: number;
  sourceTimeout: number;
}

export function registerInvestigate(program: Command): void {
  program
    .command('investigate')
    .description(
      'Investigate the incident in a bundle and print the brief: root cause, evidence, safest actions.',
    )
    .argument('<bundle>', 'folder that holds incident.yaml')
    .addOption(
      new Option('--brain <name>', 'who reasons over the evidence')
        .argParser(parseChoice(BRAIN_NAMES))
        .default('builtin'),
    )
    .option('--model <id>', 'with --brain llm: the model to use for both the fast and the strong role')
    .option('--json', 'print the report as JSON')
    .option(
      '--out <dir>',
      'also write report.md, report.json, postmortem.md, postmortem.json, runbook.md, trace.txt here',
    )
    .option('--force', 'replace --out if it exists (once the new folder is complete)')
    .option(
      '--rounds <n>',
      'hypothesise → review → revise rounds at most',
      parseInteger(1, 10),
      DEFAULT_MAX_ROUNDS,
    )
    .option(
      '--source-timeout <ms>',
      'time limit for reading each source; a source past it is reported missing',
      parseInteger(100, 600_000),
      DEFAULT_SOURCE_TIMEOUT_MS,
    )
    .action(async (bundle: string, flags: Flags) => {
      const investigation = await investigateBundle(bundle, {
        brain: await brainFor(flags),
        maxRounds: flags.rounds,
        sourceTimeoutMs: flags.sourceTimeout,
        // Kept beside the investigation (evidence.json.gz), so `nightshift replay` can re-run it.
        keepEvidence: true,
      });
      const home = nightshiftHome(process.env, process.cwd());
      const saved = await saveInvestigation(home, investigation);
      if (flags.out)
        await writeFolder(flags.out, investigationFiles(investigation), { force: flags.force ?? false });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(investigation.report, null, 2)}\n`);
        return;
      }
      process.stdout.write(renderTerminal(investigation.report, { color: stdoutHasColor }));
      process.stdout.write(`\n${footer(investigation, saved, flags.out)}\n`);
    });
}

/** The brain the flags name; the LLM's settings come from nightshift.yaml's `llm:` and the environment. */
async function brainFor(flags: Flags): Promise<Brain> {
  return (await chooseBrain({ brain: flags.brain, model: flags.model }, process.cwd(), process.env)).brain;
}

function footer(inv: Investigation, saved: string, out: string | undefined): string {
  const lines = [
    pc.dim(
      `investigation ${inv.id}: ${inv.brain} brain, ${inv.rounds} review round${inv.rounds === 1 ? '' : 's'}, ${(inv.elapsedMs / 1000).toFixed(1)} s`,
    ),
    pc.dim(`  nightshift trace ${inv.id}      # every step, with timings`),
    pc.dim(`  kept in ${saved}`),
  ];
  if (out) lines.push(pc.dim(`  files in ${out}: ${Object.keys(investigationFiles(inv)).join(', ')}`));
  for (const note of inv.notes) lines.push(pc.yellow(`note: ${note}`));
  return lines.join('\n');
}

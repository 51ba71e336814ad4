/**
 * `nightshift demo`: makes a realistic incident in a temporary folder, investigates it with the
 * built-in brain, prints the brief, and says whether the brief matches the lab's known root cause.
 */
import { randomInt } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { readTruth } from '../../bundle/scoring.js';
import { investigateBundle, nightshiftHome, saveInvestigation } from '../../investigate/index.js';
import { renderTerminal } from '../../investigate/render/index.js';
import {
  DEFAULT_SCENARIO,
  DEFAULT_VOLUME,
  FAULT_NAMES,
  type FaultName,
  generateBundle,
} from '../../lab/index.js';
import { pc, stdoutHasColor } from '../colors.js';
import { parseChoice, parseInteger } from '../options.js';
import { formatBundleSummary } from '../print-bundle.js';
import { withProgress } from './lab.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Generate a realistic incident into a temporary folder and show what it holds.')
    .addOption(
      new Option('--fault <type>', 'fault type (default: a random one)').argParser(parseChoice(FAULT_NAMES)),
    )
    .option('--seed <n>', 'random seed (default: a random one)', parseInteger(0))
    .option('--hours <n>', 'length of the telemetry window', parseInteger(1, 48), 6)
    .option('--out <dir>', 'where to write the bundle (default: a new temporary folder)')
    .action(async (flags: { fault?: FaultName; seed?: number; hours: number; out?: string }) => {
      const fault = flags.fault ?? (FAULT_NAMES[randomInt(FAULT_NAMES.length)] as FaultName);
      const seed = flags.seed ?? randomInt(1, 10_000);
      const out = flags.out ?? join(await mkdtemp(join(tmpdir(), 'nightshift-demo-')), 'bundle');
      const summary = await withProgress('simulating', (tick) =>
        generateBundle(
          out,
          {
            ...DEFAULT_SCENARIO,
            ...DEFAULT_VOLUME,
            fault,
            seed,
            hours: flags.hours,
            drop: [],
            gzip: true,
            force: false,
          },
          tick,
        ),
      );
      process.stdout.write(
        `${pc.dim(`lab fault ${fault}, seed ${seed}`)}\n\n${formatBundleSummary(summary)}\n\n`,
      );
      const investigation = await investigateBundle(out);
      await saveInvestigation(nightshiftHome(process.env, process.cwd()), investigation);
      process.stdout.write(renderTerminal(investigation.report, { color: stdoutHasColor }));
      const truth = await readTruth(out);
      const got = investigation.report.rootCause;
      if (truth) {
        const right = got.service === truth.rootCause.service;
        const verdict = right
          ? pc.green(`right: ${truth.rootCause.service}, ${truth.rootCause.category.replaceAll('_', ' ')}`)
          : pc.red(
              `wrong: the lab's root cause is ${truth.rootCause.service}, ${truth.rootCause.category.replaceAll('_', ' ')}`,
            );
        process.stdout.write(`\n${pc.bold("Against the lab's truth")}  ${verdict}\n`);
      }
      process.stdout.write(
        [
          '',
          'Look around:',
          `  npx nightshift trace ${investigation.id}    # every step of the investigation`,
          `  npx nightshift investigate ${out} --out ./brief    # report, postmortem, runbook as files`,
          `  npx nightshift sql ${out} "select service, count(*) as errors from logs where level = 'error' group by 1 order by 2 desc"`,
          `  cat ${join(out, 'truth.yaml')}    # the known root cause`,
          '',
        ].join('\n'),
      );
    });
}

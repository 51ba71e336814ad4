/**
 * `nightshift eval save <investigation|export folder> --suite <file>`: turns a recorded
 * investigation into an anonymised eval case. It prints what was replaced and a preview of the
 * case, and writes nothing unless `--yes` is given (see src/evals/save).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  formatPreview,
  NAMES_FILE,
  openConfiguredStore,
  readNames,
  saveEvalCase,
} from '../../evals/save/index.js';
import { nightshiftHome } from '../../investigate/index.js';

interface Flags {
  suite: string;
  name?: string;
  names?: string;
  rootCause?: string;
  category?: string;
  config?: string;
  yes?: boolean;
}

export function registerEvalSave(evalCommand: Command): void {
  evalCommand
    .command('save')
    .description(
      'Make an anonymised eval case from a recorded investigation (CLI-saved, in the store, or an export folder); previews unless --yes.',
    )
    .argument(
      '<investigation>',
      'an investigation id (from `nightshift investigate` or the server), its folder, or an export folder holding recording.json',
    )
    .requiredOption('--suite <file>', 'the *.eval.yaml to add the case to (created when missing)')
    .option('--name <name>', 'the case name (default: the alert name and date, made unique)')
    .option(
      '--names <file>',
      `names to replace besides what is found by form, one per line (added to <nightshift home>/${NAMES_FILE})`,
    )
    .option('--root-cause <service>', 'the real root cause service, when feedback does not name it')
    .option('--category <category>', 'the real root cause category')
    .option('--config <file>', 'nightshift.yaml that names the store (default: ./nightshift.yaml)')
    .option('--yes', 'write the case (without it, nothing is written)')
    .action(async (ref: string, flags: Flags) => {
      const cwd = process.cwd();
      const home = nightshiftHome(process.env, cwd);
      const suite = resolve(cwd, flags.suite);
      const result = await saveEvalCase({
        ref,
        suite,
        names: await readNames(home, flags.names === undefined ? undefined : resolve(cwd, flags.names)),
        yes: flags.yes === true,
        home,
        openStore: () =>
          openConfiguredStore({
            cwd,
            env: process.env,
            ...(flags.config === undefined ? {} : { configFile: flags.config }),
          }),
        ...(flags.name === undefined ? {} : { name: flags.name }),
        ...(flags.rootCause === undefined ? {} : { rootCause: flags.rootCause }),
        ...(flags.category === undefined ? {} : { category: flags.category }),
      });
      process.stdout.write(formatPreview(result, flags.suite));
    });
}

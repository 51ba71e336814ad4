/**
 * `nightshift eval list|get|add|replace|delete`: one case of a suite at a time, for people and
 * coding agents. Output is terse and plain (no colour off a terminal); `get` prints the case as
 * written in the file, which `replace --from -` takes back. Writes keep every other byte of the
 * file, validate the whole suite first and are atomic (see src/evals/suite/edit.ts).
 */
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { NightshiftError } from '../../core/index.js';
import { readAll, readCaseInput } from '../../evals/suite/case-input.js';
import { addCase, deleteCase, replaceCase } from '../../evals/suite/edit.js';
import { valueAtField } from '../../evals/suite/field-path.js';
import { getCase, listCases } from '../../evals/suite/read-cases.js';
import { pc } from '../colors.js';

const FROM_HELP = 'the case: a YAML or JSON file holding one mapping with name, or - for stdin';

export function registerEvalEdit(evalCommand: Command): void {
  evalCommand
    .command('list')
    .description('List the cases of a suite: index, name, tags, one-line description.')
    .argument('<suite>', 'a *.eval.yaml file')
    .option('--json', 'print the list as JSON')
    .action(async (suite: string, flags: { json?: boolean }) => {
      const cases = await listCases(suite);
      if (flags.json) return write(`${JSON.stringify(cases, null, 2)}\n`);
      const nameWidth = Math.max(4, ...cases.map((c) => c.name.length));
      const indexWidth = String(cases.length).length + 1;
      const lines = cases.map((c) => {
        const tags = c.tags.length > 0 ? `[${c.tags.join(',')}]` : '';
        const cells = [
          `#${c.index}`.padEnd(indexWidth),
          pc.bold(c.name.padEnd(nameWidth)),
          tags,
          pc.dim(c.description),
        ];
        return cells
          .filter((cell) => cell !== '')
          .join('  ')
          .trimEnd();
      });
      write(lines.length > 0 ? `${lines.join('\n')}\n` : `${suite}: no cases\n`);
    });

  evalCommand
    .command('get')
    .description('Print one case as written in the suite (or one field of it).')
    .argument('<suite>', 'a *.eval.yaml file')
    .argument('<case>', 'a case name, or #n for the n-th case (1-based)')
    .option('--field <path>', 'only this field, as a dot path (e.g. assert.0.value)')
    .option('--json', 'print as JSON instead of YAML')
    .action(async (suite: string, ref: string, flags: { field?: string; json?: boolean }) => {
      const found = await getCase(suite, ref);
      const value =
        flags.field === undefined ? found.value : valueAtField(found.value, flags.field, found.name);
      if (flags.json) return write(`${JSON.stringify(value, null, 2)}\n`);
      write(flags.field === undefined ? found.source : stringify(value, { lineWidth: 0 }));
    });

  evalCommand
    .command('add')
    .description('Add a case before or after another one (default: at the end).')
    .argument('<suite>', 'a *.eval.yaml file')
    .requiredOption('--from <file|->', FROM_HELP)
    .option('--before <case>', 'put it before this case')
    .option('--after <case>', 'put it after this case')
    .action(async (suite: string, flags: { from: string; before?: string; after?: string }) => {
      if (flags.before !== undefined && flags.after !== undefined) {
        throw new NightshiftError('BAD_INPUT', 'give --before or --after, not both');
      }
      const value = await readCaseInput(flags.from, { stdin: () => readAll(process.stdin) });
      await addCase(suite, value, {
        ...(flags.before === undefined ? {} : { before: flags.before }),
        ...(flags.after === undefined ? {} : { after: flags.after }),
      });
      write(`added ${nameOf(value)} to ${suite}\n`);
    });

  evalCommand
    .command('replace')
    .description('Replace a case (its comment above stays); the new case keeps the name if it has none.')
    .argument('<suite>', 'a *.eval.yaml file')
    .argument('<case>', 'the name of the case to replace')
    .requiredOption('--from <file|->', FROM_HELP)
    .action(async (suite: string, name: string, flags: { from: string }) => {
      const value = await readCaseInput(flags.from, {
        stdin: () => readAll(process.stdin),
        defaultName: name,
      });
      await replaceCase(suite, name, value);
      const renamed = nameOf(value) === name ? '' : ` (now ${nameOf(value)})`;
      write(`replaced ${name}${renamed} in ${suite}\n`);
    });

  evalCommand
    .command('delete')
    .description('Delete a case, with the comment above it.')
    .argument('<suite>', 'a *.eval.yaml file')
    .argument('<case>', 'the name of the case to delete')
    .action(async (suite: string, name: string) => {
      await deleteCase(suite, name);
      write(`deleted ${name} from ${suite}\n`);
    });
}

function nameOf(value: unknown): string {
  return String((value as { name?: unknown }).name);
}

function write(text: string): void {
  process.stdout.write(text);
}

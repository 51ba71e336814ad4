/**
 * `nightshift validate <bundle>`: checks every file of an incident bundle and prints the records per
 * source, then "valid" (exit 0) or every problem found up to the limit (exit 2, BAD_BUNDLE).
 */
import { type Command, InvalidArgumentError } from 'commander';
import { type BundleValidation, validateBundle } from '../../bundle/index.js';
import { formatProblem, ValidationError } from '../../core/index.js';
import { pc } from '../colors.js';

interface ValidateFlags {
  json?: boolean;
  maxProblems: number;
}

/** Adds `validate` to the program. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check an incident bundle against the bundle spec and count its records.')
    .argument('<bundle>', 'folder that holds incident.yaml')
    .option('--json', 'print the result as JSON')
    .option('--max-problems <n>', 'stop after this many problems', parsePositiveInteger, 20)
    .action(async (dir: string, flags: ValidateFlags) => {
      const result = await validateBundle(dir, { maxProblems: flags.maxProblems });
      const valid = result.problems.length === 0;
      process.stdout.write(
        flags.json ? `${JSON.stringify({ dir, valid, ...result }, null, 2)}\n` : summary(dir, result),
      );
      if (!valid) {
        throw new ValidationError(result.problems, {
          truncated: result.truncated,
          hint: result.truncated
            ? 'Pass --max-problems with a larger number to see more.'
            : 'See docs/bundles.md for the format.',
        });
      }
    });
}

function summary(dir: string, result: BundleValidation): string {
  const lines = [dir];
  for (const [source, count] of Object.entries(result.counts)) {
    lines.push(`  ${source.padEnd(8)} ${count.toLocaleString('en-US').padStart(12)} records`);
  }
  for (const w of result.warnings) lines.push(pc.yellow(`warning: ${formatProblem(w)}`));
  const n = result.problems.length;
  lines.push(
    n === 0
      ? pc.green('valid')
      : pc.red(`invalid: ${n}${result.truncated ? '+' : ''} problem${n === 1 ? '' : 's'}`),
  );
  return `${lines.join('\n')}\n`;
}

function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

/** The case given to `eval add|replace --from <file|->`: read, parsed and checked with its own lines. */
import { readFile } from 'node:fs/promises';
import { NightshiftError } from '../../core/index.js';
import { checkCaseText, problemsError } from './load.js';

/**
 * Reads one case (a YAML or JSON mapping) from `from`, a file path or `-` for `stdin`. Problems
 * name the input file (or "stdin") and its lines, so they point where the user can fix them.
 * `defaultName` fills in a missing `name` (replace keeps the case's name).
 */
export async function readCaseInput(
  from: string,
  options: { stdin: () => Promise<string>; defaultName?: string },
): Promise<unknown> {
  const label = from === '-' ? 'stdin' : from;
  let text: string;
  try {
    text = from === '-' ? await options.stdin() : await readFile(from, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NightshiftError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'BAD_INPUT',
      `${label}: cannot read the case (${code ?? String(error)})`,
      { hint: 'Pass --from <file> (YAML or JSON: one case, a map with name) or --from - to read stdin.' },
    );
  }
  const checked = checkCaseText(label, text, options.defaultName);
  if (checked.problems.length > 0) throw problemsError(checked.problems);
  return checked.value;
}

/** Everything on a stream, as text (stdin for `--from -`). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

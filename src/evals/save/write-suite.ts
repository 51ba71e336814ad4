/**
 * Adding the saved case to its suite: `addCase` (validates, keeps every other byte, writes
 * atomically) for a suite that exists; a new suite file otherwise, written whole to a temporary
 * sibling and linked into place, so a suite that appeared meanwhile is never overwritten.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { NightshiftError } from '../../core/index.js';
import { addCase } from '../suite/edit.js';
import { suiteSchema } from '../suite/schema.js';
import type { SavedCase } from './case.js';

/** The target of a suite `eval save` creates: whole investigations with the LLM brain. */
export const NEW_SUITE_TARGET = { type: 'investigation', brain: 'llm' } as const;

const HEADER = [
  '# Cases saved from real investigations with `nightshift eval save` (anonymised: hosts, addresses,',
  '# ids and listed names are pseudonyms, secrets are [REDACTED:kind]). They carry recorded tool',
  '# results but no model responses: run them with a model (`nightshift eval run <this file> --model …`).',
  '',
].join('\n');

export async function suiteExists(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  if (info && !info.isFile()) {
    throw new NightshiftError('BAD_INPUT', `--suite ${file}: not a file`, {
      hint: 'Give the path of a *.eval.yaml file.',
    });
  }
  return info !== undefined;
}

/** The text of a new suite holding `value` as its only case. */
export function newSuiteText(value: SavedCase): string {
  const body = stringify({ target: NEW_SUITE_TARGET, cases: [value] }, { lineWidth: 0 });
  return `${HEADER}${body}`;
}

/** Writes `value` into `file`; true when the file was created. */
export async function writeCase(file: string, value: SavedCase): Promise<boolean> {
  if (await suiteExists(file)) {
    await addCase(file, value);
    return false;
  }
  const text = newSuiteText(value);
  const parsed = suiteSchema.safeParse(parse(text));
  if (!parsed.success) {
    throw new NightshiftError(
      'INTERNAL',
      `the new suite ${file} does not validate: ${parsed.error.issues[0]?.message}`,
    );
  }
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, text, { flag: 'wx' });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    await unlink(temp);
    // Someone created it between our look and our write: add to theirs instead.
    await addCase(file, value);
    return false;
  }
  await unlink(temp);
  return true;
}

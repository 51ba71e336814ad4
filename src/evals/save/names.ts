/**
 * The names the anonymiser replaces besides what it finds by form (a company, its customers,
 * people): one per line, `#` starts a comment. They come from `--names <file>` and, so a team sets
 * them once for every save and export, from `<nightshiftHome>/anonymise-names.txt` when it exists.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NightshiftError } from '../../core/index.js';

export const NAMES_FILE = 'anonymise-names.txt';

export function parseNames(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

/** The names of `<home>/anonymise-names.txt` (if any) and of `file` (which must exist). */
export async function readNames(home: string, file: string | undefined): Promise<string[]> {
  const fromHome = await readFile(join(home, NAMES_FILE), 'utf8').catch(() => '');
  let given = '';
  if (file !== undefined) {
    given = await readFile(file, 'utf8').catch((error: Error) => {
      throw new NightshiftError('BAD_INPUT', `--names ${file}: cannot be read (${error.message})`, {
        hint: 'Give a text file with one name per line.',
      });
    });
  }
  return [...new Set([...parseNames(fromHome), ...parseNames(given)])];
}

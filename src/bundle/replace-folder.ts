/**
 * Publishing a folder all at once: the content is written into a temporary sibling folder, which
 * is renamed into place once complete. With `force`, an existing folder is first renamed aside and
 * deleted only after the new one is in place, so a failure at any point leaves the user's folder as
 * it was. The one copy of this, used by bundles, imports and saved investigations.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { NightshiftError } from '../core/index.js';

/** What to tell a user whose target is in the way, in the words of the command that writes it. */
export interface ReplaceHints {
  /** The target exists and `force` was not given. */
  exists: string;
  /** The target exists and is a file. */
  notFolder: string;
}

const DEFAULT_HINTS: ReplaceHints = {
  exists: 'Pass --force to replace it, or choose another output folder.',
  notFolder: 'Choose another output path.',
};

export interface ReplaceOptions {
  force: boolean;
  hints?: ReplaceHints;
}

/** Calls `fill` with a temporary folder, then publishes that folder at `outDir`. */
export async function writeFolderAtomically(
  outDir: string,
  options: ReplaceOptions,
  fill: (tempDir: string) => Promise<void>,
): Promise<void> {
  const target = resolve(outDir);
  await assertCanReplace(target, options);
  await mkdir(dirname(target), { recursive: true });
  const tempDir = siblingPath(target, 'tmp');
  await mkdir(tempDir);
  try {
    await fill(tempDir);
    await moveFolderIntoPlace(tempDir, target, options);
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}

/** A hidden, unique sibling of `target` (same file system, so a rename is atomic). */
export function siblingPath(target: string, kind: 'tmp' | 'old'): string {
  return join(
    dirname(target),
    `.${basename(target)}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/** Throws ALREADY_EXISTS when `target` is a file, or a folder and `force` is not set. */
export async function assertCanReplace(target: string, options: ReplaceOptions): Promise<void> {
  const hints = options.hints ?? DEFAULT_HINTS;
  const folder = await isFolder(target);
  if (folder === undefined) return;
  if (!folder)
    throw new NightshiftError('ALREADY_EXISTS', `${target} exists and is not a folder`, {
      hint: hints.notFolder,
    });
  if (!options.force)
    throw new NightshiftError('ALREADY_EXISTS', `${target} already exists`, { hint: hints.exists });
}

/** Renames `from` to `to`; with force, the old `to` is set aside first and deleted only after. */
export async function moveFolderIntoPlace(from: string, to: string, options: ReplaceOptions): Promise<void> {
  // Checked again: the folder may have appeared while the content was written.
  await assertCanReplace(to, options);
  if ((await isFolder(to)) === undefined) {
    await rename(from, to);
    return;
  }
  const aside = siblingPath(to, 'old');
  await rename(to, aside);
  try {
    await rename(from, to);
  } catch (error) {
    await rename(aside, to);
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}

async function isFolder(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes a whole folder of bundles atomically: everything goes into a temporary sibling folder,
 * which is renamed into place once complete. With `force`, an existing folder is set aside first
 * and deleted only after the new one is in place, so a failure at any point leaves the user's
 * folder as it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { NightshiftError } from '../../core/index.js';

/** Calls `fill` with a temporary folder, then publishes that folder at `outDir`. */
export async function writeFolderAtomically(
  outDir: string,
  options: { force: boolean },
  fill: (tempDir: string) => Promise<void>,
): Promise<void> {
  const target = resolve(outDir);
  await assertCanReplace(target, options.force);
  await mkdir(dirname(target), { recursive: true });
  const tempDir = siblingPath(target, 'tmp');
  await mkdir(tempDir);
  try {
    await fill(tempDir);
    await moveIntoPlace(tempDir, target, options.force);
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}

function siblingPath(target: string, kind: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

async function isFolder(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function assertCanReplace(target: string, force: boolean): Promise<void> {
  const folder = await isFolder(target);
  if (folder === undefined) return;
  if (!folder) {
    throw new NightshiftError('ALREADY_EXISTS', `${target} exists and is not a folder`, {
      hint: 'Choose another --out.',
    });
  }
  if (!force) {
    throw new NightshiftError('ALREADY_EXISTS', `${target} already exists`, {
      hint: 'Pass --force to replace it once the new import is complete, or choose another --out.',
    });
  }
}

async function moveIntoPlace(from: string, to: string, force: boolean): Promise<void> {
  // Checked again: the folder may have appeared while the import ran.
  await assertCanReplace(to, force);
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

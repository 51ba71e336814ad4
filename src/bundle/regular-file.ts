/**
 * The one way bundle code opens a file. A bundle is a folder of regular files; anything else is
 * refused before it can do harm:
 * - a FIFO, socket or device would block `open()` or `read()` forever (a FIFO without a writer
 *   holds one of libuv's four file threads until a writer appears, so a few of them starve every
 *   later read of the process);
 * - a symbolic link that resolves outside the bundle would let a bundle read any file the process
 *   can (`logs.jsonl -> /etc/passwd`), and echo it in problems.
 *
 * The check runs twice: `lstat`/`stat`/`realpath` before opening (none of them blocks on a FIFO),
 * then `fstat` on the descriptor, opened with O_NONBLOCK (so a FIFO swapped in after the check
 * cannot block the open) and O_NOFOLLOW (so a symlink swapped in cannot redirect it).
 */
import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { type FileHandle, lstat, open, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative } from 'node:path';
import { type Problem, ValidationError } from '../core/index.js';

/** A bundle file that must not be read: not a regular file, or a symlink out of the bundle. */
export class RefusedFileError extends ValidationError {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super([problem], { hint: 'Replace it with a regular file inside the bundle folder.' });
    this.name = 'RefusedFileError';
    this.problem = problem;
  }
}

/** What a check found: the path to open (symlinks resolved), or why the file is refused. */
export type FileCheck = { ok: true; openPath: string } | { ok: false; problem: Problem };

const NOT_REGULAR = 'not a regular file; a bundle holds regular files';

/**
 * Checks the bundle file at `path` without opening it. The bundle folder is the folder that holds
 * it; a symlink is accepted when its target is a regular file inside that folder (after resolving
 * every link). File-system errors other than a dangling link (ENOENT, EACCES) are thrown as they are.
 */
export async function checkBundleFile(path: string): Promise<FileCheck> {
  const file = basename(path);
  const link = await lstat(path);
  if (!link.isSymbolicLink()) {
    if (link.isFile()) return { ok: true, openPath: path };
    return { ok: false, problem: { file, message: `is ${describeKind(link)}, ${NOT_REGULAR}` } };
  }
  let target: string;
  let targetStats: Stats;
  try {
    target = await realpath(path);
    targetStats = await stat(target);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    const to = await readlink(path);
    return { ok: false, problem: { file, message: `is a symbolic link to ${to}, which does not exist` } };
  }
  if (!targetStats.isFile()) {
    const message = `is a symbolic link to ${target}, which is ${describeKind(targetStats)}, ${NOT_REGULAR}`;
    return { ok: false, problem: { file, message } };
  }
  const inside = relative(await realpath(dirname(path)), target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    const message = `is a symbolic link that points outside the bundle (to ${target}); copy the file into the bundle folder, or link only to files inside it`;
    return { ok: false, problem: { file, message } };
  }
  return { ok: true, openPath: target };
}

/**
 * Throws RefusedFileError unless `checkBundleFile` accepts the file: for code that hands the path
 * to another reader (DuckDB) and cannot open it through `openBundleFile`.
 */
export async function assertBundleFile(path: string): Promise<void> {
  const checked = await checkBundleFile(path);
  if (!checked.ok) throw new RefusedFileError(checked.problem);
}

/**
 * Opens a bundle file for reading after `checkBundleFile`, and checks the descriptor again with
 * `fstat` to close the gap between check and open. Throws RefusedFileError for a refused file;
 * the caller owns the returned handle.
 */
export async function openBundleFile(path: string): Promise<FileHandle> {
  const checked = await checkBundleFile(path);
  if (!checked.ok) throw new RefusedFileError(checked.problem);
  return openRegularFile(checked.openPath, basename(path));
}

/**
 * The second half of `openBundleFile`: opens `path` without blocking (O_NONBLOCK: a FIFO opens at
 * once instead of waiting for a writer) and without following a final symlink (O_NOFOLLOW), then
 * refuses the descriptor unless `fstat` says it is a regular file. `file` names it in the error.
 */
export async function openRegularFile(path: string, file: string): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) {
      throw new RefusedFileError({ file, message: `is ${describeKind(opened)}, ${NOT_REGULAR}` });
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** Reads a whole (small) bundle file as UTF-8 text, through `openBundleFile`. */
export async function readBundleText(path: string): Promise<string> {
  const handle = await openBundleFile(path);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** What a non-regular file is, in the words a user recognises. */
function describeKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'a special file';
}

/** Writing a file so that a reader sees the old text or the new one, never half of either. */
import { chmod, rename, rm, stat, writeFile } from 'node:fs/promises';
import { siblingPath } from './replace-folder.js';

/**
 * Writes `text` to a temporary sibling of `file` (same folder, so the rename stays on one file
 * system and is atomic), gives it the file's permissions, and renames it over `file`. On any
 * error the temporary file is removed and `file` is untouched.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = siblingPath(file, 'tmp');
  try {
    await writeFile(temp, text, { flag: 'wx' });
    const mode = await stat(file).then(
      (s) => s.mode & 0o7777,
      () => undefined,
    );
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

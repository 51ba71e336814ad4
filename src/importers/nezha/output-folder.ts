/**
 * Writes a whole folder of bundles atomically (bundle/replace-folder.ts), with hints in the words
 * of `nightshift import`.
 */
import { writeFolderAtomically as writeAtomically } from '../../bundle/index.js';

const HINTS = {
  exists: 'Pass --force to replace it once the new import is complete, or choose another --out.',
  notFolder: 'Choose another --out.',
};

/** Calls `fill` with a temporary folder, then publishes that folder at `outDir`. */
export function writeFolderAtomically(
  outDir: string,
  options: { force: boolean },
  fill: (tempDir: string) => Promise<void>,
): Promise<void> {
  return writeAtomically(outDir, { force: options.force, hints: HINTS }, fill);
}

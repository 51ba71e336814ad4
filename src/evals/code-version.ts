/**
 * A fingerprint of the code that is running: the sha256 of every module file of this package (its
 * `dist/` when built, its `src/` under tsx), test files and eval suites left out. Part of the eval
 * cache key of every target whose answer depends on our code (the built-in brain, a tool, a step),
 * so that changing the code is never answered from the cache: the red-green loop needs that.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder that holds every module of the package (this file sits in `<root>/evals/`). */
export function modulesRoot(): string {
  return dirname(dirname(fileURLToPath(import.meta.url)));
}

const CODE_FILE = /\.(ts|js|mjs|cjs|json|md|txt)$/;
const LEFT_OUT = /(\.test\.ts|\.test\.js|\.map|\.d\.ts)$/;

/** sha256 (hex) over the relative path and bytes of each module file, in path order. */
export async function codeVersion(root = modulesRoot()): Promise<string> {
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && CODE_FILE.test(entry.name) && !LEFT_OUT.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

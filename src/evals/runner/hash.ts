/** Hashes for the eval cache and the lab bundle cache: canonical JSON and folder contents. */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { BUNDLE_CACHE_FOLDER } from '../../bundle/index.js';

/** JSON with object keys sorted at every level, so equal values always hash the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * sha256 over every file of a folder: each relative path and its bytes, in path order. The bytes,
 * not names, sizes or times: an edited bundle with the same size and a restored mtime (git checkout
 * does that) must not be answered from the cache.
 */
export async function hashFolder(dir: string): Promise<string> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    // A bundle's read cache is derived from its files; counting it would miss the eval cache
    // after every first investigation.
    .filter(
      (entry) => entry.isFile() && !relative(dir, entry.parentPath).split(sep).includes(BUNDLE_CACHE_FOLDER),
    )
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(dir, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * The on-disk cache of target outputs: one JSON file per key under `<home>/evals/cache/`. A hit
 * skips the target run; the assertions always run again on the cached output, so editing an
 * assertion never needs a re-run. Only outputs are cached, never verdicts.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvalOutput } from '../output.js';
import { canonicalJson, sha256 } from './hash.js';

/** Bump when the stored shape or the key's meaning changes; older entries then simply miss. */
const CACHE_FORMAT = 1;

/** Everything that decides a target's output. */
export interface CacheKeyParts {
  targetType: string;
  /** The target's parsed config (the suite's `target:` block). */
  config: unknown;
  /** `target.identity(config, env)`: prompt hash, model id, code version. */
  identity: Readonly<Record<string, string>>;
  /** The case's input in canonical form: vars, recipe, bundle content hash, recording. */
  input: unknown;
  /** So that each repeat has its own entry, and repeats are cached too. */
  repeatIndex: number;
}

/** sha256 of the canonical JSON of the parts (hex). */
export function cacheKey(parts: CacheKeyParts): string {
  return sha256(canonicalJson({ format: CACHE_FORMAT, ...parts }));
}

interface CacheEntry {
  format: number;
  key: string;
  output: EvalOutput;
}

/** The cached output, or undefined on a miss (absent, unreadable or another format: all misses). */
export async function readCached(dir: string, key: string): Promise<EvalOutput | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, `${key}.json`), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const entry = JSON.parse(text) as Partial<CacheEntry>;
    return entry.format === CACHE_FORMAT && entry.key === key && entry.output !== undefined
      ? entry.output
      : undefined;
  } catch {
    return undefined; // a torn or hand-edited file is a miss; the next write replaces it
  }
}

/** Stores an output atomically (temporary sibling, then rename), so a reader never sees half a file. */
export async function writeCached(dir: string, key: string, output: EvalOutput): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${key}.json`);
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const entry: CacheEntry = { format: CACHE_FORMAT, key, output };
  try {
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Reads truth.yaml, the known root cause of a bundle. Only scoring code (backtests, benchmarks, the
 * lab's own checks) may call this, through `bundle/scoring.ts`; an investigation must never see it
 * (spec, "Rules for readers"). It is not exported from `bundle/index.ts`, and a test fails when
 * code outside the scoring folders imports it. This is the one module that opens truth.yaml.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Truth } from '../core/index.js';
import { truthSchema, ValidationError } from '../core/index.js';
import { readYamlFile, type YamlResult } from './yaml.js';

export const TRUTH_FILE = 'truth.yaml';

/** The bundle's truth, undefined when it has no truth.yaml; throws a ValidationError when it is malformed. */
export async function readTruth(dir: string): Promise<Truth | undefined> {
  const read = await readTruthDocument(dir);
  if (read === undefined) return undefined;
  if (!read.ok) throw new ValidationError(read.problems);
  return read.value;
}

/** truth.yaml with its problems or node lines, for `validateBundle`; undefined when there is none. */
export async function readTruthDocument(dir: string): Promise<YamlResult<Truth> | undefined> {
  const path = join(dir, TRUTH_FILE);
  try {
    // lstat, not access: a dangling symlink is a problem of the bundle, not a missing truth.
    await lstat(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
  }
  return readYamlFile(path, TRUTH_FILE, truthSchema);
}

/**
 * The bundles of a backtest suite: those suite.yaml lists (a `nightshift lab suite` index), or
 * else every sub-folder holding an incident.yaml. Case ids are the folders' relative paths.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { NightshiftError } from '../core/index.js';

export const SUITE_INDEX = 'suite.yaml';

const indexSchema = z.object({ bundles: z.array(z.object({ id: z.string().min(1) })) });

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The case ids (bundle folders relative to `dir`) of the suite, sorted. */
export async function suiteCaseIds(dir: string): Promise<string[]> {
  if (!(await exists(dir)))
    throw new NightshiftError('NOT_FOUND', `no suite folder ${dir}`, {
      hint: 'give a folder made by `nightshift lab suite`, or one holding bundle folders',
    });
  const indexFile = join(dir, SUITE_INDEX);
  const text = await readFile(indexFile, 'utf8').catch(() => undefined);
  let ids: string[];
  if (text !== undefined) {
    const parsed = indexSchema.safeParse(parse(text));
    if (!parsed.success)
      throw new NightshiftError('BAD_INPUT', `${indexFile}: field "bundles" must list {id} entries`, {
        hint: `${parsed.error.issues[0]?.path.join('.') ?? 'bundles'}: ${parsed.error.issues[0]?.message ?? ''}`,
      });
    ids = parsed.data.bundles.map((b) => b.id);
  } else {
    const entries = await readdir(dir, { withFileTypes: true });
    const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
    const withIncident = await Promise.all(
      folders.map(async (f) => ((await exists(join(dir, f, 'incident.yaml'))) ? f : undefined)),
    );
    ids = withIncident.filter((f) => f !== undefined);
  }
  if (ids.length === 0)
    throw new NightshiftError('BAD_INPUT', `${dir} holds no bundles`, {
      hint: `list them in ${SUITE_INDEX}, or put bundle folders (each with incident.yaml and truth.yaml) in it`,
    });
  return [...new Set(ids)].sort();
}

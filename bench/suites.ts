/**
 * The bundle sets the accuracy benchmarks run on: a lab suite (every fault × seeds, generated into
 * a work folder unless `--lab` names one) and the Nezha day imported from the shared data.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { importNezhaDay } from '../src/importers/nezha/index.js';
import { DEFAULT_SCENARIO, DEFAULT_VOLUME, FAULT_NAMES, generateSuite } from '../src/lab/index.js';
import { type BenchArgs, numberFlag, requireData } from './args.js';

export async function labSuite(args: BenchArgs, work: string): Promise<string[]> {
  const given = args.flags.get('lab');
  const dir = given ?? join(work, 'lab');
  if (!given) {
    const seeds = numberFlag(args, 'seeds', 5);
    const hours = numberFlag(args, 'hours', 6);
    process.stderr.write(
      `generating the lab suite: ${FAULT_NAMES.length} faults × ${seeds} seeds, ${hours} h each\n`,
    );
    await generateSuite(dir, {
      ...DEFAULT_SCENARIO,
      ...DEFAULT_VOLUME,
      hours,
      faults: FAULT_NAMES,
      seeds,
      drop: [],
      gzip: true,
      force: false,
    });
  }
  return subfolders(dir);
}

/** The Nezha day's bundles, or undefined (said on stderr) when the shared data is absent. */
export async function nezhaDay(args: BenchArgs, work: string): Promise<string[] | undefined> {
  const root = join(args.data, 'nezha-ob');
  if (!requireData(root, 'Nezha data (nezha-ob)')) return undefined;
  const out = join(work, 'nezha');
  await importNezhaDay({ root, day: args.flags.get('day') ?? '2022-08-22', outDir: out });
  return subfolders(out);
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => join(dir, e.name))
    .sort();
}

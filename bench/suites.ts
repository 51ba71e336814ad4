/**
 * The bundle sets the accuracy benchmarks run on: a lab suite (every fault × seeds, generated into
 * a work folder unless `--lab` names one), the lab's tuning and test families (`--split`), and the
 * Nezha day imported from the shared data.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { importNezhaDay } from '../src/importers/nezha/index.js';
import {
  DEFAULT_SCENARIO,
  DEFAULT_VOLUME,
  FAULT_NAMES,
  type FamilyGenerateOptions,
  generateSuite,
  type LabCaseSpec,
  type LabSplit,
  labFamily,
} from '../src/lab/index.js';
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

/** One set of lab bundles to score: today's suite (`lab`) or a family (`lab:tune`, `lab:test`, `lab:old`). */
export interface LabSet {
  name: string;
  dirs: string[];
}

const SPLITS = ['old', 'tune', 'test', 'all'] as const;

/**
 * The lab sets `--split` asks for. Without it, today's suite under the name `lab`, as before.
 * Families are generated with `--family-topologies` systems and `--family-seeds` cases per fault
 * variant (defaults 20 and 2), `--hours` long, in `--jobs` processes; `--family-dir <dir>` keeps
 * them there and reuses them on the next run (the folder name records every knob).
 */
export async function labSets(args: BenchArgs, work: string): Promise<LabSet[]> {
  const split = args.flags.get('split');
  if (split === undefined) return [{ name: 'lab', dirs: await labSuite(args, work) }];
  if (!(SPLITS as readonly string[]).includes(split))
    throw new Error(`--split expects one of ${SPLITS.join(', ')}, got "${split}"`);
  const sets: LabSet[] = [];
  if (split === 'old' || split === 'all') sets.push({ name: 'lab:old', dirs: await labSuite(args, work) });
  for (const family of ['tune', 'test'] as const) {
    if (split === family || split === 'all')
      sets.push({ name: `lab:${family}`, dirs: await labFamilySet(args, work, family) });
  }
  return sets;
}

async function labFamilySet(args: BenchArgs, work: string, split: LabSplit): Promise<string[]> {
  const topologies = numberFlag(args, 'family-topologies', 20);
  const seeds = numberFlag(args, 'family-seeds', 2);
  const hours = numberFlag(args, 'hours', 6);
  const kept = args.flags.get('family-dir');
  const root = join(kept ?? work, `${split}-t${topologies}-s${seeds}-h${hours}`);
  const specs = labFamily(split, { topologies, seeds });
  const complete = join(root, '.complete');
  if (kept && existsSync(complete)) {
    process.stderr.write(`reusing the ${split} family in ${root}\n`);
  } else {
    const jobs = Math.max(
      1,
      Math.min(numberFlag(args, 'jobs', Math.min(2, availableParallelism())), specs.length),
    );
    process.stderr.write(
      `generating the ${split} family: ${specs.length} cases on ${topologies} generated systems, ${hours} h each, ${jobs} process(es)\n`,
    );
    await mkdir(root, { recursive: true });
    const options: Omit<FamilyGenerateOptions, 'label'> = {
      ...DEFAULT_VOLUME,
      hours,
      gzip: true,
      force: false,
    };
    const parts = Array.from({ length: jobs }, (_, k) => specs.filter((_, i) => i % jobs === k));
    const results = await Promise.all(
      parts.map((part, k) =>
        generatePart(root, k, part, { ...options, label: `${split} part ${k + 1}/${jobs}` }),
      ),
    );
    const skipped = results.flatMap((r) => r.skipped);
    if (skipped.length > 0)
      process.stderr.write(`${skipped.length} case(s) skipped (no viable target): ${skipped.join('; ')}\n`);
    await writeFile(complete, `${specs.length} cases\n`);
  }
  const parts = await subfolders(root);
  return (await Promise.all(parts.map(subfolders))).flat().sort();
}

const run = promisify(execFile);

async function generatePart(root: string, k: number, specs: LabCaseSpec[], options: FamilyGenerateOptions) {
  const jobFile = join(root, `.part-${k}.json`);
  await writeFile(jobFile, JSON.stringify({ outDir: join(root, `part-${k}`), specs, options }));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/family-child.ts', jobFile], {
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { bundles: number; skipped: string[] };
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

/**
 * Which files a bundle holds, by the names of docs/bundles.md. Data files may be
 * gzip-compressed (`.gz`). `truth.yaml` is deliberately not listed here: only scoring code opens
 * it, through `bundle/truth.ts`. Every file listed passed `checkBundleFile`: a FIFO, device,
 * folder or symlink out of the bundle is reported as a problem and left out.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../core/index.js';
import { NightshiftError, ValidationError } from '../core/index.js';
import { checkBundleFile, type FileCheck } from './regular-file.js';

/** The streamed sources of a bundle; `traces` holds spans. */
export type DataSource = 'metrics' | 'logs' | 'traces' | 'changes' | 'events' | 'history';

/** One data file found in a bundle. */
export interface DataFile {
  source: DataSource;
  /** Absolute or bundle-relative path as found. */
  path: string;
  /** File name as the user sees it in messages, e.g. `logs.jsonl.gz`. */
  name: string;
  format: 'jsonl' | 'csv';
  gzip: boolean;
}

/** The files of a bundle that passed `findBundleFiles`. */
export interface BundleFiles {
  dir: string;
  incident: string;
  topology: string | undefined;
  data: Partial<Record<DataSource, DataFile>>;
}

const DATA_NAMES: ReadonlyArray<[DataSource, string, 'jsonl' | 'csv']> = [
  ['metrics', 'metrics.csv', 'csv'],
  ['metrics', 'metrics.jsonl', 'jsonl'],
  ['logs', 'logs.jsonl', 'jsonl'],
  ['traces', 'traces.jsonl', 'jsonl'],
  ['changes', 'changes.jsonl', 'jsonl'],
  ['events', 'events.jsonl', 'jsonl'],
  ['history', 'history.jsonl', 'jsonl'],
];

/** What a bundle folder holds, with the problems of its file list (not yet of the files' contents). */
export interface BundleScan {
  dir: string;
  /** Path of incident.yaml, or undefined when it is missing (then `problems` says so). */
  incident: string | undefined;
  topology: string | undefined;
  data: Partial<Record<DataSource, DataFile>>;
  problems: Problem[];
}

/**
 * Lists a bundle's files and reports, as problems, a missing incident.yaml, a source given twice
 * (the first name in spec order is kept), a bundle without metrics, logs or traces, and a file that
 * is not a regular file or is a symlink out of the bundle (it is left out of the result, so nothing
 * opens it). Throws NOT_FOUND when the folder cannot be listed.
 */
export async function scanBundleFiles(dir: string): Promise<BundleScan> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    const what = (cause as { code?: string }).code === 'ENOTDIR' ? 'not a folder' : 'no such bundle folder';
    throw new NightshiftError('NOT_FOUND', `${dir}: ${what}`, {
      hint: 'Pass the folder that holds incident.yaml.',
      cause,
    });
  }
  const problems: Problem[] = [];
  const present = await regularFiles(dir, names, problems);
  if (!names.includes('incident.yaml')) {
    problems.push({ file: 'incident.yaml', message: 'file is missing; every bundle needs one' });
  }
  const data: Partial<Record<DataSource, DataFile>> = {};
  for (const [source, base, format] of DATA_NAMES) {
    for (const name of [base, `${base}.gz`]) {
      if (!present.has(name)) continue;
      const existing = data[source];
      if (existing) {
        problems.push({ file: dir, message: `both ${existing.name} and ${name} hold ${source}; keep one` });
        continue;
      }
      data[source] = { source, path: join(dir, name), name, format, gzip: name.endsWith('.gz') };
    }
  }
  const listed = (source: DataSource) =>
    DATA_NAMES.some(([s, base]) => s === source && (names.includes(base) || names.includes(`${base}.gz`)));
  // A refused logs.jsonl is already a problem; "needs at least one of" would only repeat it.
  if (!listed('metrics') && !listed('logs') && !listed('traces')) {
    problems.push({
      file: dir,
      message:
        'a bundle needs at least one of metrics, logs or traces (metrics.csv, metrics.jsonl, logs.jsonl or traces.jsonl, optionally .gz)',
    });
  }
  return {
    dir,
    incident: present.has('incident.yaml') ? join(dir, 'incident.yaml') : undefined,
    topology: present.has('topology.yaml') ? join(dir, 'topology.yaml') : undefined,
    data,
    problems,
  };
}

const CHECKED_NAMES = new Set([
  'incident.yaml',
  'topology.yaml',
  ...DATA_NAMES.flatMap(([, base]) => [base, `${base}.gz`]),
]);

/** The names of `names` that a bundle reads and that pass `checkBundleFile`; the others become problems. */
async function regularFiles(dir: string, names: string[], problems: Problem[]): Promise<Set<string>> {
  const checked = await Promise.all(
    names
      .filter((name) => CHECKED_NAMES.has(name))
      .sort()
      .map(async (name) => ({ name, check: await checkOrExplain(join(dir, name), name) })),
  );
  const accepted = new Set<string>();
  for (const { name, check } of checked) {
    if (check.ok) accepted.add(name);
    else problems.push(check.problem);
  }
  return accepted;
}

/** `checkBundleFile`, with a file that cannot even be looked at (EACCES, gone since listed) as a problem. */
async function checkOrExplain(path: string, name: string): Promise<FileCheck> {
  try {
    return await checkBundleFile(path);
  } catch (error) {
    return { ok: false, problem: { file: name, message: `cannot be read (${(error as Error).message})` } };
  }
}

/** Lists a bundle's files; throws a ValidationError listing the problems `scanBundleFiles` finds. */
export async function findBundleFiles(dir: string): Promise<BundleFiles> {
  const scan = await scanBundleFiles(dir);
  if (scan.problems.length > 0 || scan.incident === undefined) {
    throw new ValidationError(scan.problems, {
      hint: 'See docs/bundles.md for the files a bundle holds.',
    });
  }
  return { dir, incident: scan.incident, topology: scan.topology, data: scan.data };
}

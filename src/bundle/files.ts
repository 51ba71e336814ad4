/**
 * Which files a bundle holds, by the names of spec/incident-bundle.md. Data files may be
 * gzip-compressed (`.gz`). `truth.yaml` is deliberately not listed here: only scoring code opens
 * it, through `bundle/truth.ts`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../core/index.js';
import { NightshiftError, ValidationError } from '../core/index.js';

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
 * (the first name in spec order is kept) and a bundle without metrics, logs or traces. Throws
 * NOT_FOUND when the folder cannot be listed.
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
  const present = new Set(names);
  const problems: Problem[] = [];
  if (!present.has('incident.yaml')) {
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
  if (!data.metrics && !data.logs && !data.traces) {
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

/** Lists a bundle's files; throws a ValidationError listing the problems `scanBundleFiles` finds. */
export async function findBundleFiles(dir: string): Promise<BundleFiles> {
  const scan = await scanBundleFiles(dir);
  if (scan.problems.length > 0 || scan.incident === undefined) {
    throw new ValidationError(scan.problems, {
      hint: 'See spec/incident-bundle.md for the files a bundle holds.',
    });
  }
  return { dir, incident: scan.incident, topology: scan.topology, data: scan.data };
}

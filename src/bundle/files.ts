/**
 * Which files a bundle holds, by the names of spec/incident-bundle.md. Data files may be
 * gzip-compressed (`.gz`). `truth.yaml` is deliberately not listed here: only scoring code opens
 * it, through `bundle/truth.ts`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NightshiftError } from '../core/index.js';

export type DataSource = 'metrics' | 'logs' | 'traces' | 'changes' | 'events' | 'history';

export interface DataFile {
  source: DataSource;
  /** Absolute or bundle-relative path as found. */
  path: string;
  /** File name as the user sees it in messages, e.g. `logs.jsonl.gz`. */
  name: string;
  format: 'jsonl' | 'csv';
  gzip: boolean;
}

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

/** Lists a bundle's files; throws when the folder or its incident.yaml is missing, or a source is given twice. */
export async function findBundleFiles(dir: string): Promise<BundleFiles> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    throw new NightshiftError('NOT_FOUND', `${dir}: no such bundle folder`, {
      hint: 'Pass the folder that holds incident.yaml.',
      cause,
    });
  }
  const present = new Set(names);
  if (!present.has('incident.yaml')) {
    throw new NightshiftError(
      'BAD_BUNDLE',
      `${join(dir, 'incident.yaml')}: file is missing; every bundle needs one`,
      {
        hint: 'See spec/incident-bundle.md for its fields.',
      },
    );
  }
  const data: Partial<Record<DataSource, DataFile>> = {};
  for (const [source, base, format] of DATA_NAMES) {
    for (const name of [base, `${base}.gz`]) {
      if (!present.has(name)) continue;
      const existing = data[source];
      if (existing) {
        throw new NightshiftError(
          'BAD_BUNDLE',
          `${dir}: both ${existing.name} and ${name} hold ${source}; keep one`,
        );
      }
      data[source] = { source, path: join(dir, name), name, format, gzip: name.endsWith('.gz') };
    }
  }
  if (!data.metrics && !data.logs && !data.traces) {
    throw new NightshiftError(
      'BAD_BUNDLE',
      `${dir}: a bundle needs at least one of metrics, logs or traces`,
      {
        hint: 'Add metrics.csv, metrics.jsonl, logs.jsonl or traces.jsonl (optionally .gz).',
      },
    );
  }
  return {
    dir,
    incident: join(dir, 'incident.yaml'),
    topology: present.has('topology.yaml') ? join(dir, 'topology.yaml') : undefined,
    data,
  };
}

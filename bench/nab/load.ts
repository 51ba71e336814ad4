/**
 * Reads the Numenta Anomaly Benchmark as it is laid out in numenta/NAB: `data/<category>/<file>.csv`
 * (`timestamp,value`, timestamps like `2014-04-10 07:15:00` in no zone) and
 * `labels/combined_windows.json` (per file, `[start, end]` strings with microseconds). Timestamps are
 * read as UTC; NAB compares them only with each other. Like NAB's labeler, every window edge must be
 * a timestamp of its file, since the scorer enters and leaves windows on exact matches.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { CostMatrix } from './score.js';

export interface NabFile {
  /** Path relative to `data/`, as NAB names it: `realTweets/Twitter_volume_GOOG.csv`. */
  path: string;
  category: string;
  timestamps: number[];
  values: number[];
  /** Anomaly windows as inclusive `[startIndex, endIndex]` row indices. */
  windows: Array<[number, number]>;
}

// "2014-04-10 07:15:00" or "2014-04-10 07:15:00.000000" (microseconds beyond ms are zero in NAB).
const NAB_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?$/;

export function parseNabTimestamp(text: string): number {
  const m = NAB_TIMESTAMP.exec(text.trim());
  const ms = m ? Date.parse(`${m[1]}T${m[2]}${(m[3] ?? '').slice(0, 4)}Z`) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`not a NAB timestamp: "${text}"`);
  return ms;
}

export function parseNabCsv(text: string, file: string): { timestamps: number[]; values: number[] } {
  const timestamps: number[] = [];
  const values: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const comma = line.indexOf(',');
    const value = Number(line.slice(comma + 1));
    if (comma < 0 || !Number.isFinite(value))
      throw new Error(`${file} line ${i + 1}: expected timestamp,value`);
    timestamps.push(parseNabTimestamp(line.slice(0, comma)));
    values.push(value);
  }
  return { timestamps, values };
}

const labelsSchema = z.record(z.string(), z.array(z.tuple([z.string(), z.string()])));

const profilesSchema = z.record(
  z.string(),
  z.object({ CostMatrix: z.object({ tpWeight: z.number(), fpWeight: z.number(), fnWeight: z.number() }) }),
);

/** A scoring profile's cost matrix from `config/profiles.json` (NAB's `standard` is A_fp = 0.11). */
export async function loadNabProfile(nabDir: string, name: string): Promise<CostMatrix> {
  const path = join(nabDir, 'config', 'profiles.json');
  const profiles = profilesSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  const profile = profiles[name];
  if (!profile)
    throw new Error(`${path} has no profile "${name}"; it has ${Object.keys(profiles).join(', ')}`);
  return profile.CostMatrix;
}

/** Every data file under `<nabDir>/data` that the label file knows, sorted by path. */
export async function loadNabCorpus(nabDir: string): Promise<NabFile[]> {
  const labels = labelsSchema.parse(
    JSON.parse(await readFile(join(nabDir, 'labels', 'combined_windows.json'), 'utf8')),
  );
  const files: NabFile[] = [];
  for (const category of (await readdir(join(nabDir, 'data'))).sort()) {
    const names = (await readdir(join(nabDir, 'data', category))).filter((n) => n.endsWith('.csv')).sort();
    for (const name of names) {
      const path = `${category}/${name}`;
      const limits = labels[path];
      if (limits === undefined) continue;
      const { timestamps, values } = parseNabCsv(await readFile(join(nabDir, 'data', path), 'utf8'), path);
      const index = new Map(timestamps.map((t, i) => [t, i]));
      const windows = limits.map(([start, end]): [number, number] => {
        const a = index.get(parseNabTimestamp(start));
        const b = index.get(parseNabTimestamp(end));
        if (a === undefined || b === undefined) {
          throw new Error(`${path}: window [${start}, ${end}] does not match timestamps of the file`);
        }
        return [a, b];
      });
      files.push({ path, category, timestamps, values, windows });
    }
  }
  return files;
}

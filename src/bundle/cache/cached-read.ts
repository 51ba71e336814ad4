/**
 * A range read of a bundle's large data files (metrics, logs, traces) through the read cache.
 *
 * The first read of a range decodes the file as an uncached read would (JSON or CSV, zod), widened
 * to whole buckets, and writes each bucket's records; later reads of any range those buckets cover
 * parse the buckets' JSON instead of gunzipping, splitting and validating the file. The answer is
 * the same either way: the records whose time is in the range, in file order. Whenever the cache
 * cannot give that answer for sure (the file has a malformed or truncated line, the range is
 * unbounded), `cachedRecords` returns undefined and the caller reads the file uncached, so
 * problems and warnings are reported exactly as without a cache.
 */
import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import type { TimeRange } from '../../core/index.js';
import { decodeFile, type SourceRecords } from '../decode.js';
import type { DataFile } from '../files.js';
import {
  BUCKET_MS,
  type Bucket,
  bucketPath,
  CACHE_FORMAT_VERSION,
  readBucket,
  writeBucket,
} from './bucket-file.js';
import { fileFingerprint } from './fingerprint.js';

/** The sources worth caching: the large, time-ordered ones. The others are a few kB. */
export type CachedSource = 'metrics' | 'logs' | 'traces';

const TIME_OF: { [S in CachedSource]: (record: SourceRecords[S]) => number } = {
  metrics: (r) => r.ts,
  logs: (r) => r.ts,
  traces: (r) => r.start,
};

/** A week of buckets; a longer range is read uncached rather than opening thousands of files. */
const MAX_BUCKETS = 7 * 24 * 6;

export function isCachedSource(source: string): source is CachedSource {
  return source in TIME_OF;
}

/**
 * How a cached read was served: from the cache, by decoding the file and writing the cache, or by
 * an uncached read (the cache could not answer, or could not be placed).
 */
export type CacheOutcome = 'hit' | 'built' | 'bypassed';

export interface CachedRecords<T> {
  records: T[];
  outcome: Exclude<CacheOutcome, 'bypassed'>;
}

/**
 * The records of `file` whose time is in `range`, in file order, from the cache in `cacheDir`
 * (built on a miss); undefined when the cache cannot answer (see the module comment).
 */
export async function cachedRecords<S extends CachedSource>(
  file: DataFile & { source: S },
  range: TimeRange,
  cacheDir: string,
  signal?: AbortSignal,
): Promise<CachedRecords<SourceRecords[S]> | undefined> {
  if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.end <= range.start)
    return undefined;
  const first = Math.floor(range.start / BUCKET_MS) * BUCKET_MS;
  const last = Math.floor((range.end - 1) / BUCKET_MS) * BUCKET_MS;
  const count = (last - first) / BUCKET_MS + 1;
  if (count > MAX_BUCKETS) return undefined;
  const starts = Array.from({ length: count }, (_, i) => first + i * BUCKET_MS);
  const key = JSON.stringify([
    CACHE_FORMAT_VERSION,
    file.source,
    file.name,
    await fileFingerprint(file.path),
  ]);
  const keyHash = `${file.source}-${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
  const time = TIME_OF[file.source] as (record: SourceRecords[S]) => number;
  const found = await Promise.all(
    starts.map((start) => readBucket<SourceRecords[S]>(bucketPath(cacheDir, keyHash, start), key, start)),
  );
  signal?.throwIfAborted();
  if (found.every((bucket) => bucket !== undefined)) {
    return { records: within(inFileOrder(found), range, time), outcome: 'hit' };
  }
  const built = await decodeBuckets(file, starts, time, signal);
  if (built === undefined) return undefined;
  // One at a time, so one bucket's text is alive at once rather than all of them. Best effort: a
  // cache that cannot be written (disk full, read-only) leaves the answer unchanged.
  for (const bucket of built.buckets) {
    await writeBucket(bucketPath(cacheDir, keyHash, bucket.start), key, bucket).catch(() => undefined);
  }
  await removeStale(cacheDir, file.source, keyHash);
  return { records: within(built.records, range, time), outcome: 'built' };
}

/**
 * Decodes the file over the buckets' stretch; undefined at the first problem or warning, which
 * only an uncached read reports faithfully (the widened stretch may hold lines the range does not).
 */
async function decodeBuckets<T>(
  file: DataFile,
  starts: number[],
  time: (record: T) => number,
  signal: AbortSignal | undefined,
): Promise<{ buckets: Bucket<T>[]; records: T[] } | undefined> {
  const first = starts[0] as number;
  const stretch = { start: first, end: first + starts.length * BUCKET_MS };
  const buckets: Bucket<T>[] = starts.map((start) => ({ start, records: [], lines: [] }));
  const records: T[] = [];
  const decoded = decodeFile(file as DataFile & { source: CachedSource }, {
    stopAtFirstProblem: true,
    range: stretch,
    lineNumbers: true,
    ...(signal && { signal }),
  });
  for await (const chunk of decoded) {
    if (chunk.problems.length > 0 || chunk.warnings.length > 0) return undefined;
    const lines = chunk.lineNumbers ?? [];
    chunk.records.forEach((record, i) => {
      const t = time(record as T);
      // A line whose time could not be judged before decoding may lie outside the stretch.
      if (!(t >= stretch.start && t < stretch.end)) return;
      const bucket = buckets[Math.floor((t - first) / BUCKET_MS)] as Bucket<T>;
      bucket.records.push(record as T);
      bucket.lines.push(lines[i] as number);
      records.push(record as T);
    });
  }
  return { buckets, records };
}

/** The buckets' records in the order of their lines in the file. */
function inFileOrder<T>(buckets: Bucket<T>[]): T[] {
  let lastLine = 0;
  let ordered = true;
  for (const bucket of buckets) {
    if (bucket.lines.length === 0) continue;
    if ((bucket.lines[0] as number) < lastLine) ordered = false;
    lastLine = bucket.lines[bucket.lines.length - 1] as number;
  }
  // Time-ordered files (the usual case) need only concatenation.
  if (ordered) return buckets.flatMap((bucket) => bucket.records);
  const all = buckets.flatMap((bucket) =>
    bucket.records.map((record, i) => ({ record, line: bucket.lines[i] as number })),
  );
  return all.sort((a, b) => a.line - b.line).map((entry) => entry.record);
}

function within<T>(records: T[], range: TimeRange, time: (record: T) => number): T[] {
  return records.filter((record) => {
    const t = time(record);
    return t >= range.start && t < range.end;
  });
}

/** Removes the buckets of other versions of the source's file; they can never be read again. */
async function removeStale(cacheDir: string, source: string, keyHash: string): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  const stale = names.filter((name) => name.startsWith(`${source}-`) && !name.startsWith(`${keyHash}-`));
  await Promise.all(stale.map((name) => rm(`${cacheDir}/${name}`, { force: true })));
}

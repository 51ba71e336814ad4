/**
 * One cached bucket: the validated records of one data file whose time falls in one stretch of
 * `BUCKET_MS`, in file order, with the line each came from. A file is a header line (JSON) and a
 * body (JSON); the header names the data file's fingerprint and the body's length and SHA-1, so a
 * bucket of another version of the file, a truncated write or flipped bytes are told apart from a
 * good bucket, and treated as absent.
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../replace-file.js';

/**
 * Raised when the cache's layout or the records' shape (core's zod schemas) changes: buckets of
 * another version are never read.
 */
export const CACHE_FORMAT_VERSION = 1;

/**
 * Width of a bucket. Ten minutes: an investigation reads a few hours, so a bucket at each edge
 * decodes at most ten minutes more than needed; and a 24 h bundle's logs make ~50 buckets, few
 * enough files to open at once.
 */
export const BUCKET_MS = 10 * 60 * 1000;

export interface Bucket<T> {
  /** Start of the bucket's stretch, a multiple of BUCKET_MS. */
  start: number;
  records: T[];
  /** The 1-based line of each record in the data file, ascending. */
  lines: number[];
}

interface Header {
  version: number;
  key: string;
  start: number;
  count: number;
  bodyBytes: number;
  bodySha1: string;
}

/** The file name of a bucket: the data file's key (source, name, fingerprint) hashed, and the start. */
export function bucketPath(cacheDir: string, keyHash: string, start: number): string {
  return join(cacheDir, `${keyHash}-${start}.json`);
}

export async function writeBucket<T>(path: string, key: string, bucket: Bucket<T>): Promise<void> {
  // Hashed and written as a string: encoding a bucket of tens of MB once, not three times.
  const body = JSON.stringify({ lines: bucket.lines, records: bucket.records });
  const header: Header = {
    version: CACHE_FORMAT_VERSION,
    key,
    start: bucket.start,
    count: bucket.records.length,
    bodyBytes: Buffer.byteLength(body, 'utf8'),
    bodySha1: createHash('sha1').update(body, 'utf8').digest('hex'),
  };
  // Temporary file and rename: a concurrent reader sees the old bucket, the new one or none.
  await writeFileAtomic(path, `${JSON.stringify(header)}\n${body}`);
}

/**
 * The bucket at `path` if it is whole and was written for `key` at `start`; undefined when it is
 * absent, of another file version, or damaged (a damaged file is removed so it is rewritten).
 */
export async function readBucket<T>(
  path: string,
  key: string,
  start: number,
): Promise<Bucket<T> | undefined> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    return undefined;
  }
  const bucket = parseBucket<T>(data, key, start);
  if (bucket === undefined) await rm(path, { force: true });
  return bucket;
}

function parseBucket<T>(data: Buffer, key: string, start: number): Bucket<T> | undefined {
  const newline = data.indexOf(0x0a);
  if (newline < 0) return undefined;
  try {
    const header = JSON.parse(data.toString('utf8', 0, newline)) as Partial<Header>;
    if (header.version !== CACHE_FORMAT_VERSION || header.key !== key || header.start !== start)
      return undefined;
    const body = data.subarray(newline + 1);
    if (body.length !== header.bodyBytes) return undefined;
    if (createHash('sha1').update(body).digest('hex') !== header.bodySha1) return undefined;
    const parsed = JSON.parse(body.toString('utf8')) as { lines?: unknown; records?: unknown };
    const { lines, records } = parsed;
    if (!Array.isArray(lines) || !Array.isArray(records)) return undefined;
    if (records.length !== header.count || lines.length !== records.length) return undefined;
    return { start, records: records as T[], lines: lines as number[] };
  } catch {
    return undefined;
  }
}

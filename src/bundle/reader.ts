/**
 * Opens a bundle for an investigation: the two small documents are read and validated at once,
 * the data files are streamed on demand. There is deliberately no way to reach truth.yaml from
 * here (spec, "Rules for readers"); scoring code uses `bundle/scoring.ts`.
 */
import { stat } from 'node:fs/promises';
import type {
  Change,
  Incident,
  InfraEvent,
  LogRecord,
  MetricSample,
  PastIncident,
  Problem,
  Span,
  TimeRange,
  Topology,
} from '../core/index.js';
import { incidentSchema, NightshiftError, topologySchema, ValidationError } from '../core/index.js';
import { type CachedSource, type CacheOutcome, cachedRecords, isCachedSource } from './cache/cached-read.js';
import { defaultUserCacheDir, resolveCacheDir } from './cache/location.js';
import { decodeFile, type SourceRecords } from './decode.js';
import { type BundleFiles, type DataFile, type DataSource, findBundleFiles } from './files.js';
import { readYamlFile } from './yaml.js';

/** Records per batch when the caller does not say: large enough to amortise the await per batch. */
export const DEFAULT_BATCH_SIZE = 4096;

/** Options of a streamed read. */
export interface ReadOptions {
  /**
   * Only records whose time falls in [start, end) are decoded and validated: lines outside it are
   * skipped on a cheap look at their timestamp, which is what makes reading the last hours of a
   * day-long bundle fast. Lines whose time cannot be read that way are decoded.
   */
  range?: TimeRange;
  /** Aborting stops the read promptly: iteration throws the signal's reason and the file is closed. */
  signal?: AbortSignal;
}

/**
 * An opened, partly validated bundle. Readers stream a data file each time they are iterated and
 * throw a ValidationError (code BAD_BUNDLE) at the first malformed line, after yielding every
 * record before it. A source the bundle does not have yields nothing. A truncated last line (no
 * newline at the end, and unparsable) is skipped and noted in `warnings()` instead.
 */
export interface Bundle {
  readonly dir: string;
  readonly incident: Incident;
  readonly topology: Topology | undefined;
  readonly files: BundleFiles;
  has(source: DataSource): boolean;
  records<S extends DataSource>(source: S, options?: ReadOptions): AsyncIterable<SourceRecords[S]>;
  /** Arrays of up to `size` records: for millions of records, one await per batch instead of per record. */
  batches<S extends DataSource>(
    source: S,
    size?: number,
    options?: ReadOptions,
  ): AsyncIterable<SourceRecords[S][]>;
  metrics(): AsyncIterable<MetricSample>;
  logs(): AsyncIterable<LogRecord>;
  spans(): AsyncIterable<Span>;
  changes(): AsyncIterable<Change>;
  events(): AsyncIterable<InfraEvent>;
  history(): AsyncIterable<PastIncident>;
  metricBatches(size?: number, options?: ReadOptions): AsyncIterable<MetricSample[]>;
  logBatches(size?: number, options?: ReadOptions): AsyncIterable<LogRecord[]>;
  spanBatches(size?: number, options?: ReadOptions): AsyncIterable<Span[]>;
  /** Every record of a source in one array; meant for the small files (changes, events, history). */
  readAll<S extends DataSource>(source: S, options?: ReadOptions): Promise<SourceRecords[S][]>;
  /** What reads so far skipped with a warning (a truncated last line), each once, in the order found. */
  warnings(): Problem[];
}

/**
 * The read cache (src/bundle/cache): range reads of metrics, logs and traces are served from
 * validated records kept per ten-minute bucket, beside the bundle (`.nightshift-cache/`) or, when
 * its folder cannot be written, under `userCacheDir`. Same records as an uncached read, always.
 */
export interface BundleCacheOptions {
  /** Where caches of bundles in folders that cannot be written go; default `$XDG_CACHE_HOME/nightshift`. */
  userCacheDir?: string;
  /** Told how each cached read was served: to count hits in tests and benchmarks. */
  onRead?: (source: CachedSource, outcome: CacheOutcome) => void;
  /** Files smaller than this are read directly; default `MIN_CACHED_FILE_BYTES`. */
  minFileBytes?: number;
}

/**
 * Below 1 MiB on disk a file decodes in milliseconds, less than a cache check and its files cost;
 * this also keeps small bundles (test fixtures, examples) free of a cache folder.
 */
export const MIN_CACHED_FILE_BYTES = 1024 * 1024;

export interface OpenBundleOptions {
  /** Serve range reads of the large files through the read cache; off when absent. */
  cache?: BundleCacheOptions;
}

/** Opens the bundle at `dir`; throws a ValidationError listing the problems of its file list and YAML documents. */
export async function openBundle(dir: string, options: OpenBundleOptions = {}): Promise<Bundle> {
  const files = await findBundleFiles(dir);
  const problems: Problem[] = [];
  const incident = await readYamlFile(files.incident, 'incident.yaml', incidentSchema);
  if (!incident.ok) problems.push(...incident.problems);
  let topology: Topology | undefined;
  if (files.topology) {
    const read = await readYamlFile(files.topology, 'topology.yaml', topologySchema);
    if (read.ok) topology = read.value;
    else problems.push(...read.problems);
  }
  if (!incident.ok || problems.length > 0) throw new ValidationError(problems, { hint: validateHint(dir) });
  return createBundle(files, incident.value, topology, options.cache);
}

function createBundle(
  files: BundleFiles,
  incident: Incident,
  topology: Topology | undefined,
  cache: BundleCacheOptions | undefined,
): Bundle {
  // Keyed by file and line: every read of a file finds its truncated line again.
  const warnings = new Map<string, Problem>();
  const warn = (found: readonly Problem[]) => {
    for (const w of found) warnings.set(`${w.file}\u0000${w.line}`, w);
  };
  // Placed once per opened bundle, on the first cached read of a file large enough.
  let cacheDir: Promise<string | undefined> | undefined;
  const batches = <S extends DataSource>(source: S, size = DEFAULT_BATCH_SIZE, options: ReadOptions = {}) => {
    const file = files.data[source] as (DataFile & { source: S }) | undefined;
    const read = () => readBatches(file, { size, dir: files.dir, warn, ...options });
    if (cache === undefined || file === undefined || options.range === undefined || !isCachedSource(source)) {
      return read();
    }
    return cachedBatches(file as DataFile & { source: CachedSource }, size, options.range, {
      signal: options.signal,
      cacheDir: () => {
        cacheDir ??= resolveCacheDir(files.dir, cache.userCacheDir ?? defaultUserCacheDir());
        return cacheDir;
      },
      onRead: cache.onRead,
      minFileBytes: cache.minFileBytes ?? MIN_CACHED_FILE_BYTES,
      uncached: read as () => AsyncGenerator<SourceRecords[CachedSource][]>,
    }) as AsyncGenerator<SourceRecords[S][]>;
  };
  async function* records<S extends DataSource>(
    source: S,
    options?: ReadOptions,
  ): AsyncGenerator<SourceRecords[S]> {
    for await (const batch of batches(source, undefined, options)) yield* batch;
  }
  return {
    dir: files.dir,
    incident,
    topology,
    files,
    has: (source) => files.data[source] !== undefined,
    records,
    batches,
    metrics: () => records('metrics'),
    logs: () => records('logs'),
    spans: () => records('traces'),
    changes: () => records('changes'),
    events: () => records('events'),
    history: () => records('history'),
    metricBatches: (size, options) => batches('metrics', size, options),
    logBatches: (size, options) => batches('logs', size, options),
    spanBatches: (size, options) => batches('traces', size, options),
    async readAll<S extends DataSource>(source: S, options?: ReadOptions) {
      const all: SourceRecords[S][] = [];
      for await (const batch of batches(source, undefined, options)) all.push(...batch);
      return all;
    },
    warnings: () => [...warnings.values()],
  };
}

interface BatchOptions extends ReadOptions {
  size: number;
  dir: string;
  warn: (warnings: readonly Problem[]) => void;
}

async function* readBatches<S extends DataSource>(
  file: (DataFile & { source: S }) | undefined,
  { size, dir, warn, range, signal }: BatchOptions,
): AsyncGenerator<SourceRecords[S][]> {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new NightshiftError('INTERNAL', `batch size must be a positive integer, got ${size}`);
  }
  if (file === undefined) return;
  let batch: SourceRecords[S][] = [];
  for await (const { records, problems, warnings } of decodeFile(file, {
    stopAtFirstProblem: true,
    ...(range ? { range } : {}),
    ...(signal ? { signal } : {}),
  })) {
    warn(warnings);
    for (const record of records) {
      batch.push(record);
      if (batch.length === size) {
        // One chunk holds many batches; an abort must not wait for the rest of them.
        signal?.throwIfAborted();
        yield batch;
        batch = [];
      }
    }
    if (problems.length > 0) {
      if (batch.length > 0) yield batch;
      throw new ValidationError(problems, { hint: validateHint(dir) });
    }
  }
  if (batch.length > 0) yield batch;
}

interface CachedBatchOptions<T> {
  signal: AbortSignal | undefined;
  cacheDir: () => Promise<string | undefined>;
  onRead: BundleCacheOptions['onRead'];
  minFileBytes: number;
  uncached: () => AsyncGenerator<T[]>;
}

async function* cachedBatches<S extends CachedSource>(
  file: DataFile & { source: S },
  size: number,
  range: TimeRange,
  options: CachedBatchOptions<SourceRecords[S]>,
): AsyncGenerator<SourceRecords[S][]> {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new NightshiftError('INTERNAL', `batch size must be a positive integer, got ${size}`);
  }
  const { signal } = options;
  const small = (await stat(file.path)).size < options.minFileBytes;
  const dir = small ? undefined : await options.cacheDir();
  const got = dir === undefined ? undefined : await cachedRecords(file, range, dir, signal);
  options.onRead?.(file.source, got?.outcome ?? 'bypassed');
  if (got === undefined) {
    yield* options.uncached();
    return;
  }
  for (let i = 0; i < got.records.length; i += size) {
    signal?.throwIfAborted();
    yield got.records.slice(i, i + size);
  }
}

function validateHint(dir: string): string {
  return `Run \`nightshift validate ${dir}\` to list every problem of the bundle.`;
}

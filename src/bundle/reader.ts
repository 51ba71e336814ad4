/**
 * Opens a bundle for an investigation: the two small documents are read and validated at once,
 * the data files are streamed on demand. There is deliberately no way to reach truth.yaml from
 * here (spec, "Rules for readers"); scoring code uses `bundle/scoring.ts`.
 */
import type {
  Change,
  Incident,
  InfraEvent,
  LogRecord,
  MetricSample,
  PastIncident,
  Problem,
  Span,
  Topology,
} from '../core/index.js';
import { incidentSchema, NightshiftError, topologySchema, ValidationError } from '../core/index.js';
import { decodeFile, type SourceRecords, type TimeRange } from './decode.js';
import { type BundleFiles, type DataFile, type DataSource, findBundleFiles } from './files.js';
import { readYamlFile } from './yaml.js';

/** Records per batch when the caller does not say: large enough to amortise the await per batch. */
export const DEFAULT_BATCH_SIZE = 4096;

/**
 * An opened, partly validated bundle. Readers stream a data file each time they are iterated and
 * throw a ValidationError (code BAD_BUNDLE) at the first malformed line, after yielding every
 * record before it. A source the bundle does not have yields nothing.
 */
export interface Bundle {
  readonly dir: string;
  readonly incident: Incident;
  readonly topology: Topology | undefined;
  readonly files: BundleFiles;
  has(source: DataSource): boolean;
  records<S extends DataSource>(source: S): AsyncIterable<SourceRecords[S]>;
  /** Arrays of up to `size` records: for millions of records, one await per batch instead of per record. */
  batches<S extends DataSource>(source: S, size?: number): AsyncIterable<SourceRecords[S][]>;
  metrics(): AsyncIterable<MetricSample>;
  logs(): AsyncIterable<LogRecord>;
  spans(): AsyncIterable<Span>;
  changes(): AsyncIterable<Change>;
  events(): AsyncIterable<InfraEvent>;
  history(): AsyncIterable<PastIncident>;
  /**
   * With `range`, only records whose time falls in [start, end) are decoded and validated: lines
   * outside it are skipped on a cheap look at their timestamp, which is what makes reading the
   * last hours of a day-long bundle fast. Lines whose time cannot be read that way are decoded.
   */
  metricBatches(size?: number, range?: TimeRange): AsyncIterable<MetricSample[]>;
  logBatches(size?: number, range?: TimeRange): AsyncIterable<LogRecord[]>;
  spanBatches(size?: number, range?: TimeRange): AsyncIterable<Span[]>;
  /** Every record of a source in one array; meant for the small files (changes, events, history). */
  readAll<S extends DataSource>(source: S): Promise<SourceRecords[S][]>;
}

/** Opens the bundle at `dir`; throws a ValidationError listing the problems of its file list and YAML documents. */
export async function openBundle(dir: string): Promise<Bundle> {
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
  return createBundle(files, incident.value, topology);
}

function createBundle(files: BundleFiles, incident: Incident, topology: Topology | undefined): Bundle {
  const batches = <S extends DataSource>(source: S, size = DEFAULT_BATCH_SIZE, range?: TimeRange) =>
    readBatches(files.data[source] as (DataFile & { source: S }) | undefined, size, files.dir, range);
  async function* records<S extends DataSource>(source: S): AsyncGenerator<SourceRecords[S]> {
    for await (const batch of batches(source)) yield* batch;
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
    metricBatches: (size, range) => batches('metrics', size, range),
    logBatches: (size, range) => batches('logs', size, range),
    spanBatches: (size, range) => batches('traces', size, range),
    async readAll<S extends DataSource>(source: S) {
      const all: SourceRecords[S][] = [];
      for await (const batch of batches(source)) all.push(...batch);
      return all;
    },
  };
}

async function* readBatches<S extends DataSource>(
  file: (DataFile & { source: S }) | undefined,
  size: number,
  dir: string,
  range?: TimeRange,
): AsyncGenerator<SourceRecords[S][]> {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new NightshiftError('INTERNAL', `batch size must be a positive integer, got ${size}`);
  }
  if (file === undefined) return;
  let batch: SourceRecords[S][] = [];
  for await (const { records, problems } of decodeFile(file, {
    stopAtFirstProblem: true,
    ...(range ? { range } : {}),
  })) {
    for (const record of records) {
      batch.push(record);
      if (batch.length === size) {
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

function validateHint(dir: string): string {
  return `Run \`nightshift validate ${dir}\` to list every problem of the bundle.`;
}

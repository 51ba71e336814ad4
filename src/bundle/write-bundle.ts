/**
 * Writes a small bundle held in memory (tests, importers of small datasets, examples). Large
 * producers such as the lab stream through `createBundleWriter` instead.
 */
import type {
  Change,
  Incident,
  InfraEvent,
  LogRecord,
  MetricSample,
  PastIncident,
  Span,
  Topology,
  Truth,
} from '../core/index.js';
import { toIncidentYaml, toTopologyYaml, toTruthYaml } from './documents.js';
import {
  formatChangeLine,
  formatEventLine,
  formatHistoryLine,
  formatLogLine,
  formatMetricCsvRow,
  formatMetricJsonLine,
  formatMetricsCsvHeader,
  formatSpanLine,
} from './serialize.js';
import type { LineSink } from './sink.js';
import { type BundleWriter, createBundleWriter, type DataFileName } from './writer.js';

/** Everything a bundle holds; a data file is written for each array given, even an empty one. */
export interface BundleContent {
  incident: Incident;
  topology?: Topology;
  truth?: Truth;
  metrics?: MetricSample[];
  logs?: LogRecord[];
  spans?: Span[];
  changes?: Change[];
  events?: InfraEvent[];
  history?: PastIncident[];
}

/** Options of `writeBundle`. */
export interface WriteBundleOptions {
  /** Replace an existing folder. */
  force?: boolean;
  /** Gzip every data file. */
  gzip?: boolean;
  /** Default `csv`, with one label column per label name found in the samples. */
  metricsFormat?: 'csv' | 'jsonl';
}

/** Writes `content` as a bundle at `dir`, atomically. */
export async function writeBundle(
  dir: string,
  content: BundleContent,
  options: WriteBundleOptions = {},
): Promise<void> {
  const writer = await createBundleWriter(dir, { force: options.force });
  try {
    await writer.writeYaml('incident.yaml', toIncidentYaml(content.incident));
    if (content.topology) await writer.writeYaml('topology.yaml', toTopologyYaml(content.topology));
    if (content.truth) await writer.writeYaml('truth.yaml', toTruthYaml(content.truth));
    const gzip = options.gzip ?? false;
    if (content.metrics) await writeMetrics(writer, content.metrics, options.metricsFormat ?? 'csv', gzip);
    await writeLines(writer, 'logs.jsonl', content.logs, formatLogLine, gzip);
    await writeLines(writer, 'traces.jsonl', content.spans, formatSpanLine, gzip);
    await writeLines(writer, 'changes.jsonl', content.changes, formatChangeLine, gzip);
    await writeLines(writer, 'events.jsonl', content.events, formatEventLine, gzip);
    await writeLines(writer, 'history.jsonl', content.history, formatHistoryLine, gzip);
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

async function writeMetrics(
  writer: BundleWriter,
  samples: MetricSample[],
  format: 'csv' | 'jsonl',
  gzip: boolean,
): Promise<void> {
  if (format === 'jsonl') {
    await writeLines(writer, 'metrics.jsonl', samples, formatMetricJsonLine, gzip);
    return;
  }
  const labelColumns = [...new Set(samples.flatMap((s) => Object.keys(s.labels)))].sort();
  const sink = writer.lines('metrics.csv', { gzip });
  await sink.write(formatMetricsCsvHeader(labelColumns));
  await writeAll(sink, samples, (s) => formatMetricCsvRow(s, labelColumns));
}

async function writeLines<T>(
  writer: BundleWriter,
  file: DataFileName,
  records: T[] | undefined,
  format: (record: T) => string,
  gzip: boolean,
): Promise<void> {
  if (records === undefined) return;
  await writeAll(writer.lines(file, { gzip }), records, format);
}

async function writeAll<T>(sink: LineSink, records: T[], format: (record: T) => string): Promise<void> {
  for (const record of records) {
    const full = sink.write(format(record));
    if (full) await full;
  }
  await sink.close();
}

/**
 * Data file → records. Each line is parsed (JSON, or a CSV row against the header) and validated
 * with the source's zod schema from core; a line that fails becomes problems naming file, line and
 * field. Both the streaming readers and `validateBundle` run on this one loop.
 *
 * One case is a warning instead: a last line without a newline that cannot be parsed. That is a
 * file cut mid-write (a collector still appending, a copy interrupted), and losing that one line
 * is better than losing the whole file.
 */
import type { z } from 'zod';
import type {
  Change,
  InfraEvent,
  LogRecord,
  MetricSample,
  PastIncident,
  Problem,
  Span,
  TimeRange,
} from '../core/index.js';
import {
  changeSchema,
  infraEventSchema,
  logRecordSchema,
  metricSampleSchema,
  NightshiftError,
  pastIncidentSchema,
  spanSchema,
} from '../core/index.js';
import { outsideRangeBytes } from './byte-range.js';
import { decodeMetricsCsvRow, type MetricsCsvHeader, parseMetricsCsvHeader, splitCsvLine } from './csv.js';
import type { DataFile, DataSource } from './files.js';
import { describeIssue } from './issues.js';
import { isGzipError, LineTooLongError, readLineChunks } from './lines.js';
import { RefusedFileError } from './regular-file.js';
import { outsideRange } from './time-filter.js';

/** The record type each data source yields. */
export interface SourceRecords {
  metrics: MetricSample;
  logs: LogRecord;
  traces: Span;
  changes: Change;
  events: InfraEvent;
  history: PastIncident;
}

export { outsideRange };

const SCHEMAS: { [S in DataSource]: z.ZodType<SourceRecords[S]> } = {
  metrics: metricSampleSchema,
  logs: logRecordSchema,
  traces: spanSchema,
  changes: changeSchema,
  events: infraEventSchema,
  history: pastIncidentSchema,
};

/**
 * The valid records of some consecutive lines, and the problems of the others. `warnings` are lines
 * skipped without making the file invalid: a truncated last line.
 */
export interface DecodedChunk<T> {
  records: T[];
  problems: Problem[];
  warnings: Problem[];
  /** With `DecodeOptions.lineNumbers`: the 1-based line of each record, side by side with `records`. */
  lineNumbers?: number[];
}

/** The warning for a last line cut short; the line is skipped, the rest of the file is kept. */
export const INCOMPLETE_LAST_LINE = 'last line is incomplete (no newline at end of file), skipped';

export interface DecodeOptions {
  /** Stop at the first malformed line: `records` then holds exactly the records before it. */
  stopAtFirstProblem: boolean;
  /** Bytes per read; see `readLineChunks`. */
  chunkBytes?: number;
  /** Skip, without decoding, lines whose timestamp is outside [start, end). */
  range?: TimeRange;
  /** Aborting stops the read: the generator throws the signal's reason and closes the file. */
  signal?: AbortSignal;
  /** Report the line of each record (`DecodedChunk.lineNumbers`), e.g. to keep records in file order. */
  lineNumbers?: boolean;
}

/** The field that holds a record's time, per source (CSV metrics: the first column). */
const TIME_FIELD: { [S in DataSource]: string } = {
  metrics: 'ts',
  logs: 'ts',
  traces: 'start',
  changes: 'ts',
  events: 'ts',
  history: 'startedAt',
};

type LineDecoder<T> = (line: string, lineNo: number, out: T[]) => Problem[] | undefined;

/** True when a line cannot even be split into its parts (JSON syntax, CSV quoting or columns). */
type Unparsable = (line: string) => boolean;

/**
 * Decodes a data file chunk by chunk. Empty lines are skipped; nothing else is dropped without a
 * problem. A CSV header that cannot be read, a gzip stream that ends early or a read error ends
 * the file with one problem, since the lines after it cannot be trusted.
 */
export async function* decodeFile<S extends DataSource>(
  file: DataFile & { source: S },
  options: DecodeOptions,
): AsyncGenerator<DecodedChunk<SourceRecords[S]>> {
  type T = SourceRecords[S];
  let decode: LineDecoder<T> | undefined =
    file.format === 'jsonl' ? jsonLineDecoder(file.name, SCHEMAS[file.source]) : undefined;
  let unparsable: Unparsable = file.format === 'jsonl' ? notJson : () => false;
  let lastLine = 0;
  const timeKey = file.format === 'jsonl' ? `"${TIME_FIELD[file.source]}":` : undefined;
  const skip = options.range ? outsideRange(timeKey, options.range) : undefined;
  try {
    for await (const chunk of readLineChunks(file.path, {
      gzip: file.gzip,
      chunkBytes: options.chunkBytes,
      signal: options.signal,
      // Lines outside the range are dropped before they are decoded to strings (the same lines
      // `skip` drops; it still runs on the rest, e.g. the CSV header's neighbour).
      ...(options.range && { skip: outsideRangeBytes(timeKey, options.range) }),
    })) {
      const records: T[] = [];
      const problems: Problem[] = [];
      const warnings: Problem[] = [];
      const lineNumbers: number[] | undefined = options.lineNumbers ? [] : undefined;
      for (let i = 0; i < chunk.lines.length; i++) {
        const line = chunk.lines[i]!;
        const lineNo = chunk.lineNumbers?.[i] ?? chunk.firstLine + i;
        lastLine = lineNo;
        if (line.length === 0 || (line.charCodeAt(0) <= 0x20 && line.trim() === '')) continue;
        if (skip !== undefined && decode !== undefined && skip(line)) continue;
        if (decode === undefined) {
          const header = parseMetricsCsvHeader(line);
          if ('error' in header) {
            const problem = { file: file.name, line: lineNo, message: header.error };
            yield { records, problems: [problem], warnings };
            return;
          }
          decode = csvRowDecoder(file.name, header) as unknown as LineDecoder<T>;
          unparsable = csvRowUnparsable(header);
          continue;
        }
        const found = decode(line, lineNo, records);
        if (found === undefined) {
          lineNumbers?.push(lineNo);
          continue;
        }
        if (chunk.unterminated && i === chunk.lines.length - 1 && unparsable(line)) {
          warnings.push({ file: file.name, line: lineNo, message: INCOMPLETE_LAST_LINE });
          continue;
        }
        problems.push(...found);
        if (options.stopAtFirstProblem) break;
      }
      if (chunk.lastLine !== undefined && problems.length === 0) lastLine = chunk.lastLine;
      yield lineNumbers ? { records, problems, warnings, lineNumbers } : { records, problems, warnings };
      if (options.stopAtFirstProblem && problems.length > 0) return;
    }
  } catch (error) {
    if (options.signal?.aborted || !isReadError(error)) throw error;
    yield { records: [], problems: [readProblem(file, error, lastLine)], warnings: [] };
  }
}

function jsonLineDecoder<T>(file: string, schema: z.ZodType<T>): LineDecoder<T> {
  return (line, lineNo, out) => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      return [{ file, line: lineNo, message: `not valid JSON (${(error as Error).message})` }];
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.push(parsed.data);
      return undefined;
    }
    return parsed.error.issues.map((issue) => {
      const { field, message } = describeIssue(issue, raw);
      return field === undefined ? { file, line: lineNo, message } : { file, line: lineNo, field, message };
    });
  };
}

function csvRowDecoder(file: string, header: MetricsCsvHeader): LineDecoder<MetricSample> {
  return (line, lineNo, out) => decodeMetricsCsvRow(file, header, line, lineNo, out);
}

function notJson(line: string): boolean {
  try {
    JSON.parse(line);
    return false;
  } catch {
    return true;
  }
}

/** A row cut short has broken quoting or too few columns; a cut inside a value cannot be told apart. */
function csvRowUnparsable(header: MetricsCsvHeader): Unparsable {
  return (line) => {
    const fields = splitCsvLine(line);
    return !Array.isArray(fields) || fields.length !== header.columns.length;
  };
}

/** Errors of the file itself (I/O, gzip, a runaway line), as opposed to bugs in this code. */
function isReadError(error: unknown): boolean {
  if (error instanceof LineTooLongError || error instanceof RefusedFileError) return true;
  return (
    !(error instanceof NightshiftError) && typeof (error as { code?: unknown } | null)?.code === 'string'
  );
}

function readProblem(file: DataFile, error: unknown, lastLine: number): Problem {
  if (error instanceof LineTooLongError) return { file: file.name, line: error.line, message: error.message };
  if (error instanceof RefusedFileError) return error.problem;
  const reason = (error as Error).message;
  if (isGzipError(error)) {
    const where = lastLine === 0 ? 'before the first line' : `after line ${lastLine}`;
    return { file: file.name, message: `gzip data is truncated or corrupt ${where} (${reason})` };
  }
  return { file: file.name, message: `cannot be read (${reason})` };
}

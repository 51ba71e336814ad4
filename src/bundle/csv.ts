/**
 * metrics.csv: header `timestamp,service,metric,value`, further columns are labels (spec
 * "metrics.csv / metrics.jsonl"). Fields follow RFC 4180 quoting. A metric row never holds a
 * newline, so a row is one line and this small line parser is enough; a general CSV library
 * (csv-parse) would add a dependency and a second streaming layer for no gain.
 */
import type { Problem } from '../core/index.js';
import { type MetricSample, metricSampleSchema, NightshiftError } from '../core/index.js';
import { describeIssue } from './issues.js';

/** The columns every metrics.csv starts with, in this order. */
export const METRICS_CSV_COLUMNS = ['timestamp', 'service', 'metric', 'value'] as const;

/** Splits one CSV line into fields; `{ error }` says what is wrong with its quoting. */
export function splitCsvLine(line: string): string[] | { error: string } {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 0x22) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote === -1) return { error: `column ${fields.length + 1}: quoted field has no closing quote` };
        value += line.slice(from, quote);
        if (line.charCodeAt(quote + 1) === 0x22) {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line.charCodeAt(i) !== 0x2c) {
        return { error: `column ${fields.length}: unexpected text after the closing quote` };
      }
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const value = line.slice(i, comma === -1 ? line.length : comma);
      if (value.includes('"')) {
        return {
          error: `column ${fields.length + 1}: a quote inside an unquoted field; quote the field and double the quote ("")`,
        };
      }
      fields.push(value);
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}

/** Quotes a field when it holds a comma or a quote; a newline cannot be written to a line-based file. */
export function quoteCsvField(text: string): string {
  if (!/[",\r\n]/.test(text)) return text;
  if (/[\r\n]/.test(text)) {
    throw new NightshiftError(
      'BAD_INPUT',
      `metrics.csv cannot hold a newline in a field: ${JSON.stringify(text)}`,
    );
  }
  return `"${text.replaceAll('"', '""')}"`;
}

/** A metrics.csv header that passed its checks. */
export interface MetricsCsvHeader {
  /** Every column name, the four required ones first. */
  columns: string[];
  /** The label columns, in file order. */
  labels: string[];
}

/** Reads the header line; returns a message when it does not start with the required columns. */
export function parseMetricsCsvHeader(line: string): MetricsCsvHeader | { error: string } {
  const columns = splitCsvLine(line);
  if (!Array.isArray(columns)) return { error: `header: ${columns.error}` };
  const expected = METRICS_CSV_COLUMNS.join(',');
  for (const [i, name] of METRICS_CSV_COLUMNS.entries()) {
    if (columns[i] === name) continue;
    const why = columns.includes(name)
      ? `column "${name}" must be column ${i + 1}`
      : `column "${name}" is missing`;
    return { error: `header must begin with ${expected}; ${why}` };
  }
  const labels = columns.slice(METRICS_CSV_COLUMNS.length);
  const seen = new Set<string>(METRICS_CSV_COLUMNS);
  for (const label of labels) {
    if (label.trim() === '') return { error: 'header: a label column has no name' };
    if (seen.has(label)) return { error: `header: column "${label}" appears twice` };
    seen.add(label);
  }
  return { columns, labels };
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Decodes one data row into `out`, or returns its problems. An empty label cell means the sample
 * has no such label. Numeric timestamps are epoch ms; the timestamp schema rejects fractions.
 */
export function decodeMetricsCsvRow(
  file: string,
  header: MetricsCsvHeader,
  line: string,
  lineNo: number,
  out: MetricSample[],
): Problem[] | undefined {
  const fields = splitCsvLine(line);
  if (!Array.isArray(fields)) return [{ file, line: lineNo, message: fields.error }];
  if (fields.length !== header.columns.length) {
    const message = `expected ${header.columns.length} columns (${header.columns.join(',')}), got ${fields.length}`;
    return [{ file, line: lineNo, message }];
  }
  const [ts, service, metric, value] = fields as [string, string, string, string];
  const labels: Record<string, string> = {};
  for (let i = 0; i < header.labels.length; i++) {
    const cell = fields[i + METRICS_CSV_COLUMNS.length]!;
    if (cell !== '') labels[header.labels[i]!] = cell;
  }
  const raw = {
    ts: NUMBER.test(ts) ? Number(ts) : ts,
    service,
    metric,
    value: NUMBER.test(value) ? Number(value) : value,
    labels,
  };
  const parsed = metricSampleSchema.safeParse(raw);
  if (parsed.success) {
    out.push(parsed.data);
    return undefined;
  }
  return parsed.error.issues.map((issue) => {
    const { message } = describeIssue(issue, raw);
    return { file, line: lineNo, field: csvColumnOf(issue.path), message };
  });
}

/** Names a schema path by the CSV column the user sees: `ts` is `timestamp`, `labels.route` is `route`. */
function csvColumnOf(path: readonly PropertyKey[]): string {
  if (path[0] === 'ts') return 'timestamp';
  if (path[0] === 'labels' && path.length > 1) return String(path[1]);
  return path.map(String).join('.');
}

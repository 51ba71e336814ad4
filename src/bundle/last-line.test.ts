import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { copySpecBundle } from '../../testing/bundle/support.js';
import { formatProblem, type LogRecord, type MetricSample } from '../core/index.js';
import { openBundle } from './reader.js';
import { validateBundle } from './validate.js';

const removals: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(removals.splice(0).map((remove) => remove()));
});

const T0 = Date.parse('2026-03-02T14:00:00Z');
const logLine = (i: number) =>
  JSON.stringify({ ts: T0 + i * 1000, service: 'payments', level: 'error', message: `timeout ${i}` });
const metricRow = (i: number) => `${T0 + i * 1000},checkout,latency_p99_ms,${200 + i},/pay`;

/** 1833 good lines (after the header in CSV), then the last line as given: the shape of a log file a collector was still writing. */
const LOGS = Array.from({ length: 1833 }, (_, i) => logLine(i));
const METRICS = [
  'timestamp,service,metric,value,route',
  ...Array.from({ length: 1833 }, (_, i) => metricRow(i)),
];
const CUT_LOG = '{"ts": 1772460300250, "service": "paym';
const CUT_ROW = '1772460300250,checkout,laten';

/** A spec bundle whose logs.jsonl (or metrics.csv) is replaced by `text`, gzipped when asked. */
async function bundleWith(file: 'logs.jsonl' | 'metrics.csv', text: string, gzip: boolean): Promise<string> {
  const { dir, remove } = await copySpecBundle();
  removals.push(remove);
  await rm(join(dir, file));
  if (gzip) await writeFile(join(dir, `${file}.gz`), gzipSync(text));
  else await writeFile(join(dir, file), text);
  return dir;
}

describe.each([
  { file: 'logs.jsonl' as const, text: `${LOGS.join('\n')}\n${CUT_LOG}`, kept: LOGS.length, line: 1834 },
  {
    file: 'metrics.csv' as const,
    text: `${METRICS.join('\n')}\n${CUT_ROW}`,
    kept: METRICS.length - 1,
    line: 1835,
  },
  { file: 'logs.jsonl' as const, text: `${LOGS.join('\r\n')}\r\n${CUT_LOG}`, kept: LOGS.length, line: 1834 },
])('a truncated last line of $file', ({ file, text, kept, line }) => {
  test.each([{ gzip: false }, { gzip: true }])(
    'loses only that line, with one warning (gzip: $gzip)',
    async ({ gzip }) => {
      const dir = await bundleWith(file, text, gzip);
      const name = gzip ? `${file}.gz` : file;
      const warning = `${name} line ${line}: last line is incomplete (no newline at end of file), skipped`;

      const bundle = await openBundle(dir);
      const records = await bundle.readAll(file === 'logs.jsonl' ? 'logs' : 'metrics');
      expect(records).toHaveLength(kept);
      const last = records.at(-1) as LogRecord | MetricSample;
      expect(last.ts).toBe(T0 + 1832 * 1000);
      expect(bundle.warnings().map(formatProblem)).toEqual([warning]);
      // A second read finds the same line again; it is still one warning.
      await bundle.readAll(file === 'logs.jsonl' ? 'logs' : 'metrics');
      expect(bundle.warnings()).toHaveLength(1);

      const result = await validateBundle(dir);
      expect(result.problems).toEqual([]);
      expect(result.warnings.map(formatProblem)).toEqual([warning]);
      expect(result.counts[file === 'logs.jsonl' ? 'logs' : 'metrics']).toBe(kept);
    },
  );
});

describe('malformed lines that are not a cut-off end stay errors', () => {
  test.each([
    {
      name: 'an unparsable line before the last',
      text: `${logLine(0)}\n${CUT_LOG}\n${logLine(1)}\n`,
      expected: /^logs\.jsonl line 2: not valid JSON/,
    },
    {
      name: 'an unparsable last line that ends with a newline',
      text: `${logLine(0)}\n${CUT_LOG}\n`,
      expected: /^logs\.jsonl line 2: not valid JSON/,
    },
    {
      name: 'a complete JSON last line without a newline that breaks the schema',
      text: `${logLine(0)}\n${JSON.stringify({ ts: 'noon', service: 'x', level: 'info', message: 'm' })}`,
      expected: /^logs\.jsonl line 2: field "ts": expected RFC 3339/,
    },
    {
      name: 'an unparsable line before a truncated last line',
      text: `${logLine(0)}\n${CUT_LOG}\n${logLine(1)}\n${CUT_LOG}`,
      expected: /^logs\.jsonl line 2: not valid JSON/,
    },
  ])('$name', async ({ text, expected }) => {
    const dir = await bundleWith('logs.jsonl', text, false);
    const result = await validateBundle(dir);
    expect(result.problems.map(formatProblem)).toEqual([expect.stringMatching(expected)]);
    const bundle = await openBundle(dir);
    await expect(bundle.readAll('logs')).rejects.toThrow(expected);
  });

  test('a CSV last line with every column but a bad value stays an error', async () => {
    const dir = await bundleWith(
      'metrics.csv',
      `${METRICS[0]}\n${metricRow(0)}\n${T0},checkout,lat,fast,/pay`,
      false,
    );
    const result = await validateBundle(dir);
    expect(result.problems.map(formatProblem)).toEqual([
      'metrics.csv line 3: field "value": expected number, got "fast"',
    ]);
    expect(result.warnings).toEqual([]);
  });
});

test('the spec fixture, which ends every file with a newline, has no warnings', async () => {
  const { dir, remove } = await copySpecBundle();
  removals.push(remove);
  expect(await readFile(join(dir, 'logs.jsonl'), 'utf8')).toMatch(/\n$/);
  const bundle = await openBundle(dir);
  await bundle.readAll('logs');
  expect(bundle.warnings()).toEqual([]);
  expect((await validateBundle(dir)).warnings).toEqual([]);
});

import { describe, expect, test } from 'vitest';
import type { MetricSample } from '../core/index.js';
import { decodeMetricsCsvRow, parseMetricsCsvHeader, quoteCsvField, splitCsvLine } from './csv.js';

describe('splitCsvLine', () => {
  test.each([
    { line: 'a,b,c', fields: ['a', 'b', 'c'] },
    { line: 'a,,c,', fields: ['a', '', 'c', ''] },
    { line: '"a,b",c', fields: ['a,b', 'c'] },
    { line: '"say ""hi""",x', fields: ['say "hi"', 'x'] },
    { line: '"",x', fields: ['', 'x'] },
    { line: 'x,""', fields: ['x', ''] },
    { line: '" spaced ",x', fields: [' spaced ', 'x'] },
  ])('splits $line', ({ line, fields }) => {
    expect(splitCsvLine(line)).toEqual(fields);
  });

  test.each([
    { line: 'a,"b', error: 'column 2: quoted field has no closing quote' },
    { line: '"a"b,c', error: 'column 1: unexpected text after the closing quote' },
    {
      line: 'a,b"c',
      error: 'column 2: a quote inside an unquoted field; quote the field and double the quote ("")',
    },
  ])('rejects $line', ({ line, error }) => {
    expect(splitCsvLine(line)).toEqual({ error });
  });

  test.each(['plain', 'a,b', 'say "hi"', '', ' x '])('quoteCsvField(%j) splits back to itself', (text) => {
    expect(splitCsvLine(`${quoteCsvField(text)},end`)).toEqual([text, 'end']);
  });

  test('quoteCsvField refuses a newline, which a line-based file cannot hold', () => {
    expect(() => quoteCsvField('a\nb')).toThrow(/newline/);
  });
});

describe('metrics.csv rows', () => {
  const header = parseMetricsCsvHeader('timestamp,service,metric,value,route,"pod,name"');

  test('the header names its label columns', () => {
    expect(header).toEqual({
      columns: ['timestamp', 'service', 'metric', 'value', 'route', 'pod,name'],
      labels: ['route', 'pod,name'],
    });
  });

  test.each([
    { line: 'timestamp,service,metric', error: 'column "value" is missing' },
    { line: 'service,timestamp,metric,value', error: 'column "timestamp" must be column 1' },
    { line: 'timestamp,service,metric,value,route,route', error: 'header: column "route" appears twice' },
    { line: 'timestamp,service,metric,value,', error: 'header: a label column has no name' },
  ])('rejects the header $line', ({ line, error }) => {
    const result = parseMetricsCsvHeader(line);
    expect('error' in result && result.error).toContain(error);
  });

  test.each([
    {
      line: '1772460000000,checkout,rps,12,/pay,',
      sample: { ts: 1772460000000, service: 'checkout', metric: 'rps', value: 12, labels: { route: '/pay' } },
    },
    {
      line: '2026-03-02T14:00:00+01:00,checkout,rps,-1.5e3,,"p-1"',
      sample: {
        ts: 1772456400000,
        service: 'checkout',
        metric: 'rps',
        value: -1500,
        labels: { 'pod,name': 'p-1' },
      },
    },
  ])('decodes $line', ({ line, sample }) => {
    if ('error' in header) throw new Error(header.error);
    const out: MetricSample[] = [];
    expect(decodeMetricsCsvRow('metrics.csv', header, line, 2, out)).toBeUndefined();
    expect(out).toEqual([sample]);
  });

  test.each([
    { line: '1772460000000.5,checkout,rps,1,,', field: 'timestamp', message: /got 1772460000000\.5$/ },
    { line: '1772460000000,,rps,1,,', field: 'service', message: /must not be empty/ },
    { line: '1772460000000,checkout,rps,,,', field: 'value', message: /expected number, got ""/ },
    { line: '1772460000000,checkout,rps,0x10,,', field: 'value', message: /expected number, got "0x10"/ },
  ])('names the column of a bad cell: $field in $line', ({ line, field, message }) => {
    if ('error' in header) throw new Error(header.error);
    const out: MetricSample[] = [];
    const problems = decodeMetricsCsvRow('metrics.csv', header, line, 9, out);
    expect(problems).toEqual([
      { file: 'metrics.csv', line: 9, field, message: expect.stringMatching(message) },
    ]);
    expect(out).toEqual([]);
  });
});

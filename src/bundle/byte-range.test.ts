import { expect, test } from 'vitest';
import { outsideRangeBytes } from './byte-range.js';
import { outsideRange } from './time-filter.js';

const range = { start: Date.parse('2026-03-09T12:00:00Z'), end: Date.parse('2026-03-09T13:00:00Z') };
const inRange = Date.parse('2026-03-09T12:30:00Z');
const before = Date.parse('2026-03-09T10:30:00Z');

const JSON_LINES = [
  '{"ts":"2026-03-09T11:59:59.999Z","service":"a"}',
  '{"ts":"2026-03-09T12:00:00.000Z","service":"a"}',
  '{"ts":"2026-03-09T12:59:59.999Z","service":"a"}',
  '{"ts":"2026-03-09T13:00:00.000Z","service":"a"}',
  '{"ts": "2026-03-09T14:30:00+02:00","service":"a"}',
  '{"ts":"2026-03-09T13:30:00+02:00"}',
  '{"ts":"2026-03-09T12:30:00Z"}',
  '{"ts":"2026-03-09T12:3é:00.000Z"}',
  '{"ts":"2026-03-09"T12:30:00.000Z"}',
  `{"ts":${inRange},"service":"a"}`,
  `{"ts":${before}}`,
  `{"ts":${before}`,
  `{"ts": ${before} ,"x":1}`,
  `{"ts":"${inRange}"}`,
  '{"ts":12345678901234567890}',
  '{"ts":-5}',
  '{"service":"a","ts":"2026-03-09T09:00:00.000Z"}',
  '{"ts":"yesterday"}',
  '{"service":"a"}',
  '{"ts":"2026-03-09T',
  '{"ts":',
  '',
  '{"msg":"héllo","ts":"2026-03-09T12:10:00.000Z"}',
  '{"ts":2026-03-09T08:10:00.000Z}',
  '{"ts":2026-03-09T12:10:00.000Z,"a":1}',
];

const CSV_LINES = [
  '2026-03-09T12:10:00.000Z,api,error_ratio,0.1',
  '2026-03-09T08:10:00.000Z,api,error_ratio,0.1',
  `${inRange},api,error_ratio,0.1`,
  `${before},api,error_ratio,0.1`,
  `${before}`,
  '"2026-03-09T14:10:00.000Z",api,error_ratio,0.1',
  '"2026-03-09T12:10:00.000Z",api,error_ratio,0.1',
  ' 2026-03-09T08:10:00.000Z,api',
  'ts,service,metric,value',
  '2026-03-09T12:10:00.000Z',
  '2026-03-09T08:10:00.000Z',
  '2026-03-09T08:10:00.000Z}x',
  '2026-03-09T08:10:00.000Z ,api',
  '2026-03-09T08:10:00.000+01:00,api',
];

/** Every line alone, and amid others (the filter must not look past its line's end). */
function placements(lines: string[]): { line: string; buf: Buffer; start: number; end: number }[] {
  const joined = Buffer.from(`${lines.join('\n')}\n`);
  let start = 0;
  return lines.flatMap((line) => {
    const alone = Buffer.from(line);
    const end = start + Buffer.byteLength(line);
    const amid = { line, buf: joined, start, end };
    start = end + 1;
    return [{ line, buf: alone, start: 0, end: alone.length }, amid];
  });
}

test.each([
  { name: 'json', key: '"ts":' as string | undefined, lines: JSON_LINES },
  { name: 'csv', key: undefined, lines: CSV_LINES },
])('$name: the byte filter answers as outsideRange on the decoded line', ({ key, lines }) => {
  for (const r of [range, { start: Number.NEGATIVE_INFINITY, end: range.end }]) {
    const text = outsideRange(key, r);
    const bytes = outsideRangeBytes(key, r);
    const found = placements(lines).map((p) => ({ line: p.line, outside: bytes(p.buf, p.start, p.end) }));
    expect(found).toEqual(placements(lines).map((p) => ({ line: p.line, outside: text(p.line) })));
  }
});

test('the byte filter skips lines of both common forms outside the range', () => {
  const bytes = outsideRangeBytes('"ts":', range);
  const at = (line: string) => bytes(Buffer.from(line), 0, Buffer.byteLength(line));
  expect(at('{"ts":"2026-03-09T11:59:59.999Z"}')).toBe(true);
  expect(at('{"ts":"2026-03-09T12:00:00.000Z"}')).toBe(false);
  expect(at(`{"ts":${before}}`)).toBe(true);
  expect(at(`{"ts":${inRange}}`)).toBe(false);
});

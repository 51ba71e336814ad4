import { expect, test } from 'vitest';
import { outsideRange } from './decode.js';

const range = { start: Date.parse('2026-03-09T12:00:00Z'), end: Date.parse('2026-03-09T13:00:00Z') };
const json = outsideRange('"ts":', range);
const csv = outsideRange(undefined, range);

test.each([
  { line: '{"ts":"2026-03-09T11:59:59.999Z","service":"a"}', outside: true },
  { line: '{"ts":"2026-03-09T12:00:00.000Z","service":"a"}', outside: false },
  { line: '{"ts":"2026-03-09T13:00:00.000Z","service":"a"}', outside: true },
  { line: '{"ts": "2026-03-09T14:30:00+02:00","service":"a"}', outside: false },
  { line: '{"ts":"2026-03-09T13:30:00+02:00"}', outside: true },
  { line: `{"ts":${Date.parse('2026-03-09T12:30:00Z')},"service":"a"}`, outside: false },
  { line: `{"ts":${Date.parse('2026-03-09T10:30:00Z')}}`, outside: true },
  { line: '{"service":"a","ts":"2026-03-09T09:00:00.000Z"}', outside: true },
  // Unreadable times are kept, so the decoder reports them.
  { line: '{"ts":"yesterday"}', outside: false },
  { line: '{"service":"a"}', outside: false },
  { line: '{"ts":"2026-03-09T', outside: false },
])('json line $line → outside $outside', ({ line, outside }) => {
  expect(json(line)).toBe(outside);
});

test.each([
  { line: '2026-03-09T12:10:00.000Z,api,error_ratio,0.1', outside: false },
  { line: '2026-03-09T08:10:00.000Z,api,error_ratio,0.1', outside: true },
  { line: `${Date.parse('2026-03-09T12:10:00Z')},api,error_ratio,0.1`, outside: false },
  { line: '"2026-03-09T14:10:00.000Z",api,error_ratio,0.1', outside: true },
])('csv row $line → outside $outside', ({ line, outside }) => {
  expect(csv(line)).toBe(outside);
});

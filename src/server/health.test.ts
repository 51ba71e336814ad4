import { expect, test } from 'vitest';
import { sourceHealth } from './health.js';

const timedOut = (...sources: string[]) => ({
  missingSources: sources.map((source) => ({ source, reason: 'timed out after 30 s' })),
});
const ok = { missingSources: [] };
const notConfigured = { missingSources: [{ source: 'traces', reason: 'not configured' }] };

test.each([
  { name: 'no investigations yet', reports: [], status: 'ok', problems: [] },
  { name: 'every source read', reports: [ok, ok, ok, ok, ok], status: 'ok', problems: [] },
  {
    name: 'a source not configured is not a fault',
    reports: [notConfigured, notConfigured, notConfigured],
    status: 'ok',
    problems: [],
  },
  {
    name: 'two timeouts in five: noise',
    reports: [timedOut('logs'), ok, timedOut('logs'), ok, ok],
    status: 'ok',
    problems: [],
  },
  {
    name: 'three of five',
    reports: [timedOut('logs'), timedOut('logs', 'metrics'), ok, timedOut('logs'), ok],
    status: 'degraded',
    problems: ['logs: timed out in 3 of the last 5 investigations'],
  },
  {
    name: 'only the latest five count',
    reports: [ok, ok, ok, timedOut('logs'), timedOut('logs'), timedOut('logs'), timedOut('logs')],
    status: 'ok',
    problems: [],
  },
  {
    name: 'several sources, named in order',
    reports: [timedOut('metrics', 'logs'), timedOut('metrics', 'logs'), timedOut('metrics', 'logs')],
    status: 'degraded',
    problems: [
      'logs: timed out in 3 of the last 3 investigations',
      'metrics: timed out in 3 of the last 3 investigations',
    ],
  },
  {
    name: 'reports of another shape are skipped',
    reports: [undefined, 'x', { missingSources: 'no' }],
    status: 'ok',
    problems: [],
  },
])('sourceHealth: $name', ({ reports, status, problems }) => {
  expect(sourceHealth(reports)).toEqual({ status, problems });
});

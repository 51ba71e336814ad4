import { expect, test } from 'vitest';
import type { Bundle } from '../bundle/index.js';
import { bundleSources } from '../connectors/files/index.js';
import type { LogRecord, MetricSample } from '../core/index.js';
import { collectSources } from './collect.js';

const sample = (ts: number): MetricSample => ({
  ts,
  service: 'api',
  metric: 'error_ratio',
  labels: {},
  value: 0.1,
});
const log = (ts: number): LogRecord => ({ ts, service: 'api', level: 'error', message: 'boom' });

/** A bundle with metrics, slow logs (one batch, then a long wait), failing traces, and no history. */
function fakeBundle(logDelayMs: number) {
  return bundleSources(fakeBundleFiles(logDelayMs), 'fake');
}

function fakeBundleFiles(logDelayMs: number): Bundle {
  const present = new Set(['metrics', 'logs', 'traces', 'changes', 'events']);
  return {
    has: (source: string) => present.has(source),
    async *metricBatches() {
      yield [sample(5), sample(50), sample(500)];
    },
    async *logBatches() {
      yield [log(10)];
      await new Promise((resolve) => setTimeout(resolve, logDelayMs));
      yield [log(20)];
    },
    spanBatches() {
      return {
        [Symbol.asyncIterator]: () => ({
          next: () => Promise.reject(new Error('traces.jsonl line 3: bad JSON')),
        }),
      };
    },
    readAll: async (source: string) =>
      source === 'changes' ? [{ id: 'c1', ts: 1, service: 'api', kind: 'deploy', summary: 'x' }] : [],
  } as unknown as Bundle;
}

test('a slow source times out and a failing one is reported; the others arrive', async () => {
  const collected = await collectSources(
    fakeBundle(5_000),
    { start: 0, end: 100 },
    {
      timeoutMs: 100,
      absentReason: 'not in the bundle',
    },
  );
  expect(collected.series).toEqual([
    { service: 'api', metric: 'error_ratio', labels: {}, timestamps: [5, 50], values: [0.1, 0.1] },
  ]);
  expect(collected.logs).toEqual([]);
  expect(collected.changes).toHaveLength(1);
  expect(collected.missing).toEqual([
    { source: 'logs', reason: 'timed out after 100 ms' },
    { source: 'traces', reason: 'could not be read: traces.jsonl line 3: bad JSON' },
    { source: 'history', reason: 'not in the bundle' },
  ]);
});

test('with time enough every present source is read', async () => {
  const collected = await collectSources(fakeBundle(10), { start: 0, end: 100 }, { timeoutMs: 2_000 });
  expect(collected.logs.map((l) => l.ts)).toEqual([10, 20]);
  expect(collected.missing.map((m) => m.source)).toEqual(['traces', 'history']);
});

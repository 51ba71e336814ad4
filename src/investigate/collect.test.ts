import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { copySpecBundle, makeFifo, NO_MKFIFO, releaseFifo } from '../../testing/bundle/support.js';
import { type Bundle, openBundle } from '../bundle/index.js';
import { bundleSources } from '../connectors/files/index.js';
import type { Sources } from '../connectors/sources.js';
import type { LogRecord, MetricSample } from '../core/index.js';
import { collectSources } from './collect.js';

/** The spec bundle's incident window (incident.yaml). */
const FIXTURE_RANGE = { start: Date.parse('2026-03-01T14:05:00Z'), end: Date.parse('2026-03-02T14:35:00Z') };

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

describe('a source that never answers', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function specSources() {
    const { dir, remove } = await copySpecBundle();
    cleanups.push(remove);
    return { dir, sources: bundleSources(await openBundle(dir), dir) };
  }

  test('cannot hold the collection past its timeout, and the next collection reads normally', {
    timeout: 2_000,
  }, async () => {
    const { sources } = await specSources();
    let seen: AbortSignal | undefined;
    const hung: Sources = {
      ...sources,
      logs: {
        logs: (_range, signal) => {
          seen = signal;
          return new Promise<never>(() => undefined);
        },
      },
    };
    const started = performance.now();
    const first = await collectSources(hung, FIXTURE_RANGE, { timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(200 + 300);
    expect(first.missing).toEqual([{ source: 'logs', reason: 'timed out after 200 ms' }]);
    expect(first.series.length).toBeGreaterThan(0);
    // The reader was told why it was stopped, in the words the investigation reports.
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toMatchObject({ name: 'TimeoutError', message: 'timed out after 200 ms' });

    const second = await collectSources(sources, FIXTURE_RANGE, { timeoutMs: 2_000 });
    expect(second.missing).toEqual([]);
    expect(second.logs).toHaveLength(4);
    expect(second.history).toHaveLength(2);
  });

  test('a FIFO swapped in for logs.jsonl is a missing source at once, collection after collection', {
    timeout: 5_000,
  }, async (ctx) => {
    ctx.skip(NO_MKFIFO !== undefined, NO_MKFIFO);
    const { dir, sources } = await specSources();
    const path = join(dir, 'logs.jsonl');
    await makeFifo(path);
    cleanups.push(() => releaseFifo(path));
    // More collections than libuv has file threads (4): a read blocked on the FIFO would starve them.
    for (let i = 0; i < 6; i++) {
      const collected = await collectSources(sources, FIXTURE_RANGE, { timeoutMs: 1_000 });
      expect(collected.missing).toEqual([
        {
          source: 'logs',
          reason: expect.stringContaining(
            'logs.jsonl: is a FIFO (named pipe), not a regular file; a bundle holds regular files',
          ),
        },
      ]);
      expect(collected.series.length).toBeGreaterThan(0);
      expect(collected.history).toHaveLength(2);
    }
  });
});

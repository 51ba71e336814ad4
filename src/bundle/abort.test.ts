import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copySpecBundle, descriptorsAfterClose, openDescriptors } from '../../testing/bundle/support.js';
import { readLineChunks } from './lines.js';
import { openBundle } from './reader.js';

const LINES = 200_000;
const T0 = Date.parse('2026-03-02T14:00:00Z');
const LOG = `${JSON.stringify({ ts: T0, service: 'payments', level: 'error', message: 'upstream timeout' })}\n`;

let dir: string;
let remove: () => Promise<void>;
beforeAll(async () => {
  ({ dir, remove } = await copySpecBundle());
  // About 17 MB: many 1 MiB reads, so a read that ignored its signal would go on for a long time.
  await writeFile(join(dir, 'logs.jsonl'), LOG.repeat(LINES));
  await writeFile(join(dir, 'big.txt.gz'), gzipSync(LOG.repeat(LINES)));
});
afterAll(() => remove());

const timeout = () => new DOMException('timed out after 1 s', 'TimeoutError');

/** Pulls one item, aborts, and returns what the next pull did and how long it took. */
async function abortAfterFirst<T>(iterable: AsyncIterable<T>, controller: AbortController) {
  const iterator = iterable[Symbol.asyncIterator]();
  const first = await iterator.next();
  expect(first.done).toBe(false);
  const reason = timeout();
  controller.abort(reason);
  const started = performance.now();
  const next = await iterator.next().then(
    (step) => ({ step }),
    (error: unknown) => ({ error }),
  );
  return { next, reason, elapsedMs: performance.now() - started };
}

describe.each([
  { name: 'plain', file: 'logs.jsonl', gzip: false },
  { name: 'gzip', file: 'big.txt.gz', gzip: true },
])('readLineChunks ($name) aborted after the first chunk', ({ file, gzip }) => {
  test('rejects at once with the reason and closes the file', async () => {
    const path = join(dir, file);
    const controller = new AbortController();
    const chunks = readLineChunks(path, { gzip, chunkBytes: 64 * 1024, signal: controller.signal });
    const { next, reason, elapsedMs } = await abortAfterFirst(chunks, controller);
    expect(next).toEqual({ error: reason });
    expect(elapsedMs).toBeLessThan(200);
    expect(await descriptorsAfterClose(path)).not.toBeGreaterThan(0);
  });
});

test('readLineChunks with a signal aborted before it starts opens nothing for long', async () => {
  const path = join(dir, 'logs.jsonl');
  const controller = new AbortController();
  const reason = timeout();
  controller.abort(reason);
  const chunks = readLineChunks(path, { gzip: false, signal: controller.signal });
  await expect(chunks.next()).rejects.toBe(reason);
  expect(await descriptorsAfterClose(path)).not.toBeGreaterThan(0);
});

describe('Bundle reads aborted after the first batch', () => {
  test('logBatches rejects with the reason, without the rest of the chunk, and closes the file', async () => {
    const path = join(dir, 'logs.jsonl');
    const bundle = await openBundle(dir);
    const controller = new AbortController();
    const { next, reason, elapsedMs } = await abortAfterFirst(
      bundle.logBatches(100, { signal: controller.signal }),
      controller,
    );
    expect(next).toEqual({ error: reason });
    expect(elapsedMs).toBeLessThan(200);
    expect(await descriptorsAfterClose(path)).not.toBeGreaterThan(0);
  });

  test('readAll stops within a chunk of the abort, far short of the whole file', async () => {
    const path = join(dir, 'logs.jsonl');
    const bundle = await openBundle(dir);
    const controller = new AbortController();
    const reason = timeout();
    const reading = bundle.readAll('logs', { signal: controller.signal });
    // Abort once the file is open, so the read is under way.
    while ((await openDescriptors(path)) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const started = performance.now();
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(500);
    expect(await descriptorsAfterClose(path)).not.toBeGreaterThan(0);
  });

  test('an unaborted signal changes nothing', async () => {
    const bundle = await openBundle(dir);
    const logs = await bundle.readAll('logs', { signal: new AbortController().signal });
    expect(logs).toHaveLength(LINES);
  });
});

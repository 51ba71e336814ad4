import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  copySpecBundle,
  descriptorsAfterClose,
  makeFifo,
  NO_MKFIFO,
  openDescriptors,
  releaseFifo,
} from '../../../testing/bundle/support.js';
import { type Bundle, openBundle } from '../../bundle/index.js';
import type { TimeRange } from '../../core/index.js';
import { gatherChanges, gatherEvents, gatherHistory, gatherLogs } from './read.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function specBundle(): Promise<string> {
  const { dir, remove } = await copySpecBundle();
  cleanups.push(remove);
  return dir;
}

const T0 = Date.parse('2026-03-02T14:00:00Z');
const RANGE: TimeRange = { start: T0 - 3_600_000, end: T0 + 3_600_000 };
// Enough identical lines that reading them all takes seconds: a read that ignored its signal
// would be caught by the time bound below.
const LINES = 200_000;

describe.each<{
  file: string;
  line: object;
  read: (bundle: Bundle, signal: AbortSignal) => Promise<unknown>;
}>([
  {
    file: 'events.jsonl',
    line: { ts: T0, service: 'db', object: 'pod/db-1', type: 'Warning', reason: 'OOMKilled', message: 'oom' },
    read: (bundle, signal) => gatherEvents(bundle, RANGE, signal),
  },
  {
    file: 'changes.jsonl',
    line: { id: 'chg-1', ts: T0, service: 'db', kind: 'deploy', summary: 'release 2.14.3' },
    read: (bundle, signal) => gatherChanges(bundle, RANGE, signal),
  },
  {
    file: 'history.jsonl',
    line: { id: 'INC-1', title: 'pool', startedAt: T0, category: 'traffic_surge', rootCause: 'sale' },
    read: (bundle, signal) => gatherHistory(bundle, signal),
  },
])('reading $file', ({ file, line, read }) => {
  test('stops promptly when its signal is aborted mid-read, and closes the file', async () => {
    const dir = await specBundle();
    const path = join(dir, file);
    await writeFile(path, `${JSON.stringify(line)}\n`.repeat(LINES));
    const bundle = await openBundle(dir);
    const controller = new AbortController();
    const reason = new DOMException('timed out after 1 s', 'TimeoutError');
    const reading = read(bundle, controller.signal);
    while ((await openDescriptors(path)) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const started = performance.now();
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(500);
    expect(await descriptorsAfterClose(path)).not.toBeGreaterThan(0);
  });
});

test('a FIFO swapped in for logs.jsonl after the bundle was opened is refused, not waited on', {
  timeout: 2_000,
}, async (ctx) => {
  ctx.skip(NO_MKFIFO !== undefined, NO_MKFIFO);
  const dir = await specBundle();
  const bundle = await openBundle(dir);
  const path = join(dir, 'logs.jsonl');
  await makeFifo(path);
  cleanups.push(() => releaseFifo(path));
  await expect(gatherLogs(bundle, RANGE)).rejects.toThrow(
    'logs.jsonl: is a FIFO (named pipe), not a regular file; a bundle holds regular files',
  );
});

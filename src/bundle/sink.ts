/**
 * A line sink: the writer's handle on one data file, gzip-compressed or not. It gathers lines into
 * larger writes (a stream write per line costs more than formatting the line) and hands the
 * stream's backpressure to the caller as a promise.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { NightshiftError } from '../core/index.js';

/**
 * Where a producer writes lines. `write(text)` takes one or more complete lines, each ending in
 * "\n"; it returns a promise only when the stream's buffer is full, and the caller awaits it before
 * writing more (backpressure). `close()` flushes and resolves once the file is complete.
 */
export interface LineSink {
  write(text: string): Promise<void> | undefined;
  close(): Promise<void>;
}

/** How a data file is written. */
export interface LineSinkOptions {
  gzip?: boolean;
  /** zlib level 0..9; lower is faster. Default: zlib's default (6). */
  gzipLevel?: number;
}

/** A sink the writer can also tear down without finishing the file. */
export interface OwnedLineSink extends LineSink {
  destroy(): void;
}

// 64 Ki characters per stream write: large enough that per-write overhead vanishes, small enough
// to keep memory flat while a producer writes millions of lines.
const FLUSH_CHARS = 64 * 1024;
const FILE_BUFFER_BYTES = 1024 * 1024;

/** Opens `path` for writing lines; errors of the file surface at the next `write` or at `close`. */
export function createLineSink(path: string, options: LineSinkOptions = {}): OwnedLineSink {
  const file = createWriteStream(path, { highWaterMark: FILE_BUFFER_BYTES });
  const gzip = options.gzip
    ? createGzip(options.gzipLevel === undefined ? {} : { level: options.gzipLevel })
    : undefined;
  const head: Writable = gzip ?? file;
  let failure: unknown;
  const done = (gzip ? pipeline(gzip, file) : finished(file)).then(
    () => undefined,
    (error: unknown) => {
      failure ??= error;
    },
  );
  let pending = '';
  let closed = false;

  function check(): void {
    if (closed) throw new NightshiftError('INTERNAL', `${path}: write after the sink was closed`);
    const error = failure ?? head.errored ?? file.errored;
    if (error) throw error;
  }

  function flush(): Promise<void> | undefined {
    const text = pending;
    pending = '';
    if (head.write(text)) return undefined;
    return once(head, 'drain').then(() => undefined);
  }

  return {
    write(text) {
      check();
      pending += text;
      return pending.length < FLUSH_CHARS ? undefined : flush();
    },
    async close() {
      if (closed) return;
      check();
      closed = true;
      if (pending !== '') head.write(pending);
      pending = '';
      head.end();
      await done;
      if (failure !== undefined) throw failure;
    },
    destroy() {
      closed = true;
      head.destroy();
      file.destroy();
    },
  };
}

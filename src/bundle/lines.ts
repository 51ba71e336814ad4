/**
 * Reads a data file as chunks of lines, gunzipping `.gz` on the way, so a file of millions of lines
 * is never held whole: at most one read chunk plus one partial line is in memory at a time. The
 * file is opened through `openBundleFile`, so a FIFO, device or symlink out of the bundle is
 * refused before anything blocks on it.
 */

import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { untilAborted } from '../core/index.js';
import { openBundleFile } from './regular-file.js';

/** Consecutive lines of a file; `firstLine` is the 1-based number of `lines[0]`. */
export interface LineChunk {
  firstLine: number;
  lines: string[];
  /**
   * True on the last chunk when the file does not end with a newline: its last line may have been
   * cut short by a writer that stopped mid-line.
   */
  unterminated?: boolean;
}

/** Options of `readLineChunks`. */
export interface ReadLinesOptions {
  gzip: boolean;
  /** Bytes per read; tests shrink it to split lines and characters across chunks. */
  chunkBytes?: number;
  /** Aborting stops the read at once: the pending step rejects with the signal's reason and the file is closed. */
  signal?: AbortSignal;
}

/** A line this long is not telemetry: most likely a file without newlines, which would fill memory. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** The reader stopped at a line it cannot deliver; `line` is its 1-based number. */
export class LineTooLongError extends Error {
  readonly line: number;

  constructor(line: number) {
    super(`longer than ${MAX_LINE_CHARS / (1024 * 1024)} MiB; is this really a line-based file?`);
    this.name = 'LineTooLongError';
    this.line = line;
  }
}

// 1 MiB reads keep the number of chunks (and awaits) per file low without holding much.
const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * Yields the file's lines in chunks, without their `\n` or `\r\n` and without a leading UTF-8 BOM.
 * A last line without a newline is yielded too, in a chunk marked `unterminated`. Read and gunzip
 * errors are thrown as they are (zlib errors carry a `Z_…` code), after every complete line before
 * them; a refused file throws RefusedFileError before any line.
 */
export async function* readLineChunks(path: string, options: ReadLinesOptions): AsyncGenerator<LineChunk> {
  const { signal } = options;
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const handle = await untilAborted(openBundleFile(path), signal, { late: (late) => late.close() });
  const file = handle.createReadStream({ highWaterMark: chunkBytes });
  let source: Readable = file;
  if (options.gzip) {
    const gunzip = createGunzip({ chunkSize: Math.max(chunkBytes, 64) });
    file.on('error', (error) => gunzip.destroy(error));
    source = file.pipe(gunzip);
  }
  source.setEncoding('utf8');
  const onAbort = () => {
    source.destroy(signal?.reason);
    file.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let rest = '';
  let nextLine = 1;
  let first = true;
  const texts = (source as AsyncIterable<string>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await untilAborted(texts.next(), signal);
      if (step.done) break;
      const lines = (first ? stripBom(step.value) : rest + step.value).split('\n');
      first = false;
      rest = lines.pop() ?? '';
      if (rest.length > MAX_LINE_CHARS) throw new LineTooLongError(nextLine + lines.length);
      if (lines.length === 0) continue;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
      }
      yield { firstLine: nextLine, lines };
      nextLine += lines.length;
    }
    if (rest !== '') {
      const last = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
      yield { firstLine: nextLine, lines: [last], unterminated: true };
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // The consumer may stop early; close the file descriptor instead of waiting for garbage
    // collection, and wait for it unless aborted (a read stuck on a hung mount never finishes).
    source.destroy();
    file.destroy();
    if (!file.closed && !signal?.aborted)
      await new Promise<void>((resolve) => file.once('close', () => resolve()));
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True for errors of the gzip layer: a truncated or corrupt `.gz` file rather than an I/O failure. */
export function isGzipError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

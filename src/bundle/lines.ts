/**
 * Reads a data file as chunks of lines, gunzipping `.gz` on the way, so a file of millions of lines
 * is never held whole: at most one read chunk plus one partial line is in memory at a time.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Consecutive lines of a file; `firstLine` is the 1-based number of `lines[0]`. */
export interface LineChunk {
  firstLine: number;
  lines: string[];
}

export interface ReadLinesOptions {
  gzip: boolean;
  /** Bytes per read; tests shrink it to split lines and characters across chunks. */
  chunkBytes?: number;
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
 * A last line without a newline is yielded too. Read and gunzip errors are thrown as they are
 * (zlib errors carry a `Z_…` code), after every complete line before them.
 */
export async function* readLineChunks(path: string, options: ReadLinesOptions): AsyncGenerator<LineChunk> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const file = createReadStream(path, { highWaterMark: chunkBytes });
  let source: Readable = file;
  if (options.gzip) {
    const gunzip = createGunzip({ chunkSize: Math.max(chunkBytes, 64) });
    file.on('error', (error) => gunzip.destroy(error));
    source = file.pipe(gunzip);
  }
  source.setEncoding('utf8');
  let rest = '';
  let nextLine = 1;
  let first = true;
  try {
    for await (const text of source as AsyncIterable<string>) {
      const lines = (first ? stripBom(text) : rest + text).split('\n');
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
      yield { firstLine: nextLine, lines: [rest.endsWith('\r') ? rest.slice(0, -1) : rest] };
    }
  } finally {
    // The consumer may stop early; close the file descriptor instead of waiting for garbage collection.
    source.destroy();
    file.destroy();
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

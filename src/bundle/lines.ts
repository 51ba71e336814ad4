/**
 * Reads a data file as chunks of lines, gunzipping `.gz` on the way, so a file of millions of lines
 * is never held whole: at most one read chunk plus one partial line is in memory at a time. The
 * file is opened through `openBundleFile`, so a FIFO, device or symlink out of the bundle is
 * refused before anything blocks on it.
 */

import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { untilAborted } from '../core/index.js';
import type { ByteLineFilter } from './byte-range.js';
import { openBundleFile } from './regular-file.js';

/**
 * Lines of a file; `firstLine` is the 1-based number of `lines[0]`. Consecutive, unless the read
 * skipped lines (`ReadLinesOptions.skip`): then `lineNumbers[i]` is the number of `lines[i]`.
 */
export interface LineChunk {
  firstLine: number;
  lines: string[];
  /** Present when lines were skipped: the 1-based number of each line. */
  lineNumbers?: number[];
  /** The number of the last line read so far, skipped or not (for "after line N" in messages). */
  lastLine?: number;
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
  /**
   * Lines this says are not wanted are counted but never decoded to strings. The first line with
   * content (a CSV header) is never offered to it.
   */
  skip?: ByteLineFilter;
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
  if (options.skip === undefined) source.setEncoding('utf8');
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
    if (options.skip !== undefined) {
      yield* skippingLines(source as AsyncIterable<Buffer>, options.skip, signal);
      return;
    }
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

/**
 * The byte-level loop of `readLineChunks`: splits on newlines in the buffers and decodes only the
 * lines `skip` keeps. The same lines as the text loop: BOM and `\r` removed, a last line without a
 * newline marked `unterminated`.
 */
async function* skippingLines(
  source: AsyncIterable<Buffer>,
  skip: ByteLineFilter,
  signal: AbortSignal | undefined,
): AsyncGenerator<LineChunk> {
  let nextLine = 1;
  let seenContent = false;
  const keep = (buf: Buffer, start: number, end: number) => {
    if (seenContent) return !skip(buf, start, end);
    seenContent = buf.toString('utf8', start, end).trim() !== '';
    return true;
  };
  /** The complete lines of `buf` from `pos`; returns where the incomplete rest starts. */
  const split = (buf: Buffer, pos: number, out: { lines: string[]; lineNumbers: number[] }) => {
    for (;;) {
      const newline = buf.indexOf(0x0a, pos);
      if (newline < 0) return pos;
      const end = newline > pos && buf[newline - 1] === 0x0d ? newline - 1 : newline;
      if (keep(buf, pos, end)) {
        out.lines.push(buf.toString('utf8', pos, end));
        out.lineNumbers.push(nextLine);
      }
      nextLine++;
      pos = newline + 1;
    }
  };
  let rest: Buffer = Buffer.alloc(0);
  let bomChecked = false;
  const chunks = source[Symbol.asyncIterator]();
  for (;;) {
    const step = await untilAborted(chunks.next(), signal);
    if (step.done) break;
    const buf: Buffer = rest.length === 0 ? step.value : Buffer.concat([rest, step.value]);
    let pos = 0;
    if (!bomChecked) {
      // Wait for three bytes: a BOM may arrive split across reads.
      if (buf.length < 3) {
        rest = buf;
        continue;
      }
      bomChecked = true;
      if (hasBom(buf)) pos = 3;
    }
    const out = { lines: [] as string[], lineNumbers: [] as number[] };
    pos = split(buf, pos, out);
    rest = Buffer.from(buf.subarray(pos));
    if (rest.length > MAX_LINE_CHARS) throw new LineTooLongError(nextLine);
    if (out.lines.length > 0) yield chunkOf(out, nextLine - 1);
  }
  // What is left: the last line without its newline, or a whole file of fewer than three bytes.
  const out = { lines: [] as string[], lineNumbers: [] as number[] };
  const pos = split(rest, 0, out);
  if (pos < rest.length) {
    const end = rest[rest.length - 1] === 0x0d ? rest.length - 1 : rest.length;
    if (keep(rest, pos, end)) {
      out.lines.push(rest.toString('utf8', pos, end));
      out.lineNumbers.push(nextLine);
      if (out.lines.length > 0) yield { ...chunkOf(out, nextLine), unterminated: true };
      return;
    }
  }
  if (out.lines.length > 0) yield chunkOf(out, nextLine - 1);
}

function chunkOf(out: { lines: string[]; lineNumbers: number[] }, lastLine: number): LineChunk {
  return {
    firstLine: out.lineNumbers[0] as number,
    lines: out.lines,
    lineNumbers: out.lineNumbers,
    lastLine,
  };
}

function hasBom(buf: Buffer): boolean {
  return buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True for errors of the gzip layer: a truncated or corrupt `.gz` file rather than an I/O failure. */
export function isGzipError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

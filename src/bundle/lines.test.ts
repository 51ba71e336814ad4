import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isGzipError, type LineChunk, LineTooLongError, MAX_LINE_CHARS, readLineChunks } from './lines.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nightshift-lines-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function readAll(path: string, gzip: boolean, chunkBytes?: number) {
  const lines: string[] = [];
  const firstLines: number[] = [];
  for await (const chunk of readLineChunks(path, { gzip, chunkBytes })) {
    firstLines.push(chunk.firstLine);
    lines.push(...chunk.lines);
  }
  return { lines, firstLines };
}

describe('readLineChunks', () => {
  test.each([
    { name: 'newline at the end', text: 'a\nb\n', lines: ['a', 'b'] },
    { name: 'no newline at the end', text: 'a\nb', lines: ['a', 'b'] },
    { name: 'CRLF', text: 'a\r\nb\r\n', lines: ['a', 'b'] },
    { name: 'empty lines kept for numbering', text: 'a\n\nb\n', lines: ['a', '', 'b'] },
    { name: 'a UTF-8 BOM', text: '\uFEFFa\nb\n', lines: ['a', 'b'] },
    {
      name: 'multi-byte characters',
      text: 'héllo wörld\n日本語のログ\n🙂 ok\n',
      lines: ['héllo wörld', '日本語のログ', '🙂 ok'],
    },
    { name: 'an empty file', text: '', lines: [] },
  ])('splits $name, in one chunk or split every 3 bytes, plain or gzip', async ({ name, text, lines }) => {
    const plain = join(root, `${name}.txt`);
    const gz = join(root, `${name}.txt.gz`);
    await writeFile(plain, text);
    await writeFile(gz, gzipSync(Buffer.from(text)));
    for (const chunkBytes of [undefined, 3]) {
      expect((await readAll(plain, false, chunkBytes)).lines).toEqual(lines);
      expect((await readAll(gz, true, chunkBytes)).lines).toEqual(lines);
    }
  });

  test('numbers lines across chunks', async () => {
    const path = join(root, 'numbered.txt');
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`);
    await writeFile(path, `${lines.join('\n')}\n`);
    const chunks: { firstLine: number; lines: string[] }[] = [];
    for await (const chunk of readLineChunks(path, { gzip: false, chunkBytes: 16 })) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.lines[0]).toBe(`line ${chunk.firstLine}`);
    expect(chunks.flatMap((c) => c.lines)).toEqual(lines);
  });

  test('throws a zlib error for a truncated gzip file, after the complete lines', async () => {
    const path = join(root, 'truncated.gz');
    const gz = gzipSync(Buffer.from('x\n'.repeat(10_000)));
    await writeFile(path, gz.subarray(0, gz.length - 8));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of readLineChunks(path, { gzip: true })) seen.push(...chunk.lines);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isGzipError(error)).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
  });

  test('throws a zlib error for a file that is not gzip at all', async () => {
    const path = join(root, 'plain.gz');
    await writeFile(path, 'not gzip\n');
    await expect(readAll(path, true)).rejects.toSatisfy(isGzipError);
  });

  test.each([
    { name: 'ends with a newline', text: 'a\nb\n', unterminated: [] },
    { name: 'ends without one', text: 'a\nb', unterminated: ['b'] },
    { name: 'ends without one after CRLF lines', text: 'a\r\nb\r', unterminated: ['b'] },
  ])('marks the chunk of a last line without a newline: $name', async ({ name, text, unterminated }) => {
    const path = join(root, `unterminated ${name}.txt`);
    await writeFile(path, text);
    for (const chunkBytes of [undefined, 1]) {
      const marked: string[] = [];
      for await (const chunk of readLineChunks(path, { gzip: false, chunkBytes })) {
        if (chunk.unterminated) marked.push(...chunk.lines);
      }
      expect(marked).toEqual(unterminated);
    }
  });

  test('throws ENOENT for a missing file', async () => {
    await expect(readAll(join(root, 'missing.txt'), false)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('refuses a line longer than MAX_LINE_CHARS instead of filling memory', async () => {
    const path = join(root, 'long.txt');
    await writeFile(path, `short\n${'x'.repeat(MAX_LINE_CHARS + 2)}`);
    await expect(readAll(path, false)).rejects.toEqual(new LineTooLongError(2));
    await expect(readAll(path, false)).rejects.toMatchObject({ line: 2 });
  });
});

describe('readLineChunks with a byte filter', () => {
  const texts = [
    'a\nb\n',
    'a\nb',
    'a\r\nb\r\n',
    'a\n\nb\n',
    '\uFEFFa\nb\n',
    '\uFEFF',
    'a',
    '\n',
    'x\r',
    'héllo wörld\n日本語のログ\n🙂 ok\n',
    '',
  ];
  type Numbered = { no: number; line: string; unterminated: boolean };
  function push(out: Numbered[], chunk: LineChunk): void {
    chunk.lines.forEach((line, i) => {
      const unterminated = chunk.unterminated === true && i === chunk.lines.length - 1;
      out.push({ no: chunk.lineNumbers?.[i] ?? chunk.firstLine + i, line, unterminated });
    });
  }
  async function numbered(path: string, gzip: boolean, chunkBytes: number | undefined, skipX: boolean) {
    const out: Numbered[] = [];
    const skip = (buf: Buffer, start: number, end: number) =>
      skipX && buf.toString('utf8', start, end).startsWith('x');
    for await (const chunk of readLineChunks(path, { gzip, chunkBytes, skip })) push(out, chunk);
    return out;
  }
  async function textLines(path: string) {
    const out: Numbered[] = [];
    for await (const chunk of readLineChunks(path, { gzip: false })) push(out, chunk);
    return out;
  }

  test.each(texts.map((text) => ({ text })))('keeps what the text form keeps: $text', async ({ text }) => {
    const plain = join(root, 'bytes.txt');
    const gz = join(root, 'bytes.txt.gz');
    await writeFile(plain, text);
    await writeFile(gz, gzipSync(Buffer.from(text)));
    const expected = await textLines(plain);
    for (const chunkBytes of [undefined, 1, 2, 3, 5]) {
      expect(await numbered(plain, false, chunkBytes, false)).toEqual(expected);
      expect(await numbered(gz, true, chunkBytes, false)).toEqual(expected);
    }
  });

  test('skipped lines are counted, not returned, and the first line with content is never offered', async () => {
    const path = join(root, 'skipping.txt');
    await writeFile(path, '\nx header\nkeep 3\nx 4\nx 5\nkeep 6\nx 7');
    for (const chunkBytes of [undefined, 4]) {
      expect((await numbered(path, false, chunkBytes, true)).map(({ no, line }) => [no, line])).toEqual([
        [1, ''],
        [2, 'x header'],
        [3, 'keep 3'],
        [6, 'keep 6'],
      ]);
    }
  });
});

import { mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { copySpecBundle, makeFifo, NO_MKFIFO, releaseFifo } from '../../testing/bundle/support.js';
import { formatProblem } from '../core/index.js';
import { openBundle } from './reader.js';
import { openRegularFile, RefusedFileError } from './regular-file.js';
import { validateBundle } from './validate.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A copy of the spec bundle; every FIFO made in it is released and removed after the test. */
async function bundle(): Promise<{ dir: string; root: string; fifo: (name: string) => Promise<string> }> {
  const { dir, root, remove } = await copySpecBundle();
  cleanups.push(remove);
  const fifo = async (name: string) => {
    const path = join(dir, name);
    await makeFifo(path);
    cleanups.push(() => releaseFifo(path));
    return path;
  };
  return { dir, root, fifo };
}

const NOT_REGULAR = 'not a regular file; a bundle holds regular files';
const FIFO_LOGS = `logs.jsonl: is a FIFO (named pipe), ${NOT_REGULAR}`;

// Each case turns logs.jsonl into something a bundle must not read; `<dir>` and `<root>` are the
// bundle folder and the temporary folder that holds it.
describe.each<{
  name: string;
  fifo?: boolean;
  make: (b: Awaited<ReturnType<typeof bundle>>) => Promise<unknown>;
  expected: string;
}>([
  { name: 'a FIFO', fifo: true, make: (b) => b.fifo('logs.jsonl'), expected: FIFO_LOGS },
  {
    name: 'a directory',
    make: async (b) => {
      await rm(join(b.dir, 'logs.jsonl'));
      await mkdir(join(b.dir, 'logs.jsonl'));
    },
    expected: `logs.jsonl: is a directory, ${NOT_REGULAR}`,
  },
  {
    name: 'a symlink to /dev/null',
    make: async (b) => {
      await rm(join(b.dir, 'logs.jsonl'));
      await symlink('/dev/null', join(b.dir, 'logs.jsonl'));
    },
    expected: `logs.jsonl: is a symbolic link to /dev/null, which is a character device, ${NOT_REGULAR}`,
  },
  {
    name: 'a symlink to a FIFO inside the bundle',
    fifo: true,
    make: async (b) => {
      await b.fifo('pipe');
      await rm(join(b.dir, 'logs.jsonl'));
      await symlink('pipe', join(b.dir, 'logs.jsonl'));
    },
    expected: `logs.jsonl: is a symbolic link to <dir>/pipe, which is a FIFO (named pipe), ${NOT_REGULAR}`,
  },
  {
    name: 'a symlink to a file outside the bundle',
    make: async (b) => {
      await writeFile(join(b.root, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
      await rm(join(b.dir, 'logs.jsonl'));
      await symlink('../passwd', join(b.dir, 'logs.jsonl'));
    },
    expected:
      'logs.jsonl: is a symbolic link that points outside the bundle (to <root>/passwd); copy the file into the bundle folder, or link only to files inside it',
  },
  {
    name: 'a dangling symlink',
    make: async (b) => {
      await rm(join(b.dir, 'logs.jsonl'));
      await symlink('gone.jsonl', join(b.dir, 'logs.jsonl'));
    },
    expected: 'logs.jsonl: is a symbolic link to gone.jsonl, which does not exist',
  },
])('logs.jsonl as $name', ({ fifo, make, expected }) => {
  const prepare = async () => {
    const b = await bundle();
    await make(b);
    return { dir: b.dir, want: expected.replace('<dir>', b.dir).replace('<root>', b.root) };
  };

  test('openBundle refuses it, naming the file and what it is', { timeout: 2_000 }, async (ctx) => {
    ctx.skip(fifo === true && NO_MKFIFO !== undefined, NO_MKFIFO);
    const { dir, want } = await prepare();
    const error = await openBundle(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as { problems: unknown }).problems).toEqual([expect.anything()]);
    expect((error as Error).message).toBe(want);
  });

  test('validateBundle lists it as the only problem and reads nothing from it', {
    timeout: 2_000,
  }, async (ctx) => {
    ctx.skip(fifo === true && NO_MKFIFO !== undefined, NO_MKFIFO);
    const { dir, want } = await prepare();
    const result = await validateBundle(dir);
    expect(result.problems.map(formatProblem)).toEqual([want]);
    expect(result.counts).toEqual({ metrics: 6, traces: 3, changes: 2, events: 2, history: 2 });
  });
});

describe.each([
  { file: 'incident.yaml', opens: false },
  { file: 'topology.yaml', opens: false },
  { file: 'truth.yaml', opens: true },
  { file: 'metrics.csv', opens: false },
  { file: 'history.jsonl', opens: false },
  { file: 'logs.jsonl.gz', opens: false },
])('$file as a FIFO', ({ file, opens }) => {
  test('is refused by validateBundle and openBundle, without waiting for a writer', {
    timeout: 2_000,
  }, async (ctx) => {
    ctx.skip(NO_MKFIFO !== undefined, NO_MKFIFO);
    const b = await bundle();
    if (file.endsWith('.gz')) await rm(join(b.dir, 'logs.jsonl'));
    await b.fifo(file);
    const want = `${file}: is a FIFO (named pipe), ${NOT_REGULAR}`;
    expect((await validateBundle(b.dir)).problems.map(formatProblem)).toContain(want);
    // truth.yaml is never opened by an investigation, so the bundle opens; the others must not.
    if (opens) await expect(openBundle(b.dir)).resolves.toBeDefined();
    else await expect(openBundle(b.dir)).rejects.toThrow(want);
  });
});

describe('a file swapped after openBundle listed it', () => {
  test('a FIFO is refused when read, not waited on', { timeout: 2_000 }, async (ctx) => {
    ctx.skip(NO_MKFIFO !== undefined, NO_MKFIFO);
    const b = await bundle();
    const opened = await openBundle(b.dir);
    await b.fifo('logs.jsonl');
    await expect(opened.readAll('logs')).rejects.toThrow(FIFO_LOGS);
  });

  test('a symlink out of the bundle is refused when read', async () => {
    const b = await bundle();
    const opened = await openBundle(b.dir);
    await writeFile(join(b.root, 'secret.jsonl'), await readFile(join(b.dir, 'logs.jsonl')));
    await rm(join(b.dir, 'logs.jsonl'));
    await symlink(join(b.root, 'secret.jsonl'), join(b.dir, 'logs.jsonl'));
    await expect(opened.readAll('logs')).rejects.toThrow(
      'logs.jsonl: is a symbolic link that points outside the bundle',
    );
  });
});

describe('openRegularFile', () => {
  test('opens a FIFO without blocking and refuses it after fstat', { timeout: 2_000 }, async (ctx) => {
    ctx.skip(NO_MKFIFO !== undefined, NO_MKFIFO);
    const b = await bundle();
    const path = await b.fifo('logs.jsonl');
    const error = await openRegularFile(path, 'logs.jsonl').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RefusedFileError);
    expect((error as RefusedFileError).problem).toEqual({
      file: 'logs.jsonl',
      message: `is a FIFO (named pipe), ${NOT_REGULAR}`,
    });
  });

  test('does not follow a symlink it is handed', async () => {
    const b = await bundle();
    await symlink('logs.jsonl', join(b.dir, 'link.jsonl'));
    await expect(openRegularFile(join(b.dir, 'link.jsonl'), 'link.jsonl')).rejects.toMatchObject({
      code: 'ELOOP',
    });
  });
});

describe('symlinks inside the bundle', () => {
  test.each([
    {
      name: 'to a file in a subfolder',
      target: (dir: string) => join(dir, 'data', 'logs.jsonl'),
      link: join('data', 'logs.jsonl'),
    },
    { name: 'by absolute path', target: (dir: string) => join(dir, 'data', 'logs.jsonl'), link: undefined },
  ])('are followed: $name', async ({ target, link }) => {
    const b = await bundle();
    const before = await (await openBundle(b.dir)).readAll('logs');
    await mkdir(join(b.dir, 'data'));
    await rename(join(b.dir, 'logs.jsonl'), target(b.dir));
    await symlink(link ?? target(b.dir), join(b.dir, 'logs.jsonl'));
    expect(await (await openBundle(b.dir)).readAll('logs')).toEqual(before);
    const result = await validateBundle(b.dir);
    expect(result.problems).toEqual([]);
    expect(result.counts.logs).toBe(4);
  });

  test('a .gz symlink inside the bundle is followed too', async () => {
    const b = await bundle();
    const before = await (await openBundle(b.dir)).readAll('logs');
    await writeFile(join(b.dir, 'logs.gz.real'), gzipSync(await readFile(join(b.dir, 'logs.jsonl'))));
    await rm(join(b.dir, 'logs.jsonl'));
    await symlink('logs.gz.real', join(b.dir, 'logs.jsonl.gz'));
    expect(await (await openBundle(b.dir)).readAll('logs')).toEqual(before);
  });
});

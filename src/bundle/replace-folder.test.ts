import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { rejection } from '../../testing/errors.js';
import { writeFolderAtomically } from './replace-folder.js';

let parent: string;
let target: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'nightshift-replace-'));
  target = join(parent, 'out');
  await mkdir(target);
  await writeFile(join(target, 'old.txt'), 'old');
});
afterEach(() => rm(parent, { recursive: true, force: true }));

const write = (name: string) => (dir: string) => writeFile(join(dir, name), 'new');
const hints = { exists: 'pass --force', notFolder: 'pick another path' };

test('an existing folder is kept, with the caller’s hint, unless forced', async () => {
  const error = await rejection(writeFolderAtomically(target, { force: false, hints }, write('new.txt')));
  expect([error.code, error.message, error.hint]).toEqual([
    'ALREADY_EXISTS',
    `${target} already exists`,
    'pass --force',
  ]);
  expect(await readdir(target)).toEqual(['old.txt']);
  expect(await readdir(parent)).toEqual(['out']);
});

test('with force the new folder replaces the old one, leaving no temporary folder', async () => {
  await writeFolderAtomically(target, { force: true }, write('new.txt'));
  expect(await readdir(target)).toEqual(['new.txt']);
  expect(await readdir(parent)).toEqual(['out']);
});

test('a failure while filling leaves the old folder as it was', async () => {
  const failing = async (dir: string) => {
    await write('half.txt')(dir);
    throw new Error('disk full');
  };
  await expect(writeFolderAtomically(target, { force: true }, failing)).rejects.toThrow('disk full');
  expect(await readFile(join(target, 'old.txt'), 'utf8')).toBe('old');
  expect(await readdir(parent)).toEqual(['out']);
});

test('a file in the way is refused', async () => {
  const file = join(parent, 'file');
  await writeFile(file, 'x');
  const error = await rejection(writeFolderAtomically(file, { force: true, hints }, write('new.txt')));
  expect([error.message, error.hint]).toEqual([`${file} exists and is not a folder`, 'pick another path']);
});

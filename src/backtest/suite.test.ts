import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTempRoot, removeDir } from '../../testing/lab/support.js';
import { suiteCaseIds } from './suite.js';

let root: string;
beforeAll(async () => {
  root = await makeTempRoot('backtest-suite');
});
afterAll(async () => {
  await removeDir(root);
});

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  return dir;
}

test('suite.yaml lists the bundles, sorted and without repeats', async () => {
  const dir = await folder('indexed', {
    'suite.yaml': 'version: 1\nbundles:\n  - {id: inc-b, fault: x}\n  - {id: inc-a}\n  - {id: inc-b}\n',
    'not-listed/incident.yaml': 'x',
  });
  expect(await suiteCaseIds(dir)).toEqual(['inc-a', 'inc-b']);
});

test('without suite.yaml, every sub-folder holding incident.yaml', async () => {
  const dir = await folder('plain', {
    'b/incident.yaml': 'x',
    'a/incident.yaml': 'x',
    'notes/readme.md': 'x',
    '.hidden/incident.yaml': 'x',
  });
  expect(await suiteCaseIds(dir)).toEqual(['a', 'b']);
});

test.each<{ name: string; files: Record<string, string> | undefined; error: RegExp }>([
  { name: 'missing', files: undefined, error: /no suite folder .*missing/ },
  { name: 'empty', files: { 'readme.md': 'x' }, error: /empty holds no bundles/ },
  {
    name: 'bad-index',
    files: { 'suite.yaml': 'bundles: [{fault: x}]\n' },
    error: /bad-index\/suite.yaml: field "bundles"/,
  },
])('$name suite folder is refused, naming it', async ({ name, files, error }) => {
  const dir = files === undefined ? join(root, name) : await folder(name, files);
  await expect(suiteCaseIds(dir)).rejects.toThrow(error);
});

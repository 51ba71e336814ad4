import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import { validateBundle } from '../../src/bundle/index.js';
import { main } from '../../src/cli/main.js';
import { FAULT_NAMES } from '../../src/lab/index.js';
import { fileDigests, makeTempRoot, removeDir } from '../../testing/lab/support.js';

const roots: string[] = [];
let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(roots.splice(0).map(removeDir));
});

async function tempRoot(): Promise<string> {
  const root = await makeTempRoot('e2e-lab');
  roots.push(root);
  return root;
}

/** Background volume of the lab's own tests: a fifth of the default log lines and spans. */
const SMALL = ['--log-lines', '200000', '--spans', '30000'];
const lab = (...args: string[]) => main(['node', 'nightshift', 'lab', ...args]);
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('nightshift lab generate', () => {
  test('writes a valid bundle; again without --force it refuses and keeps it; with --force it replaces it', async () => {
    const dir = join(await tempRoot(), 'bundle');
    const generate = (seed: string, ...more: string[]) =>
      lab(
        'generate',
        '--fault',
        'bad-deploy',
        '--seed',
        seed,
        '--hours',
        '1',
        '--out',
        dir,
        ...SMALL,
        ...more,
      );
    expect(await generate('3')).toBe(0);
    expect(stdout).toContain(dir);
    expect((await validateBundle(dir)).problems).toEqual([]);
    const first = await fileDigests(dir, { gunzip: false });
    expect(Object.keys(first)).toContain('truth.yaml');

    stdout = '';
    expect(await generate('3')).toBe(2);
    expect(stderr).toContain(dir);
    expect(stderr).toContain('already exists');
    expect(stderr).toContain('--force');
    expect(await fileDigests(dir, { gunzip: false })).toEqual(first);
    expect((await readdir(join(dir, '..'))).filter((f) => f.includes('.tmp-'))).toEqual([]);

    stderr = '';
    expect(await generate('4', '--force')).toBe(0);
    expect(stderr).toBe('');
    expect((await validateBundle(dir)).problems).toEqual([]);
    const replaced = await fileDigests(dir, { gunzip: false });
    expect(replaced['incident.yaml']).not.toBe(first['incident.yaml']);
    expect(replaced['truth.yaml']).not.toBe(first['truth.yaml']);
  });

  test('an unknown fault exits 2 and lists the valid fault types', async () => {
    const dir = join(await tempRoot(), 'bundle');
    expect(await lab('generate', '--fault', 'gremlins', '--out', dir)).toBe(2);
    expect(stderr).toContain('gremlins');
    for (const fault of FAULT_NAMES) expect(stderr).toContain(fault);
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
  });
});

test('nightshift lab faults lists the 16 fault types, one a line, with category and description', async () => {
  expect(await lab('faults')).toBe(0);
  const lines = plain(stdout).trimEnd().split('\n');
  expect(lines).toHaveLength(16);
  expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(FAULT_NAMES);
  expect(lines[0]).toMatch(/^bad-deploy\s+bad_deploy\s+a release adds an error regression/);
});

test('nightshift lab suite writes one valid bundle per fault and seed, and a suite.yaml naming them', async () => {
  const out = join(await tempRoot(), 'suite');
  const code = await lab(
    'suite',
    '--seeds',
    '1',
    '--faults',
    'bad-deploy,memory-leak',
    '--hours',
    '1',
    '--out',
    out,
    ...SMALL,
  );
  expect(code).toBe(0);
  expect(stdout).toContain(`2 bundles in ${out}`);
  const entries = (await readdir(out)).sort();
  expect(entries).toContain('suite.yaml');
  const suite = parse(await readFile(join(out, 'suite.yaml'), 'utf8'));
  expect(suite.bundles).toHaveLength(2);
  expect(suite.bundles.map((b: { fault: string; seed: number }) => [b.fault, b.seed])).toEqual([
    ['bad-deploy', 1],
    ['memory-leak', 1],
  ]);
  const dirs = entries.filter((e) => e !== 'suite.yaml');
  expect(dirs.sort()).toEqual(suite.bundles.map((b: { id: string }) => b.id).sort());
  for (const dir of dirs) expect((await validateBundle(join(out, dir))).problems, dir).toEqual([]);
});

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { validateBundle } from '../../src/bundle/index.js';
import { main } from '../../src/cli/main.js';
import { TINY_DAY, writeTinyNezhaDay } from '../../testing/importers/nezha-day.js';

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
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

async function tinyDay(): Promise<{ data: string; out: string }> {
  const root = await mkdtemp(join(tmpdir(), 'nightshift-e2e-nezha-'));
  roots.push(root);
  return { data: await writeTinyNezhaDay(join(root, 'nezha')), out: join(root, 'bundles') };
}

const run = (...args: string[]) => main(['node', 'nightshift', 'import', 'nezha', ...args]);

describe('nightshift import nezha', () => {
  test('writes one valid bundle per fault and prints the summary, exit 0', async () => {
    const { data, out } = await tinyDay();
    expect(await run('--root', data, '--day', TINY_DAY, '--out', out)).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`: 2 faults → 2 bundles in ${out}`);
    expect(stdout).toMatch(/network\s+1\n/);
    expect(stdout).toMatch(/resource_cpu\s+1\n/);
    expect(stdout).toContain('services  2: cartservice, frontend');
    expect(stdout).toContain('inject_time 2022-08-22 03:46:10 is 60 s off');
    const bundles = (await readdir(out)).filter((name) => name !== 'index.yaml').sort();
    expect(bundles).toEqual(['nezha-ob-2022-08-22-033000', 'nezha-ob-2022-08-22-034510']);
    for (const bundle of bundles) expect((await validateBundle(join(out, bundle))).problems).toEqual([]);
  });

  test('--json prints the summary as JSON', async () => {
    const { data, out } = await tinyDay();
    expect(await run('--root', data, '--day', TINY_DAY, '--out', out, '--json', '--id-prefix', 'tiny')).toBe(
      0,
    );
    const summary = JSON.parse(stdout);
    expect(summary.bundles.map((b: { id: string }) => b.id)).toEqual([
      'tiny-2022-08-22-033000',
      'tiny-2022-08-22-034510',
    ]);
    expect(summary.categories).toEqual({ resource_cpu: 1, network: 1 });
  });

  test('an existing --out without --force is refused, exit 2; --force replaces it', async () => {
    const { data, out } = await tinyDay();
    expect(await run('--root', data, '--day', TINY_DAY, '--out', out)).toBe(0);
    expect(await run('--root', data, '--day', TINY_DAY, '--out', out)).toBe(2);
    expect(stderr).toContain(`${out} already exists`);
    expect(stderr).toContain('--force');
    expect(await run('--root', data, '--day', TINY_DAY, '--out', out, '--force')).toBe(0);
  });

  test.each([
    { name: 'a day that is not a date', args: ['--day', '22.08.2022'], message: 'expected YYYY-MM-DD' },
    { name: 'a day without data', args: ['--day', '2022-08-23'], message: 'day 2022-08-23 not found' },
  ])('$name: exit 2', async ({ args, message }) => {
    const { data, out } = await tinyDay();
    expect(await run('--root', data, '--out', out, ...args)).toBe(2);
    expect(stderr).toContain(message);
  });
});

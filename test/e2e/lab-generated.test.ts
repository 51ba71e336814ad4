import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import { validateBundle } from '../../src/bundle/index.js';
import { main } from '../../src/cli/main.js';
import { generateTopology } from '../../src/lab/index.js';
import { makeTempRoot, removeDir } from '../../testing/lab/support.js';

let root: string;
let stderr: string;

beforeEach(async () => {
  root = await makeTempRoot('e2e-lab-generated');
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await removeDir(root);
});

const lab = (...args: string[]) =>
  main([
    'node',
    'nightshift',
    'lab',
    'generate',
    '--hours',
    '1',
    '--log-lines',
    '200000',
    '--spans',
    '30000',
    ...args,
  ]);

test('--topology gen-12 --variant --dialect writes a bundle of the generated system in that dialect', async () => {
  const dir = join(root, 'bundle');
  const code = await lab(
    '--topology',
    'gen-12',
    '--fault',
    'cache-failure',
    '--variant',
    'evict',
    '--dialect',
    'logs=logfmt,metrics=otel,stacks=java',
    '--no-gzip',
    '--out',
    dir,
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect((await validateBundle(dir)).problems).toEqual([]);
  const topology = parse(await readFile(join(dir, 'topology.yaml'), 'utf8')) as {
    services: Array<{ name: string }>;
  };
  expect(topology.services.map((s) => s.name)).toEqual(generateTopology(12).services.map((s) => s.name));
  const metrics = await readFile(join(dir, 'metrics.csv'), 'utf8');
  expect(metrics).toContain(',http.server.request.duration.p99,');
  expect(metrics).not.toContain(',latency_p99_ms,');
  const firstLog = JSON.parse((await readFile(join(dir, 'logs.jsonl'), 'utf8')).split('\n')[0] ?? '{}');
  expect(firstLog.message).toMatch(/^ts=\S+ level=\w+ logger=\S+ msg="/);
  expect(await readFile(join(dir, 'truth.yaml'), 'utf8')).toMatch(/evict|maxmemory|hit ratio/i);
});

test.each([
  [['--topology', 'gen-x'], /unknown topology "gen-x".*gen-<seed>/s],
  [['--dialect', 'logs=xml'], /dialect logs=xml is unknown.*native, json, logfmt, plain/s],
  [['--variant', 'sideways'], /no variant "sideways"/],
])('%j exits 2 saying what is wrong', async (args, message) => {
  expect(await lab('--fault', 'cache-failure', '--out', join(root, 'b'), ...args)).toBe(2);
  expect(stderr).toMatch(message);
});

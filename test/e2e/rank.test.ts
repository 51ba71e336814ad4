/**
 * `nightshift rank` end to end: generate small lab incidents, rank them from the CLI, and check
 * the root cause comes first with its category and evidence, in text and in JSON.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readTruth } from '../../src/bundle/scoring.js';
import { makeTempRoot, removeDir } from '../../testing/lab/support.js';
import { runCli } from './cli.js';

let root: string;
let stdout: string;
let stderr: string;

/** Faults whose signatures differ: a regression with a deploy, a pool, an external provider. */
const CASES = [
  { fault: 'bad-deploy', seed: '2' },
  { fault: 'pool-exhaustion', seed: '1' },
  { fault: 'provider-outage', seed: '1' },
] as const;

beforeAll(async () => {
  root = await makeTempRoot('e2e-rank');
  for (const { fault, seed } of CASES) {
    const code = await run(
      'lab',
      'generate',
      '--fault',
      fault,
      '--seed',
      seed,
      '--hours',
      '2',
      '--log-lines',
      '200000',
      '--spans',
      '30000',
      '--out',
      join(root, fault),
    );
    if (code !== 0) throw new Error(`lab generate ${fault} failed`);
  }
}, 120_000);

afterAll(async () => {
  await removeDir(root);
});

async function run(...args: string[]): Promise<number> {
  const result = await runCli(...args);
  stdout = result.stdout;
  stderr = result.stderr;
  return result.code;
}

const rank = (...args: string[]) => run('rank', ...args);

describe('nightshift rank', () => {
  test.each(CASES)(
    '$fault: the root cause ranks first, with its category and evidence',
    async ({ fault }) => {
      const dir = join(root, fault);
      const truth = await readTruth(dir);
      expect(await rank(dir, '--json', '--top', '3')).toBe(0);
      const ranking = JSON.parse(stdout) as {
        suspects: Array<{ service: string; category: string; evidence: Array<{ summary: string }> }>;
        onsetFrom: string;
      };
      expect(ranking.suspects).toHaveLength(3);
      expect(ranking.suspects[0]?.service).toBe(truth?.rootCause.service);
      expect(ranking.suspects[0]?.category).toBe(truth?.rootCause.category);
      expect(ranking.suspects[0]?.evidence.length).toBeGreaterThan(0);
      if (truth?.rootCause.change)
        expect(JSON.stringify(ranking.suspects[0])).toContain(truth.rootCause.change);
    },
  );

  test('the text report names the alert, the onset and each suspect with its evidence', async () => {
    const dir = join(root, 'pool-exhaustion');
    expect(await rank(dir, '--top', '2', '--evidence', '2')).toBe(0);
    expect(stdout).toMatch(/on \S+ at \d{4}-\d\d-\d\dT/);
    expect(stdout).toMatch(/onset \d{4}-\d\d-\d\dT\S+ \((from the telemetry|assumed)/);
    expect(stdout).toMatch(/^1\. .+connection_pool_exhaustion/m);
    expect(stdout).toMatch(/^2\. /m);
    expect(stdout).not.toMatch(/^3\. /m);
    expect(stdout.split('\n').filter((l) => l.startsWith('   - ')).length).toBeLessThanOrEqual(4);
  });

  test('a folder that is not a bundle: exit 2 and a message naming it', async () => {
    const missing = join(root, 'nope');
    expect(await rank(missing)).toBe(2);
    expect(stderr).toContain(missing);
    expect(stdout).toBe('');
  });
});

/**
 * `nightshift backtest` end to end on a small lab suite (six 2 h bundles): a run killed with
 * SIGKILL half-way resumes and investigates only the cases it had not finished; a second run with
 * a sabotaged brain is caught by `backtest compare`, which names exactly the flipped cases and
 * exits 1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runBacktest } from '../../src/backtest/index.js';
import { type Brain, brains } from '../../src/investigate/index.js';
import { generateSuite } from '../../src/lab/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { makeTempRoot, removeDir, SMALL_VOLUME, TEST_SCENARIO } from '../../testing/lab/support.js';

const TSX = createRequire(import.meta.url).resolve('tsx');
const ENTRY = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
const FAULTS = [
  'bad-deploy',
  'bad-config',
  'cpu-saturation',
  'disk-full',
  'dependency-outage',
  'cache-failure',
] as const;

let dir: string;
let suite: string;
const dbFile = () => join(dir, '.nightshift', 'nightshift.db');

beforeAll(async () => {
  dir = await makeTempRoot('e2e-backtest');
  suite = join(dir, 'suite');
  const { seed: _seed, ...scenario } = TEST_SCENARIO;
  await generateSuite(suite, {
    ...scenario,
    ...SMALL_VOLUME,
    drop: [],
    gzip: true,
    force: false,
    faults: [...FAULTS],
    seeds: 1,
  });
}, 120_000);
afterAll(async () => {
  await removeDir(dir);
});

function start(args: string[]): ChildProcess {
  const { NIGHTSHIFT_HOME: _home, ...env } = process.env;
  return spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
    cwd: dir,
    env: { ...env, FORCE_COLOR: undefined },
  });
}

function nightshift(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = start(args);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function withStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const store = openSqliteStore(dbFile());
  await store.migrate();
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Polls the store until the only run has at least `n` finished cases; returns its id. */
async function waitForFinishedCases(n: number, child: ChildProcess): Promise<string> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null)
      throw new Error(`the backtest exited (${child.exitCode}) before it was killed`);
    const runs = await withStore((store) => store.listBacktestRuns({ limit: 1 })).catch(() => []);
    const run = runs[0];
    if (run !== undefined && run.finishedCases >= n) return run.id;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no backtest reached ${n} finished cases`);
}

test('a backtest killed with SIGKILL half-way resumes and redoes none of its finished cases', async () => {
  const child = start(['backtest', 'run', suite, '--name', 'crash']);
  const exited = new Promise((r) => child.on('exit', r));
  const id = await waitForFinishedCases(2, child);
  child.kill('SIGKILL');
  await exited;

  const before = await withStore((store) => store.getBacktestRun(id));
  expect(before?.run.finishedAt).toBeUndefined();
  const finishedBefore = new Map(before?.cases.map((c) => [c.caseId, c.finishedAt]));
  expect(finishedBefore.size).toBeGreaterThanOrEqual(2);
  expect(before?.unfinished.length).toBeGreaterThan(0);
  expect(finishedBefore.size + (before?.unfinished.length ?? 0)).toBe(FAULTS.length);

  const listed = await nightshift(['backtest', 'list']);
  expect(listed.stdout).toContain(`${finishedBefore.size}/${FAULTS.length} (unfinished)`);

  const resumed = await nightshift(['backtest', 'run', '--resume', id, '--json']);
  expect(resumed.code, resumed.stderr).toBe(0);
  const out = JSON.parse(resumed.stdout) as { investigated: string[]; cases: Array<{ id: string }> };
  expect([...out.investigated].sort()).toEqual(before?.unfinished);
  expect(out.cases).toHaveLength(FAULTS.length);

  const after = await withStore((store) => store.getBacktestRun(id));
  expect(after?.unfinished).toEqual([]);
  expect(after?.run.finishedAt).toBeDefined();
  // A finished case keeps the time it first finished: it was not investigated again.
  for (const [caseId, finishedAt] of finishedBefore)
    expect(after?.cases.find((c) => c.caseId === caseId)?.finishedAt, caseId).toBe(finishedAt);
}, 180_000);

test('compare names exactly the cases a sabotaged brain flipped and exits 1', async () => {
  const good = await withStore((store) =>
    runBacktest({ store, suiteDir: suite, name: 'good', concurrency: 2 }),
  );
  const right = good.cases.filter((c) => c.top1).map((c) => c.id);
  expect(right.length).toBeGreaterThanOrEqual(3);
  const sabotaged = new Set(right.slice(0, 2));
  /** The built-in brain, blaming a service that does not exist on two chosen incidents. */
  const saboteur: Brain = {
    name: 'builtin',
    async investigate(input) {
      const output = await brains.builtin.investigate(input);
      if (!sabotaged.has(input.incidentId)) return output;
      const rootCause = { ...output.report.rootCause, service: 'nobody' };
      return { ...output, report: { ...output.report, rootCause } };
    },
  };
  const bad = await withStore((store) =>
    runBacktest({ store, suiteDir: suite, name: 'bad', brain: saboteur }),
  );

  const compared = await nightshift(['backtest', 'compare', good.run.id, bad.run.id, '--json']);
  expect(compared.code, compared.stderr).toBe(1);
  const comparison = JSON.parse(compared.stdout) as {
    regressed: string[];
    fixed: string[];
    regression: boolean;
  };
  expect(comparison).toMatchObject({ regressed: [...sabotaged].sort(), fixed: [], regression: true });

  const text = await nightshift(['backtest', 'compare', good.run.id, bad.run.id]);
  expect(text.stdout).toContain(`right → wrong (2): ${[...sabotaged].sort().join(', ')}`);
  // The same run against itself is no regression; a generous threshold lets the drop pass.
  expect((await nightshift(['backtest', 'compare', good.run.id, good.run.id])).code).toBe(0);
  expect(
    (await nightshift(['backtest', 'compare', good.run.id, bad.run.id, '--fail-on-drop', '50'])).code,
  ).toBe(0);

  const shown = await nightshift(['backtest', 'show', bad.run.id]);
  for (const id of sabotaged) expect(shown.stdout).toContain(`  ${id}: answered nobody`);
}, 240_000);

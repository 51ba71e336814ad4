/**
 * Backtest workers end to end, as separate processes of the CLI: two `nightshift worker`s on one
 * PostgreSQL store share a run and investigate each case exactly once; a worker killed with SIGKILL
 * mid-case has that case taken over by the other once its lease runs out; `backtest run --workers`
 * works on the default SQLite file; a worker stopped with SIGTERM releases its lease at once.
 * Each worker says on stderr which cases it leased and which it stored: that is how the test
 * counts investigations per case.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { suiteCaseIds } from '../../src/backtest/index.js';
import { generateSuite } from '../../src/lab/index.js';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import { makeTempRoot, removeDir, SMALL_VOLUME, TEST_SCENARIO } from '../../testing/lab/support.js';
import { createTestDatabase, TEST_POSTGRES_URL } from '../../testing/store/postgres.js';

const TSX = createRequire(import.meta.url).resolve('tsx');
const ENTRY = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
const FAULTS = ['bad-deploy', 'bad-config', 'cpu-saturation', 'disk-full', 'dependency-outage'];
const LEASE_MS = 3_000;

let root: string;
let suite: string;
let caseIds: string[];

beforeAll(async () => {
  root = await makeTempRoot('e2e-backtest-workers');
  suite = join(root, 'suite');
  const { seed: _seed, ...scenario } = TEST_SCENARIO;
  await generateSuite(suite, {
    ...scenario,
    ...SMALL_VOLUME,
    hours: 1,
    drop: [],
    gzip: true,
    force: false,
    faults: [...FAULTS] as never,
    seeds: 1,
  });
  caseIds = await suiteCaseIds(suite);
}, 120_000);
afterAll(async () => {
  await removeDir(root);
});

/** A CLI process in `cwd`, with what it wrote so far and how it ended. */
interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | string>;
}

function start(cwd: string, args: string[]): Proc {
  const { NIGHTSHIFT_HOME: _home, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
    cwd,
    env: { ...env, FORCE_COLOR: undefined },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c) => {
    stdout += String(c);
  });
  child.stderr?.on('data', (c) => {
    stderr += String(c);
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** The cases a worker said it leased, and those it said it stored, in order. */
function said(p: Proc): { leased: string[]; stored: string[] } {
  const all = (re: RegExp) => [...p.stderr().matchAll(re)].map((m) => m[1] as string);
  return { leased: all(/investigating case (\S+)/g), stored: all(/stored case (\S+) \(/g) };
}

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** A run planned in the store as `backtest run` plans it, for workers to take. */
async function planRun(store: Store, id: string): Promise<void> {
  await store.saveBacktestRun({ id, suite, brain: 'builtin', startedAt: Date.now() });
  await store.planBacktestCases(id, caseIds);
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

describe.skipIf(TEST_POSTGRES_URL === undefined)(
  'workers on PostgreSQL (set NIGHTSHIFT_TEST_POSTGRES_URL to run)',
  () => {
    let db: { url: string; drop(): Promise<void> } | undefined;
    let cwd: string;
    let store: Store;
    beforeAll(async () => {
      db = await createTestDatabase();
      if (db === undefined) return;
      cwd = join(root, 'pg');
      await mkdir(cwd, { recursive: true });
      await writeFile(join(cwd, 'nightshift.yaml'), `store:\n  kind: postgres\n  url: ${db.url}\n`);
      store = openPostgresStore(db.url);
      await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
      await db?.drop();
    });

    test('two workers share one run: every case investigated exactly once, the run finished', async () => {
      await planRun(store, 'pgshared0001');
      const args = ['worker', '--backtest', 'pgshared0001', '--lease', `${LEASE_MS}ms`];
      const workers = [start(cwd, args), start(cwd, args)];
      const codes = await Promise.all(workers.map((w) => w.exited));
      expect(codes, workers.map((w) => w.stderr()).join('\n')).toEqual([0, 0]);

      const [a, b] = workers.map(said) as [ReturnType<typeof said>, ReturnType<typeof said>];
      // Investigated once: no case leased twice, by the same worker or by both.
      expect(sorted([...a.leased, ...b.leased])).toEqual(caseIds);
      expect(sorted([...a.stored, ...b.stored])).toEqual(caseIds);
      expect(a.stored.filter((c) => b.stored.includes(c))).toEqual([]);

      const run = await store.getBacktestRun('pgshared0001');
      expect(run?.unfinished).toEqual([]);
      expect(run?.cases.map((c) => c.caseId)).toEqual(caseIds);
      expect(run?.run.finishedAt).toBeDefined();
      expect(run?.run.summary).toMatchObject({ top1: { n: caseIds.length } });
    }, 120_000);

    test('a worker killed mid-case: the other takes its case once the lease runs out, and finishes the run', async () => {
      await planRun(store, 'pgkilled0001');
      const args = ['worker', '--backtest', 'pgkilled0001', '--lease', `${LEASE_MS}ms`];
      const victim = start(cwd, args);
      const survivor = start(cwd, args);
      // Both running (so the survivor cannot take the case back at start-up, by the dead pid):
      // then the victim is killed right after it leases its next case.
      await until(
        'both workers lease a case',
        () => said(victim).leased.length > 0 && said(survivor).leased.length > 0,
      );
      const leasedBefore = said(victim).leased.length;
      await until(
        'the victim leases another case',
        () => said(victim).leased.length > leasedBefore || victim.child.exitCode !== null,
      );
      victim.child.kill('SIGKILL');
      const killedAt = Date.now();
      expect(await victim.exited).toBe('SIGKILL');
      const dead = said(victim);
      const orphan = dead.leased.at(-1) as string;
      expect(dead.stored).not.toContain(orphan);

      expect(await survivor.exited, survivor.stderr()).toBe(0);
      const alive = said(survivor);
      expect(alive.stored).toContain(orphan);
      expect(sorted([...dead.stored, ...alive.stored])).toEqual(caseIds);
      expect(dead.stored.filter((c) => alive.stored.includes(c))).toEqual([]);

      const run = await store.getBacktestRun('pgkilled0001');
      expect(run?.run.finishedAt).toBeDefined();
      expect(run?.cases).toHaveLength(caseIds.length);
      // Taken over only when the lease the victim set ran out, not before.
      const taken = run?.cases.find((c) => c.caseId === orphan);
      expect(taken?.finishedAt).toBeGreaterThanOrEqual(killedAt + LEASE_MS - 500);
    }, 120_000);
  },
);

async function withSqlite<T>(cwd: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = openSqliteStore(join(cwd, '.nightshift', 'nightshift.db'));
  await store.migrate();
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

test('backtest run --workers 3 on the default SQLite file: one finished run, every case once', async () => {
  const cwd = join(root, 'sqlite-workers');
  await mkdir(cwd, { recursive: true });
  const run = start(cwd, ['backtest', 'run', suite, '--workers', '3', '--lease', '5s', '--json']);
  expect(await run.exited, run.stderr()).toBe(0);
  const out = JSON.parse(run.stdout()) as { run: { id: string }; investigated: string[]; cases: unknown[] };
  expect(out.cases).toHaveLength(caseIds.length);
  const stored = await withSqlite(cwd, (store) => store.getBacktestRun(out.run.id));
  expect(stored?.cases.map((c) => c.caseId)).toEqual(caseIds);
  expect(stored?.run.finishedAt).toBeDefined();
  // The children did part of it: this process stored fewer than all.
  expect(out.investigated.length).toBeLessThan(caseIds.length);
  expect(await withSqlite(cwd, (store) => store.listBacktestRuns({ limit: 10 }))).toHaveLength(1);
}, 120_000);

test('a worker stopped with SIGTERM releases its lease at once and exits 0', async () => {
  const cwd = join(root, 'sqlite-sigterm');
  await mkdir(cwd, { recursive: true });
  await withSqlite(cwd, (store) => planRun(store, 'sigterm00001'));
  const worker = start(cwd, ['worker', '--backtest', 'sigterm00001', '--lease', '60s']);
  await until('the worker leases a case', () => said(worker).leased.length > 0);
  worker.child.kill('SIGTERM');
  expect(await worker.exited, worker.stderr()).toBe(0);
  const { leased, stored } = said(worker);
  const inFlight = leased.filter((c) => !stored.includes(c));
  expect(inFlight).toHaveLength(1);
  await withSqlite(cwd, async (store) => {
    expect(await store.backtestLeaseOwners('sigterm00001')).toEqual([]);
    expect(await store.unfinishedBacktestCases('sigterm00001')).toContain(inFlight[0]);
    // Free now, though the lease was for a minute.
    expect(await store.claimBacktestCase('sigterm00001', 'next', Date.now(), 1_000)).toBeDefined();
  });
}, 60_000);

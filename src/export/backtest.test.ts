/**
 * `export --backtest`: a stored run as one folder per case (the usual files, trace.json and
 * backtest-case.json) and an index over the run; a case that failed before investigating gets a
 * folder with its scored case only; an unknown run is NOT_FOUND; with --anonymise the scored case
 * uses the folder's tokens.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AT, llmInvestigation } from '../../testing/export/llm-investigation.js';
import type { BacktestCase } from '../backtest/index.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { exportBacktest } from './backtest.js';

let dir: string;
let store: Store;

const scored = (id: string, more: Partial<BacktestCase> = {}): BacktestCase => ({
  id,
  labels: {},
  expected: { service: 'payments-db', category: 'database' },
  answered: { service: 'payments-db', category: 'database', ranked: ['payments-db', 'checkout'] },
  top1: true,
  top3: true,
  category: true,
  confidence: 'HIGH',
  timeToBriefMs: 500,
  costUsd: 0.03,
  tokens: 3300,
  ...more,
});
const FAILED = scored('lab/b-failed', {
  answered: undefined,
  top1: false,
  top3: false,
  category: false,
  confidence: undefined,
  error: 'bundle unreadable',
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-backtest-'));
  store = openSqliteStore(':memory:');
  await store.migrate();
  await store.saveBacktestRun({
    id: 'run00001',
    name: 'nightly',
    suite: 'suites/lab',
    brain: 'llm',
    startedAt: AT,
    finishedAt: AT + 60_000,
    summary: { cases: 2 },
  });
  await store.planBacktestCases('run00001', ['lab/a-ok', 'lab/b-failed']);
  const inv = llmInvestigation('inv-a');
  await store.saveBacktestCase({
    runId: 'run00001',
    caseId: 'lab/a-ok',
    finishedAt: AT + 1000,
    labels: {},
    result: scored('lab/a-ok'),
    investigation: JSON.parse(JSON.stringify(inv)),
  });
  await store.saveBacktestCase({
    runId: 'run00001',
    caseId: 'lab/b-failed',
    finishedAt: AT + 2000,
    labels: {},
    result: FAILED,
  });
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const options = (out: string) => ({
  store,
  run: 'run0',
  out,
  force: false,
  anonymise: false,
  names: [],
  now: AT + 3_600_000,
});

test('one folder per case with backtest-case.json and trace.json, and the index over the run', async () => {
  const out = join(dir, 'plain');
  await exportBacktest(options(out));
  expect((await readdir(out)).sort()).toEqual(['index.json', 'index.md', 'lab__a-ok', 'lab__b-failed']);
  const files = await readdir(join(out, 'lab__a-ok'));
  expect(files).toEqual(
    expect.arrayContaining(['backtest-case.json', 'trace.json', 'report.json', 'README.md']),
  );
  expect(JSON.parse(await readFile(join(out, 'lab__a-ok', 'backtest-case.json'), 'utf8'))).toEqual(
    scored('lab/a-ok'),
  );
  expect(await readFile(join(out, 'lab__a-ok', 'README.md'), 'utf8')).toContain('backtest-case.json');
  expect(JSON.parse(await readFile(join(out, 'lab__a-ok', 'metadata.json'), 'utf8')).origin).toBe('backtest');
  expect(await readdir(join(out, 'lab__b-failed'))).toEqual(['backtest-case.json']);
  expect(JSON.parse(await readFile(join(out, 'index.json'), 'utf8'))).toEqual({
    backtest: {
      id: 'run00001',
      name: 'nightly',
      suite: 'suites/lab',
      brain: 'llm',
      startedAt: AT,
      finishedAt: AT + 60_000,
      summary: { cases: 2 },
    },
    cases: [
      { id: 'lab/a-ok', folder: 'lab__a-ok', top1: true, top3: true, category: true, confidence: 'HIGH' },
      {
        id: 'lab/b-failed',
        folder: 'lab__b-failed',
        top1: false,
        top3: false,
        category: false,
        error: 'bundle unreadable',
      },
    ],
  });
  expect(await readFile(join(out, 'index.md'), 'utf8')).toContain('Root cause right: 1 of 2');
});

test('an unknown run is NOT_FOUND and writes nothing', async () => {
  const out = join(dir, 'none');
  await expect(exportBacktest({ ...options(out), run: 'zzzz9' })).rejects.toMatchObject({
    code: 'NOT_FOUND',
  });
  await expect(readdir(out)).rejects.toThrow();
});

test('with --anonymise the scored case has the same tokens as the rest of its folder', async () => {
  const out = join(dir, 'anon');
  await exportBacktest({ ...options(out), anonymise: true, names: ['payments-db'] });
  const folder = join(out, 'lab__a-ok');
  const kase = JSON.parse(await readFile(join(folder, 'backtest-case.json'), 'utf8'));
  const report = JSON.parse(await readFile(join(folder, 'report.json'), 'utf8'));
  expect(kase.expected.service).not.toBe('payments-db');
  expect(kase.expected.service).toBe(report.rootCause.service);
});

/**
 * `nightshift analyze` on lab backtests. The knob: the same six faults generated twice, once with
 * the changes source dropped from every bundle. Dropping it makes one kind of failure common — the
 * cases a change caused lose it — and analyze must put exactly those cases into the
 * missing-source cohort, and none of the others. Also: an interrupted analysis resumes with only
 * the cases it had not written; the LLM path follows the playbooks through a scripted model; an
 * export folder reads as the store does; the command prints the cohorts.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { analyzeBacktest, type CaseAnalysis } from '../../src/analyze/index.js';
import { type BacktestCase, runBacktest } from '../../src/backtest/index.js';
import { generateSuite, type LabSource } from '../../src/lab/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { makeTempRoot, removeDir, SMALL_VOLUME, TEST_SCENARIO } from '../../testing/lab/support.js';
import { scriptedModel } from '../../testing/llm/scripted-model.js';

const TSX = createRequire(import.meta.url).resolve('tsx');
const ENTRY = fileURLToPath(new URL('./serve-child.ts', import.meta.url));
const FAULTS = [
  'bad-deploy',
  'bad-config',
  'feature-flag',
  'cpu-saturation',
  'disk-full',
  'dependency-outage',
] as const;

let dir: string;
let store: Store;
const runs: Record<'dropped' | 'full', { id: string; cases: BacktestCase[] }> = {
  dropped: { id: '', cases: [] },
  full: { id: '', cases: [] },
};

async function backtest(name: 'dropped' | 'full', drop: LabSource[]) {
  const suite = join(dir, `suite-${name}`);
  const { seed: _seed, ...scenario } = TEST_SCENARIO;
  await generateSuite(suite, {
    ...scenario,
    ...SMALL_VOLUME,
    drop,
    gzip: true,
    force: false,
    faults: [...FAULTS],
    seeds: 1,
  });
  const result = await runBacktest({ store, suiteDir: suite, name, concurrency: 2 });
  runs[name] = { id: result.run.id, cases: result.cases };
}

beforeAll(async () => {
  dir = await makeTempRoot('e2e-analyze');
  await mkdir(join(dir, '.nightshift'));
  store = openSqliteStore(join(dir, '.nightshift', 'nightshift.db'));
  await store.migrate();
  await backtest('dropped', ['changes']);
  await backtest('full', []);
}, 180_000);
afterAll(async () => {
  await store?.close();
  await removeDir(dir);
});

const causedByChange = (cases: BacktestCase[]) =>
  cases
    .filter((c) => c.expected.change !== undefined)
    .map((c) => c.id)
    .sort();

test('dropping the changes source puts exactly the change-caused cases into the missing-source cohort', async () => {
  const { cases, id } = runs.dropped;
  expect(causedByChange(cases)).toHaveLength(3);
  const out = join(dir, 'out-dropped');
  const result = await analyzeBacktest({ store, runRef: id, outDir: out });
  const cohort = result.cohorts.find((c) => c.id === 'missing_source:changes');
  expect(cohort?.cases).toEqual(causedByChange(cases));
  expect(cohort?.code).toEqual({
    stage: 'collect',
    file: 'src/investigate/collect.ts',
    function: 'collectSources',
  });
  // The largest cohort, so the synthesis leads with it; no other cohort holds a case it explains.
  expect(result.cohorts[0]?.id).toBe('missing_source:changes');
  const synthesis = await readFile(result.synthesisPath, 'utf8');
  expect(synthesis).toMatch(/## 1\. a source the answer depended on was missing \(changes\) — 3 cases/);
  expect(synthesis).toContain('`src/investigate/collect.ts`, `collectSources`');
  const files = (await readdir(join(out, 'cases'))).sort();
  expect(files).toEqual(
    result.cohorts
      .flatMap((c) => c.cases)
      .filter((v, i, all) => all.indexOf(v) === i)
      .flatMap((c) => [`${c}.json`, `${c}.md`])
      .sort(),
  );

  // The same faults with their changes: no case is explained by a missing source.
  const full = await analyzeBacktest({ store, runRef: runs.full.id, outDir: join(dir, 'out-full') });
  expect(full.cohorts.filter((c) => c.kind === 'missing_source')).toEqual([]);
  const named = runs.full.cases.filter((c) => c.falseChange === true).map((c) => c.id);
  expect(
    full.cohorts
      .filter((c) => c.kind === 'false_change')
      .flatMap((c) => c.cases)
      .sort(),
  ).toEqual(named.sort());
}, 60_000);

test('an interrupted analysis resumes with only the cases it had not written', async () => {
  const out = join(dir, 'out-resume');
  const controller = new AbortController();
  const first = await analyzeBacktest({
    store,
    runRef: runs.dropped.id,
    outDir: out,
    concurrency: 1,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.done === 2) controller.abort();
    },
  });
  expect(first).toMatchObject({ analysed: 2, skipped: 0, interrupted: true, cohorts: [] });
  const written = (await readdir(join(out, 'cases'))).filter((f) => f.endsWith('.json')).sort();
  expect(written).toHaveLength(2);
  await expect(stat(first.synthesisPath)).rejects.toThrow();
  const before = await Promise.all(written.map(async (f) => (await stat(join(out, 'cases', f))).mtimeMs));

  const second = await analyzeBacktest({ store, runRef: runs.dropped.id, outDir: out, concurrency: 1 });
  expect(second.skipped).toBe(2);
  expect(second.interrupted).toBe(false);
  const all = (await readdir(join(out, 'cases'))).filter((f) => f.endsWith('.json'));
  expect(second.analysed).toBe(all.length - 2);
  const after = await Promise.all(written.map(async (f) => (await stat(join(out, 'cases', f))).mtimeMs));
  expect(after).toEqual(before);
  expect(second.cohorts.find((c) => c.id === 'missing_source:changes')?.cases).toEqual(
    causedByChange(runs.dropped.cases),
  );
  await expect(analyzeBacktest({ store, runRef: runs.full.id, outDir: out })).rejects.toThrow(
    /belongs to another analysis/,
  );
}, 60_000);

test('--brain llm: each stage follows its playbook, with the built-in finding in the input, validated', async () => {
  const builtin = await analyzeBacktest({
    store,
    runRef: runs.dropped.id,
    outDir: join(dir, 'out-builtin-2'),
  });
  const ids = [...new Set(builtin.cohorts.flatMap((c) => c.cases))].sort();
  const code = { stage: 'collect', file: 'src/investigate/collect.ts', function: 'collectSources' };
  const finding = {
    kind: 'missing_source',
    subKey: 'changes',
    summary: 'the changes were never read',
    evidence: ['changes: not in the bundle'],
    code,
    proposal: 'ship changes.jsonl with every bundle',
  };
  const cohort = {
    id: 'no-changes',
    kind: 'missing_source',
    title: 'no changes were read',
    whatGoesWrong: 'every bundle lacks its changes',
    proposal: 'ship changes.jsonl with every bundle',
    code,
    cases: ids,
  };
  const item = {
    cohort: 'no-changes',
    title: 'no changes',
    whatGoesWrong: 'x',
    proposal: 'LLM: ship changes.jsonl',
    ...code,
  };
  const model = scriptedModel([
    ...ids.map(() => ({ text: JSON.stringify({ findings: [finding] }) })),
    { text: JSON.stringify({ cohorts: [cohort] }) },
    { text: JSON.stringify({ items: [item] }) },
  ]);
  const out = join(dir, 'out-llm');
  const result = await analyzeBacktest({
    store,
    runRef: runs.dropped.id,
    outDir: out,
    brain: 'llm',
    concurrency: 1,
    analyst: { id: 'scripted:test', model },
  });
  expect(result.cohorts.map((c) => [c.id, c.cases])).toEqual([['no-changes', ids]]);
  expect(await readFile(result.synthesisPath, 'utf8')).toContain('LLM: ship changes.jsonl');
  const saved = JSON.parse(await readFile(join(out, 'cases', `${ids[0]}.json`), 'utf8')) as CaseAnalysis;
  expect(saved).toMatchObject({ analyser: 'llm:scripted:test', findings: [finding] });

  const [firstCall] = model.doGenerateCalls;
  const prompt = JSON.stringify(firstCall?.prompt);
  const perCase = await readFile(
    fileURLToPath(new URL('../../docs/playbooks/per-case.md', import.meta.url)),
    'utf8',
  );
  expect(prompt).toContain(JSON.stringify(perCase.trim().split('\n')[0]).slice(1, -1));
  expect(prompt).toContain('builtinFindings');
  expect(prompt).toContain('missing_source');

  // A clustering that names a case nobody analysed is refused, naming it.
  const liar = scriptedModel([
    ...ids.map(() => ({ text: JSON.stringify({ findings: [finding] }) })),
    { text: JSON.stringify({ cohorts: [{ ...cohort, cases: [...ids, 'invented-case'] }] }) },
  ]);
  await expect(
    analyzeBacktest({
      store,
      runRef: runs.dropped.id,
      outDir: join(dir, 'out-llm-liar'),
      brain: 'llm',
      concurrency: 1,
      analyst: { id: 'scripted:liar', model: liar },
    }),
  ).rejects.toThrow(/name cases that were not analysed \(invented-case\)/);
}, 60_000);

test('an export folder (index.json, per case backtest-case.json, report.json, trace.json) analyses as the store does', async () => {
  const exported = join(dir, 'export');
  const { id, cases } = runs.dropped;
  await mkdir(exported);
  for (const c of cases) {
    const folder = join(exported, c.id);
    await mkdir(folder);
    const investigation = (await store.getBacktestCaseInvestigation(id, c.id)) as {
      report: unknown;
      trace: unknown;
    };
    await writeFile(join(folder, 'backtest-case.json'), JSON.stringify(c));
    await writeFile(join(folder, 'report.json'), JSON.stringify(investigation.report));
    await writeFile(join(folder, 'trace.json'), JSON.stringify(investigation.trace));
  }
  const index = {
    backtest: { id, suite: 'x', brain: 'builtin', startedAt: 0 },
    cases: cases.map((c) => ({ id: c.id, folder: c.id })),
  };
  await writeFile(join(exported, 'index.json'), JSON.stringify(index));
  const fromFolder = await analyzeBacktest({ exportDir: exported, outDir: join(dir, 'out-export') });
  const fromStore = JSON.parse(await readFile(join(dir, 'out-dropped', 'cohorts.json'), 'utf8'));
  expect(fromFolder.cohorts).toEqual(fromStore);
});

test('nightshift analyze prints the cohorts and the synthesis path', async () => {
  const { NIGHTSHIFT_HOME: _home, ...env } = process.env;
  const out = join(dir, 'out-cli');
  const child = spawn(
    process.execPath,
    ['--import', TSX, ENTRY, 'analyze', runs.dropped.id, '--out', out, '--json'],
    {
      cwd: dir,
      env: { ...env, FORCE_COLOR: undefined },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += String(c);
  });
  child.stderr.on('data', (c) => {
    stderr += String(c);
  });
  const code = await new Promise((r) => child.on('close', r));
  expect(code, stderr).toBe(0);
  const result = JSON.parse(stdout) as { cohorts: Array<{ id: string }>; synthesisPath: string };
  expect(result.cohorts[0]?.id).toBe('missing_source:changes');
  expect(result.synthesisPath).toBe(join(out, 'synthesis.md'));
}, 60_000);

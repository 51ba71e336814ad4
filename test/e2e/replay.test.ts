/**
 * `nightshift replay` through the real CLI: a lab bundle investigated (CLI-saved, and the same
 * investigation in a store as `nightshift serve` keeps it), exported, and replayed from the export,
 * the CLI folder and the store id with no telemetry source. The built-in brain's replay gives the
 * same report; `--out` writes an export folder equal to the original's except for ids and wall-clock
 * fields. A folder without evidence is refused naming the missing file and how to get one.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bundleInvestigationInput, investigate } from '../../src/investigate/index.js';
import { generateBundle } from '../../src/lab/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { ATTR, type TraceRecord } from '../../src/tracing/index.js';
import { generateOptions, makeTempRoot, removeDir } from '../../testing/lab/support.js';
import { runCli } from './cli.js';

let dir: string;
let bundle: string;
let cliId: string;
let storeId: string;
let config: string;

beforeAll(async () => {
  dir = await makeTempRoot('e2e-replay');
  process.env.NIGHTSHIFT_HOME = join(dir, 'home');
  bundle = join(dir, 'bundle');
  await generateBundle(bundle, generateOptions('bad-deploy'));
  const run = await runCli('investigate', bundle, '--json');
  expect(run.code).toBe(0);
  cliId = (await readdir(join(dir, 'home', 'investigations')))[0] ?? '';
  // The same bundle as `nightshift serve` keeps an investigation: report, trace, evidence.
  config = join(dir, 'nightshift.yaml');
  await writeFile(config, 'store:\n  kind: sqlite\n  path: team.db\n');
  const store = openSqliteStore(join(dir, 'team.db'));
  await store.migrate();
  const inv = await investigate(await bundleInvestigationInput(bundle), { keepEvidence: true });
  const outcome = await store.intake(
    {
      fingerprint: 'fp',
      source: 'generic',
      status: 'firing',
      groupKey: 'g',
      ...inv.alert,
      receivedAt: inv.alert.startsAt,
    },
    { groupWindowMs: 60_000, maxAttempts: 3 },
  );
  if (outcome.kind !== 'new') throw new Error(outcome.kind);
  storeId = outcome.investigationId;
  await store.saveResult(storeId, {
    report: inv.report,
    category: inv.report.rootCause.category,
    brain: inv.brain,
    trace: inv.trace,
    finishedAt: inv.startedAt + 1000,
  });
  await store.saveEvidence(storeId, inv.evidence, inv.startedAt + 1000);
  await store.close();
}, 120_000);

afterAll(async () => {
  delete process.env.NIGHTSHIFT_HOME;
  await removeDir(dir);
});

const json = async (...parts: string[]) => JSON.parse(await readFile(join(...parts), 'utf8'));

/** The trace's steps as a replay must repeat them: span names and kinds, and each tool's output. */
function steps(trace: TraceRecord) {
  return trace.spans.map((s) => [s.name, s.kind, s.attributes[ATTR.toolOutput]]);
}

test('export → replay → --out: the same report, and the same folder but for ids and wall-clock fields', async () => {
  const exported = join(dir, 'export');
  expect((await runCli('export', cliId ?? '', '--out', exported)).code).toBe(0);
  const original = join(exported, cliId ?? '');
  expect(await readdir(original)).toEqual(expect.arrayContaining(['evidence.json.gz', 'trace.json']));

  const out = join(dir, 'replayed');
  const run = await runCli('replay', original, '--out', out, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout);
  expect(result.original).toEqual({ id: cliId, sameReport: true, differences: [] });
  expect(result.out).toBe(out);

  expect(await json(out, 'report.json')).toEqual(await json(original, 'report.json'));
  expect(steps(await json(out, 'trace.json'))).toEqual(steps(await json(original, 'trace.json')));
  expect((await readdir(out)).sort()).toEqual((await readdir(original)).sort());
  // Ignored, and only these: the investigation id (made from the replay's start time), `times` and
  // `exportedAt` (wall clock), `totals.durationMs` (how long the run took), and `origin` (`replay`).
  const strip = (m: Record<string, unknown>) => {
    const { investigationId: _i, times: _t, exportedAt: _e, origin: _o, totals, ...rest } = m;
    const { durationMs: _d, ...counted } = totals as Record<string, unknown>;
    return { ...rest, totals: counted };
  };
  const [a, b] = [await json(original, 'metadata.json'), await json(out, 'metadata.json')];
  expect(b.origin).toBe('replay');
  expect(strip(b)).toEqual(strip(a));
  expect(await readFile(join(out, 'response.md'), 'utf8')).toBe(
    (await readFile(join(original, 'response.md'), 'utf8')).replaceAll(cliId ?? '', b.investigationId),
  );

  // The replay's folder holds its evidence: replaying it again gives the same report once more.
  const again = await runCli('replay', out, '--json');
  expect(JSON.parse(again.stdout).original.sameReport).toBe(true);
}, 120_000);

test('replays a CLI investigation by id and by folder, and a stored one by id', async () => {
  for (const ref of [cliId ?? '', join(dir, 'home', 'investigations', cliId ?? '')]) {
    const run = await runCli('replay', ref);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`same report as ${cliId}`);
  }
  const stored = await runCli('replay', storeId, '--config', config, '--json');
  expect(stored.stderr).toBe('');
  expect(JSON.parse(stored.stdout).original).toEqual({ id: storeId, sameReport: true, differences: [] });
}, 120_000);

test('a folder without evidence names the missing file and how to get one', async () => {
  const exported = join(dir, 'no-evidence');
  expect((await runCli('export', cliId ?? '', '--out', exported)).code).toBe(0);
  await rm(join(exported, cliId ?? '', 'evidence.json.gz'));
  const run = await runCli('replay', join(exported, cliId ?? ''));
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`${join(exported, cliId ?? '', 'evidence.json.gz')} is missing`);
  expect(run.stderr).toContain('Export it from a store that kept evidence');
});

test('--brain llm without recorded answers or --model says what to pass', async () => {
  const run = await runCli('replay', cliId ?? '', '--brain', 'llm');
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/no recorded model responses[\s\S]*--model/);
});

/**
 * `nightshift export` through the real CLI: CLI-saved and stored investigations into folders with an
 * index, an unknown id refused with the closest one, an existing folder kept without --force, and
 * an anonymised export that `nightshift eval save` turns into a case.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadSuite } from '../../src/evals/suite/load.js';
import { saveInvestigation } from '../../src/investigate/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { survivingSecrets } from '../../testing/anonymise/corpus.js';
import {
  IDENTIFIERS,
  LISTED_NAMES,
  plantedInvestigation,
} from '../../testing/anonymise/planted-investigation.js';
import { llmInvestigation } from '../../testing/export/llm-investigation.js';
import { storeWith } from '../../testing/export/store.js';
import { runCli } from './cli.js';

let dir: string;
let config: string;
let storeIds: string[];
const planted = plantedInvestigation();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-export-'));
  const home = join(dir, 'home');
  process.env.NIGHTSHIFT_HOME = home;
  await saveInvestigation(home, llmInvestigation('inv-llm'));
  const { alert, report, trace } = planted;
  const folder = join(home, 'investigations', 'inv-planted');
  await mkdir(folder, { recursive: true });
  // Written as is (not through saveInvestigation, which redacts): the planted secrets stay in.
  await writeFile(
    join(folder, 'investigation.json'),
    JSON.stringify({
      id: 'inv-planted',
      incidentId: 'inc',
      alert,
      brain: 'builtin',
      startedAt: alert.startsAt,
      elapsedMs: 1,
      rounds: 1,
      notes: [],
      report,
      trace,
    }),
  );
  config = join(dir, 'nightshift.yaml');
  await writeFile(config, 'store:\n  kind: sqlite\n  path: team.db\n');
  const now = Date.now();
  const made = await storeWith([{ at: now - 2 * 3_600_000 }, { at: now - 3_600_000 }], () =>
    openSqliteStore(join(dir, 'team.db')),
  );
  storeIds = made.ids;
  await made.store.close();
  await writeFile(join(dir, 'names.txt'), `${LISTED_NAMES.join('\n')}\n`);
});

afterAll(async () => {
  delete process.env.NIGHTSHIFT_HOME;
  await rm(dir, { recursive: true, force: true });
});

test('export of a CLI and a stored investigation writes both folders and an index', async () => {
  const out = join(dir, 'two');
  const run = await runCli('export', 'inv-llm', storeIds[0] ?? '', '--out', out, '--config', config);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Exported 2 investigation(s) to ${out}; index in ${join(out, 'index.md')}`);
  expect((await readdir(out)).sort()).toEqual(['index.json', 'index.md', 'inv-llm', storeIds[0]].sort());
  const metadata = JSON.parse(await readFile(join(out, storeIds[0] ?? '', 'metadata.json'), 'utf8'));
  expect(metadata).toMatchObject({ origin: 'store', status: 'done', brain: 'llm' });
});

test('--since exports the store investigations of the last hours', async () => {
  const out = join(dir, 'since');
  const run = await runCli('export', '--since', '3h', '--out', out, '--config', config);
  expect(run.code).toBe(0);
  const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8'));
  expect(index.investigations.map((r: { id: string }) => r.id)).toEqual([storeIds[1], storeIds[0]]);
});

test('an unknown id exits 2 naming where it looked and the closest id', async () => {
  const run = await runCli('export', 'inv-lm', '--out', join(dir, 'none'), '--config', config);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    `no investigation "inv-lm" in ${join(dir, 'home', 'investigations')} and the configured store (sqlite)`,
  );
  expect(run.stderr).toContain('Did you mean "inv-llm"?');
});

test('an existing folder is kept without --force and replaced with it', async () => {
  const out = join(dir, 'again');
  expect((await runCli('export', 'inv-llm', '--out', out, '--config', config)).code).toBe(0);
  const again = await runCli('export', 'inv-llm', '--out', out, '--config', config);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('already exists');
  expect((await runCli('export', 'inv-llm', '--out', out, '--config', config, '--force')).code).toBe(0);
});

test('an anonymised export holds no planted value, and eval save makes a case of it', async () => {
  const out = join(dir, 'anon');
  const run = await runCli(
    'export',
    'inv-planted',
    '--out',
    out,
    '--anonymise',
    '--names',
    join(dir, 'names.txt'),
    '--config',
    config,
  );
  expect(run.code).toBe(0);
  const root = join(out, 'inv-planted');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const all = (
    await Promise.all(
      entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')),
    )
  ).join('\n');
  expect(Object.values(IDENTIFIERS).filter((i) => all.toLowerCase().includes(i.value.toLowerCase()))).toEqual(
    [],
  );
  expect(survivingSecrets(all, planted.secrets).map((s) => s.name)).toEqual([]);

  const suite = join(dir, 'from-export.eval.yaml');
  const saved = await runCli('eval', 'save', root, '--suite', suite, '--yes');
  expect(saved.stderr).toBe('');
  expect(saved.code).toBe(0);
  const loaded = await loadSuite(suite);
  expect(loaded.suite.cases).toHaveLength(1);
});

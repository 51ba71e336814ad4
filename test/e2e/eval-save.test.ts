/**
 * `nightshift eval save` through the real CLI: a preview writes nothing and says how to write;
 * `--yes` appends the anonymised case to an existing suite, keeping every byte that was there.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadSuite } from '../../src/evals/suite/load.js';
import { survivingSecrets } from '../../testing/anonymise/corpus.js';
import {
  IDENTIFIERS,
  LISTED_NAMES,
  plantedInvestigation,
} from '../../testing/anonymise/planted-investigation.js';
import { runCli } from './cli.js';

const SUITE = `# Saved incidents of the checkout team.
description: cases from production   # kept as written
target: {type: investigation, brain: llm}

cases:
  # The first one we saved by hand.
  - name: older-case
    input: {recording: older.json}
    assert:
      - {type: evidence-cited}
`;

let dir: string;
let suite: string;
const planted = plantedInvestigation();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'e2e-eval-save-'));
  process.env.NIGHTSHIFT_HOME = join(dir, 'home');
  const folder = join(dir, 'home', 'investigations', 'inv-e2e');
  await mkdir(folder, { recursive: true });
  const { alert, report, trace } = planted;
  await writeFile(
    join(folder, 'investigation.json'),
    JSON.stringify({
      id: 'inv-e2e',
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
  await writeFile(join(dir, 'names.txt'), `# customers\n${LISTED_NAMES.join('\n')}\n`);
  suite = join(dir, 'saved.eval.yaml');
  await writeFile(suite, SUITE);
});

afterAll(async () => {
  delete process.env.NIGHTSHIFT_HOME;
  await rm(dir, { recursive: true, force: true });
});

test('eval save previews without writing, then --yes appends the case and keeps the other bytes', async () => {
  const args = ['eval', 'save', 'inv-e2e', '--suite', suite, '--names', join(dir, 'names.txt')];
  const preview = await runCli(...args);
  expect(preview.stderr).toBe('');
  expect(preview.code).toBe(0);
  expect(preview.stdout).toMatch(/Replaced \d+ value\(s\), by kind:\n {2}host /);
  expect(preview.stdout).toContain('name: higherrorrate-2026-03-09');
  expect(preview.stdout).toContain(`nothing written; pass --yes to add it to ${suite}`);
  expect(await readFile(suite, 'utf8')).toBe(SUITE);

  const written = await runCli(...args, '--yes');
  expect(written.code).toBe(0);
  expect(written.stdout).toContain(`Added to ${suite}: case "higherrorrate-2026-03-09"`);
  const after = await readFile(suite, 'utf8');
  expect(after.startsWith(SUITE)).toBe(true);
  const loaded = await loadSuite(suite);
  expect(loaded.suite.cases.map((c) => c.name)).toEqual(['older-case', 'higherrorrate-2026-03-09']);
  const values = Object.values(IDENTIFIERS).map((i) => i.value.toLowerCase());
  expect(values.filter((v) => after.toLowerCase().includes(v))).toEqual([]);
  expect(survivingSecrets(after, planted.secrets)).toEqual([]);
  for (const out of [preview.stdout, written.stdout]) {
    expect(values.filter((v) => out.toLowerCase().includes(v))).toEqual([]);
    expect(survivingSecrets(out, planted.secrets)).toEqual([]);
  }
});

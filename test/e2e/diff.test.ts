/**
 * `nightshift diff` end to end, as a child process: export folders of investigations of one lab
 * bundle, written with the export writer. Two runs of the same code are identical (exit 0); a run
 * whose brain lost the changes diverges at the changes specialist's tool call, with the report
 * differences (exit 1, text and --json); a CLI-saved folder and an id compare like an export; a
 * folder with a bad report or no trace is refused naming the file (exit 2).
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { stepsOf } from '../../src/diff/index.js';
import { exportFolder, nightshiftVersion } from '../../src/export/index.js';
import {
  type Brain,
  brains,
  type Investigation,
  investigateBundle,
  saveInvestigation,
} from '../../src/investigate/index.js';
import { generateBundle } from '../../src/lab/index.js';
import { generateOptions, makeTempRoot, removeDir } from '../../testing/lab/support.js';

const TSX = createRequire(import.meta.url).resolve('tsx');
const ENTRY = fileURLToPath(new URL('./serve-child.ts', import.meta.url));

/** The built-in brain with the changes taken out of what it sees (the context was already recorded). */
const blindToChanges: Brain = {
  name: 'builtin',
  investigate: (input) =>
    brains.builtin.investigate({ ...input, ctx: { ...input.ctx, data: { ...input.ctx.data, changes: [] } } }),
};

let dir: string;
let home: string;
let original: Investigation;
let changesStep: number;

async function exported(name: string, investigation: Investigation): Promise<void> {
  await exportFolder(
    {
      id: name,
      origin: 'cli',
      found: {
        source: `investigation ${name}`,
        brain: investigation.brain,
        alert: investigation.alert,
        report: investigation.report,
        trace: investigation.trace,
        feedback: [],
      },
      status: 'done',
      alerts: [investigation.alert],
      times: {},
    },
    {
      out: join(dir, 'out'),
      force: false,
      anonymise: false,
      names: [],
      version: await nightshiftVersion(),
      now: 0,
    },
  );
}

beforeAll(async () => {
  dir = await makeTempRoot('e2e-diff');
  home = join(dir, 'home');
  const bundle = join(dir, 'bundle');
  await generateBundle(bundle, generateOptions('bad-deploy'));
  original = await investigateBundle(bundle);
  await exported('original', original);
  await exported('again', await investigateBundle(bundle));
  await exported('sabotaged', await investigateBundle(bundle, { brain: blindToChanges }));
  await saveInvestigation(home, original);
  changesStep = stepsOf(original.trace).find((s) => s.name === 'recent_changes')?.index ?? -1;
}, 120_000);

afterAll(async () => {
  await removeDir(dir);
});

function nightshift(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
      cwd: dir,
      env: { ...process.env, NIGHTSHIFT_HOME: home, FORCE_COLOR: undefined, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('two runs of the same code are identical: exit 0', async () => {
  const run = await nightshift('diff', 'out/original', 'out/again');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const steps = stepsOf(original.trace).length;
  expect(run.stdout).toContain(`The runs are identical: the same ${steps} steps and the same report.`);
}, 60_000);

test('a run that lost the changes diverges at the recent_changes call; its report differs: exit 1', async () => {
  const run = await nightshift('diff', 'out/original', 'out/sabotaged');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  const steps = stepsOf(original.trace).length;
  expect(run.stdout).toContain(
    `First divergence at step ${changesStep} of ${steps}: tool recent_changes, results differ:`,
  );
  expect(run.stdout).toMatch(/\n {2}b: .*"changes":\[\]/);
  expect(run.stdout).toContain('Report differences:');
  const change = original.report.rootCause.changeId;
  expect(change).toBeDefined();
  expect(run.stdout).toContain(`causing change: ${change} → (none)`);
}, 60_000);

test('--json gives the divergence and the report differences as data', async () => {
  const run = await nightshift('diff', 'out/original', 'out/sabotaged', '--json');
  expect(run.code).toBe(1);
  const diff = JSON.parse(run.stdout);
  expect(diff).toMatchObject({
    a: { ref: 'out/original', where: join(dir, 'out', 'original') },
    identical: false,
    divergence: { step: changesStep, kind: 'result', a: { kind: 'tool', name: 'recent_changes' } },
  });
  expect(diff.report).toContainEqual({
    field: 'rootCause.changeId',
    a: original.report.rootCause.changeId,
    b: '(none)',
  });
}, 60_000);

test('a folder `nightshift investigate` kept and an id compare like an export', async () => {
  const folder = await nightshift('diff', join(home, 'investigations', original.id), 'out/again');
  expect(folder.stderr).toBe('');
  expect(folder.code).toBe(0);
  const id = await nightshift('diff', original.id, 'out/sabotaged');
  expect(id.code).toBe(1);
  expect(id.stdout).toContain(`a: investigation ${original.id} (`);
  expect(id.stdout).toContain(`First divergence at step ${changesStep} of`);
}, 60_000);

test('bad input exits 2 naming the file and field', async () => {
  const broken = join(dir, 'out', 'broken');
  await mkdir(broken);
  const report = JSON.parse(await readFile(join(dir, 'out', 'original', 'report.json'), 'utf8'));
  await writeFile(join(broken, 'report.json'), JSON.stringify({ ...report, rootCause: { service: 'x' } }));
  await writeFile(
    join(broken, 'trace.json'),
    await readFile(join(dir, 'out', 'original', 'trace.json'), 'utf8'),
  );
  const badField = await nightshift('diff', 'out/original', 'out/broken');
  expect(badField.code).toBe(2);
  expect(badField.stderr).toContain(`${join(broken, 'report.json')}: field "report.rootCause.category"`);
  expect(badField.stdout).toBe('');

  const noTrace = join(dir, 'out', 'no-trace');
  await mkdir(noTrace);
  await writeFile(join(noTrace, 'report.json'), JSON.stringify(report));
  const missing = await nightshift('diff', 'out/no-trace', 'out/original');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain(`${join(noTrace, 'trace.json')} does not exist`);

  const unknown = await nightshift('diff', 'out/original', 'no-such-run');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('no investigation "no-such-run"');
}, 60_000);

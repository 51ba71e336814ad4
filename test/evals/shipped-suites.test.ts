/**
 * Every `*.eval.yaml` shipped in the repository parses, names a registered target whose config it
 * satisfies, and gives each case an input kind that target accepts. Fast: nothing runs.
 */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSuite } from '../../src/evals/suite/load.js';
import type { CaseInput } from '../../src/evals/suite/schema.js';
import { targets } from '../../src/evals/targets/registry.js';
import type { InputKind } from '../../src/evals/targets/target.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', '.git']);

async function suiteFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await suiteFiles(path)));
    else if (entry.name.endsWith('.eval.yaml')) found.push(path);
  }
  return found.sort();
}

function kindOf(input: CaseInput): InputKind {
  if (input.lab !== undefined || input.bundle !== undefined) return 'bundle';
  return input.recording !== undefined ? 'recording' : 'none';
}

const files = await suiteFiles(ROOT);

test('the shipped suites include the analyst, two tools and the four components', () => {
  const names = files.map((f) => relative(ROOT, f));
  expect(names).toEqual(
    expect.arrayContaining([
      'evals/builtin-analyst.eval.yaml',
      'src/investigate/tools/recent-changes.eval.yaml',
      'src/investigate/tools/log-patterns.eval.yaml',
      'src/analysis/rca/rank.eval.yaml',
      'src/investigate/brains/builtin/review.eval.yaml',
      'src/analysis/logs/template-miner.eval.yaml',
      'src/analysis/anomaly/incident-window.eval.yaml',
    ]),
  );
});

describe.each(files.map((file) => ({ file, name: relative(ROOT, file) })))('$name', ({ file }) => {
  test('parses, names a registered target with a valid config, and each case input is accepted', async () => {
    const { suite } = await loadSuite(file);
    const { type, ...config } = suite.target;
    expect(Object.keys(targets)).toContain(type);
    const target = targets[type as keyof typeof targets];
    const parsed = target.config.safeParse(config);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const refused = suite.cases
      .map((c) => ({ name: c.name, kind: kindOf(c.input) }))
      .filter((c) => !target.accepts.includes(c.kind));
    expect(refused).toEqual([]);
  });
});

test('the built-in analyst suite covers every lab fault with two seeds outside the benchmarks', async () => {
  const { FAULT_NAMES } = await import('../../src/lab/index.js');
  const { suite } = await loadSuite(join(ROOT, 'evals/builtin-analyst.eval.yaml'));
  const recipes = suite.cases.map((c) => c.input.lab);
  for (const fault of FAULT_NAMES) {
    const seeds = recipes.filter((r) => r?.fault === fault).map((r) => r?.seed);
    expect({ fault, seeds }).toEqual({ fault, seeds: [41, 42] });
  }
  for (const c of suite.cases) {
    expect(c.assert.map((a) => a.type)).toEqual(
      expect.arrayContaining(['root-cause', 'confidence', expect.stringMatching(/causing-change|field/)]),
    );
  }
});

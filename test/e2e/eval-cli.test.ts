/**
 * `nightshift eval run|runs|compare` end to end, in-process, in a temporary project folder: a
 * suite of the real `step` target (log-pattern mining, cheap and offline), run green, then with a
 * broken expectation (exit 100), a malformed suite (exit 1 naming file and line), the stored runs
 * listed and compared.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalRunResultSchema } from '../../src/evals/results/schema.js';
import { checkXml } from '../../testing/evals/xml-check.js';
import { runCli } from './cli.js';

const suite = (expectedTwo: number) => `description: log-pattern mining on recorded lines
target:
  type: step
  step: log-patterns
cases:
  - name: one-template
    input:
      vars: {lines: ["user 1 logged in", "user 22 logged in", "user 333 logged in"]}
    assert:
      - {type: field, value: {path: count, equals: 1}}
  - name: two-templates
    input:
      vars: {lines: ["user 1 logged in", "disk /dev/sda1 is 91% full", "user 2 logged in"]}
    assert:
      - {type: field, value: {path: count, equals: ${expectedTwo}}}
`;

let root: string;
let previousCwd: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nightshift-eval-cli-'));
  previousCwd = process.cwd();
  process.chdir(root);
});
afterAll(() => {
  process.chdir(previousCwd);
  rmSync(root, { recursive: true, force: true });
});

describe('nightshift eval run, runs, compare', () => {
  it('runs, fails, refuses a bad suite, lists and compares the stored runs', async () => {
    writeFileSync(join(root, 'patterns.eval.yaml'), suite(2));
    const green = await runCli('eval', 'run');
    expect(green.stderr).toBe('');
    expect(green.code).toBe(0);
    expect(green.stdout).toMatch(/^✓ +one-template +1\/1 gate 1\/1/m);
    expect(green.stdout).toMatch(/^✓ +two-templates +1\/1/m);
    expect(green.stdout).toContain('2 passed, 0 failed (100%) in 1 suite, 2 cases');
    const firstId = /eval run ([0-9a-f]{12}) stored/.exec(green.stdout)?.[1];
    expect(firstId).toBeDefined();

    // The expectation broken on purpose: the same outputs (from the cache) judged again.
    writeFileSync(join(root, 'patterns.eval.yaml'), suite(3));
    const red = await runCli('eval', 'run', 'patterns.eval.yaml', '--json', '--junit', 'reports/evals.xml');
    expect(red.code).toBe(100);
    const result = evalRunResultSchema.parse(JSON.parse(red.stdout));
    expect(result.cases.map((c) => [c.name, c.status])).toEqual([
      ['one-template', 'pass'],
      ['two-templates', 'fail'],
    ]);
    expect(result.summary.cachedRepeats).toBe(2);
    expect(result.cases[1]?.repeats[0]?.assertions[0]?.reason).toContain('to equal 3');
    const junit = checkXml(readFileSync(join(root, 'reports/evals.xml'), 'utf8'));
    expect(junit.problems).toEqual([]);
    expect(junit.root?.attributes).toMatchObject({ tests: '2', failures: '1' });

    writeFileSync(
      join(root, 'bad.eval.yaml'),
      'target: {type: step, step: log-patterns}\ncases:\n  - name: x\n    assert:\n      - {type: equal, value: 1}\n',
    );
    const bad = await runCli('eval', 'run', 'bad.eval.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.eval.yaml line 5: field "cases.0.assert.0.type"');
    expect(bad.stderr).toContain('did you mean "equals"');

    const runs = await runCli('eval', 'runs');
    expect(runs.code).toBe(0);
    const rows = runs.stdout.trim().split('\n').slice(1);
    expect(rows.map((r) => r.split(/\s{2,}/))).toEqual([
      [result.id, expect.any(String), 'patterns.eval.yaml', '2', '1', '1', '50%'],
      [firstId, expect.any(String), 'patterns.eval.yaml', '2', '2', '0', '100%'],
    ]);

    const compare = await runCli('eval', 'compare', 'last', 'previous');
    expect(compare.code).toBe(0);
    expect(compare.stdout).toContain(`${firstId} → ${result.id}: pass rate 100% → 50% (-50%)`);
    expect(compare.stdout).toContain('flipped pass → fail:\n  patterns.eval.yaml › two-templates');

    // Only the failing case of the last run, run again.
    const again = await runCli('eval', 'run', '--filter-failing', result.id.slice(0, 6), '--json');
    expect(again.code).toBe(100);
    expect(JSON.parse(again.stdout).cases.map((c: { name: string }) => c.name)).toEqual(['two-templates']);
  });
});

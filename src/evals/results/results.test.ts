import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../../testing/evals/runner-fixtures.js';
import { checkXml } from '../../../testing/evals/xml-check.js';
import { compareRuns, renderComparison } from './compare.js';
import { renderJunit, writeJunit } from './junit.js';
import { type CaseResult, type CaseStatus, type EvalRunResult, evalRunResultSchema } from './schema.js';
import { caseStats, exitCodeOf, summarise } from './summary.js';
import { renderTable } from './table.js';

function caseOf(
  name: string,
  status: CaseStatus,
  passes: boolean[],
  more: Partial<CaseResult> = {},
): CaseResult {
  const gate = { k: passes.length, n: passes.length };
  const repeats = passes.map((pass, index) => ({
    index,
    pass,
    score: pass ? 1 : 0,
    cached: false,
    latencyMs: 12,
    ...(status === 'error' ? { error: 'target threw' } : {}),
    assertions: [
      { type: 'equals', pass, score: pass ? 1 : 0, weight: 1, reason: pass ? 'ok' : `expected "a" got "b"` },
    ],
  }));
  return {
    suite: 'evals/a.eval.yaml',
    target: 'echo',
    name,
    tags: [],
    gate,
    status,
    ...caseStats(repeats, gate),
    repeats,
    durationMs: 1500,
    ...more,
  };
}

function runOf(id: string, cases: CaseResult[], startedAt = 1_000): EvalRunResult {
  return {
    version: 1,
    id,
    startedAt,
    finishedAt: startedAt + 2_000,
    codeVersion: 'abc',
    options: { files: ['evals/a.eval.yaml'], concurrency: 2, cache: true },
    suites: [{ file: 'evals/a.eval.yaml', target: 'echo', cases: cases.length }],
    cases,
    summary: summarise(cases, 1),
  };
}

let dir: ReturnType<typeof tempFolder> | undefined;
afterEach(() => dir?.remove());

describe('exit codes', () => {
  it.each([
    { name: 'all pass', statuses: ['pass', 'xfail', 'xpass'], code: 0 },
    { name: 'a failure', statuses: ['pass', 'fail'], code: 100 },
    { name: 'an error among judged cases', statuses: ['pass', 'error'], code: 100 },
    { name: 'nothing could be judged', statuses: ['error', 'error', 'xfail'], code: 1 },
  ] as const)('$name → $code', ({ statuses, code }) => {
    const cases = statuses.map((s, i) => caseOf(`c${i}`, s, [s === 'pass' || s === 'xpass']));
    expect(exitCodeOf(summarise(cases, 1))).toBe(code);
  });
});

describe('the stored format', () => {
  it('parses back what a run produced', () => {
    const run = runOf('r1', [caseOf('a', 'pass', [true, true]), caseOf('b', 'fail', [false, true])]);
    expect(evalRunResultSchema.parse(JSON.parse(JSON.stringify(run)))).toEqual(run);
  });
});

describe('renderTable', () => {
  it('shows one row per case, then failures with their reasons, then the summary', () => {
    const run = runOf('r1', [
      caseOf('good', 'pass', [true, true]),
      caseOf('bad', 'fail', [true, false]),
      caseOf('known', 'xfail', [false], { xfail: 'tracked in #40' }),
    ]);
    const text = renderTable(run);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^✓ {5}good {2}\s+2\/2 gate 2\/2 {2}100% \[34%–100%\] {2}1\.5 s$/);
    expect(lines[1]).toMatch(/^✗ {5}bad\s+1\/2 gate 2\/2 {2} 50% \[9%–91%\]/);
    expect(lines[2]).toMatch(/^xfail known\s+0\/1/);
    expect(text).toContain('evals/a.eval.yaml › bad: failed\n  repeat 2: equals: expected "a" got "b"');
    expect(lines.at(-2)).toBe(
      '1 passed, 1 failed, 1 xfail (50%) in 1 suite, 3 cases; 5 runs, 0 cached; 2.0 s',
    );
  });
});

describe('JUnit XML', () => {
  const nasty = 'expected <root-cause> & "checkout" ]]> \u0001 got \'none\'';
  const run = runOf('r&1', [
    caseOf('good', 'pass', [true]),
    caseOf('bad <one>', 'fail', [false], {
      repeats: [
        {
          index: 0,
          pass: false,
          score: 0,
          cached: false,
          assertions: [{ type: 'regex', pass: false, score: 0, weight: 1, reason: nasty }],
        },
      ],
    }),
    caseOf('broken', 'error', [false]),
    caseOf('known', 'xfail', [false], { xfail: 'see <#12>' }),
  ]);

  it('is well-formed, with one testcase per case and the reasons in the failure', () => {
    const { problems, root } = checkXml(renderJunit(run));
    expect(problems).toEqual([]);
    expect(root?.attributes).toMatchObject({ tests: '4', failures: '1', errors: '1', skipped: '1' });
    const cases = root?.children[0]?.children ?? [];
    expect(cases.map((c) => [c.attributes.name, c.children.map((x) => x.name)])).toEqual([
      ['good', []],
      ['bad <one>', ['failure']],
      ['broken', ['error']],
      ['known', ['skipped']],
    ]);
    expect(cases[1]?.children[0]?.text).toBe(`regex: ${nasty.replace('\u0001', '\uFFFD')}`);
    expect(cases[3]?.children[0]?.attributes.message).toBe('xfail: see <#12>');
  });

  it('the check finds malformed XML (so the test above can fail)', () => {
    expect(checkXml('<a><b></a>').problems).not.toEqual([]);
    expect(checkXml('<a x="1 & 2"/>').problems).not.toEqual([]);
    expect(checkXml('<a>1 < 2</a>').problems).not.toEqual([]);
  });

  it('is written whole to the file named, leaving no temporary file', async () => {
    dir = tempFolder();
    const file = join(dir.root, 'reports', 'evals.xml');
    await writeJunit(file, run);
    expect(readFileSync(file, 'utf8')).toBe(renderJunit(run));
    expect(readdirSync(join(dir.root, 'reports'))).toEqual(['evals.xml']);
  });
});

describe('compareRuns', () => {
  const before = runOf('old', [
    caseOf('stays', 'pass', [true, true]),
    caseOf('breaks', 'pass', [true, true]),
    caseOf('heals', 'fail', [false, false]),
    caseOf('dropped', 'pass', [true]),
  ]);
  const after = runOf(
    'new',
    [
      caseOf('stays', 'pass', [true, true]),
      caseOf('breaks', 'fail', [true, false]),
      caseOf('heals', 'pass', [true, true]),
      caseOf('fresh', 'fail', [false]),
    ],
    5_000,
  );

  it('gives per-case deltas, flipped, added and removed cases, and the overall delta', () => {
    const c = compareRuns(before, after);
    expect(c.cases.map((d) => [d.name, d.delta])).toEqual([
      ['stays', 0],
      ['breaks', -0.5],
      ['heals', 1],
    ]);
    expect(c.passToFail.map((d) => d.name)).toEqual(['breaks']);
    expect(c.failToPass.map((d) => d.name)).toEqual(['heals']);
    expect(c.added).toEqual([{ suite: 'evals/a.eval.yaml', name: 'fresh', status: 'fail' }]);
    expect(c.removed).toEqual([{ suite: 'evals/a.eval.yaml', name: 'dropped', status: 'pass' }]);
    expect(c.overallDelta).toBeCloseTo(0.5 - 0.75);
  });

  it('renders the deltas and the flipped cases', () => {
    const text = renderComparison(compareRuns(before, after));
    expect(text).toContain('old → new: pass rate 75% → 50% (-25%)');
    expect(text).toContain('flipped pass → fail:\n  evals/a.eval.yaml › breaks');
    expect(text).toContain('flipped fail → pass:\n  evals/a.eval.yaml › heals');
    expect(text).not.toMatch(/changed:[\s\S]*stays/);
  });
});

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EchoStats, echoTarget, newStats, tempFolder } from '../../../testing/evals/runner-fixtures.js';
import { type EvalRunOptions, runEvals } from './run.js';

let dir: ReturnType<typeof tempFolder>;
let stats: EchoStats;
beforeEach(() => {
  dir = tempFolder();
  stats = newStats();
});
afterEach(() => dir.remove());

function options(files: string[], more: Partial<EvalRunOptions> = {}): EvalRunOptions {
  return {
    files,
    targets: { echo: echoTarget(stats) },
    concurrency: 4,
    labDir: join(dir.root, 'lab'),
    codeVersion: 'test',
    ...more,
  };
}

const suite = (cases: string, head = 'target: {type: echo}\n') => `${head}cases:\n${cases}`;

describe('runEvals: gates and statuses', () => {
  it('applies the gate k/N over repeats, with the rate, its interval and pass^k', async () => {
    const file = await dir.write(
      'a.eval.yaml',
      suite(`  - name: two-of-three
    input: {vars: {answers: [yes, no, yes]}}
    repeat: 3
    pass: 2/3
    assert: [{type: equals, value: yes}]
  - name: one-of-three
    input: {vars: {answers: [no, no, yes]}}
    repeat: 3
    pass: 2/3
    assert: [{type: equals, value: yes}]
`),
    );
    const result = await runEvals(options([file]));
    expect(result.cases.map((c) => [c.name, c.status, c.passes, c.repeats.map((r) => r.pass)])).toEqual([
      ['two-of-three', 'pass', 2, [true, false, true]],
      ['one-of-three', 'fail', 1, [false, false, true]],
    ]);
    const [first] = result.cases;
    expect(first?.passRate).toBeCloseTo(2 / 3);
    expect(first?.interval.low).toBeCloseTo(0.2077, 4);
    expect(first?.passHatK).toBeCloseTo(1 / 3);
    expect(first?.repeats[1]?.assertions).toEqual([
      { type: 'equals', pass: false, score: 0, weight: 1, reason: expect.stringContaining('"no"') },
    ]);
    expect(result.summary).toMatchObject({ cases: 2, passed: 1, failed: 1, repeats: 6, passRate: 0.5 });
  });

  it('reports xfail as expected and a passing xfail as unexpectedly passed; neither fails', async () => {
    const file = await dir.write(
      'x.eval.yaml',
      suite(`  - name: known-bad
    xfail: the model still confuses the two services
    input: {vars: {answer: no}}
    assert: [{type: equals, value: yes}]
  - name: fixed-meanwhile
    xfail: was broken
    input: {vars: {answer: yes}}
    assert: [{type: equals, value: yes}]
`),
    );
    const result = await runEvals(options([file]));
    expect(result.cases.map((c) => [c.name, c.status])).toEqual([
      ['known-bad', 'xfail'],
      ['fixed-meanwhile', 'xpass'],
    ]);
    expect(result.summary).toMatchObject({ passed: 0, failed: 0, xfailed: 1, xpassed: 1, passRate: 1 });
  });

  it('keeps a thrown error per repeat; a case is an error only when every repeat threw', async () => {
    const file = await dir.write(
      'e.eval.yaml',
      suite(`  - name: always-throws
    input: {vars: {throws: backend unreachable}}
    repeat: 2
  - name: throws-once
    input: {vars: {answers: [yes, yes]}}
    repeat: 2
    pass: 1/2
`),
    );
    const throwing = echoTarget(stats);
    const flaky = {
      ...throwing,
      run: async (...args: Parameters<typeof throwing.run>) => {
        if (args[1].name === 'throws-once' && args[1].repeatIndex === 0)
          throw new Error('timeout after 60 s');
        return throwing.run(...args);
      },
    };
    const result = await runEvals(options([file], { targets: { echo: flaky } }));
    expect(result.cases.map((c) => [c.name, c.status, c.repeats.map((r) => r.error ?? 'ok')])).toEqual([
      ['always-throws', 'error', ['backend unreachable', 'backend unreachable']],
      ['throws-once', 'pass', ['timeout after 60 s', 'ok']],
    ]);
    expect(result.summary).toMatchObject({ errored: 1, passed: 1 });
  });
});

describe('runEvals: defaults, filters and --repeat', () => {
  it('runs the default assertions before the case own, and merges vars and tags', async () => {
    const file = await dir.write(
      'd.eval.yaml',
      `target: {type: echo, prefix: ">"}
defaults:
  vars: {answer: from-defaults, other: kept}
  tags: [smoke]
  assert: [{type: starts-with, value: ">"}]
cases:
  - name: merged
    tags: [slow, smoke]
    input: {vars: {answer: mine}}
    assert: [{type: equals, value: ">mine"}]
`,
    );
    const result = await runEvals(options([file]));
    expect(result.cases[0]?.tags).toEqual(['smoke', 'slow']);
    expect(result.cases[0]?.repeats[0]?.assertions.map((a) => [a.type, a.pass])).toEqual([
      ['starts-with', true],
      ['equals', true],
    ]);
  });

  it('--repeat overrides every case and scales its gate up', async () => {
    const file = await dir.write(
      'r.eval.yaml',
      suite(`  - name: gated
    input: {vars: {answer: yes}}
    repeat: 3
    pass: 2/3
  - name: single
    input: {vars: {answer: yes}}
`),
    );
    const result = await runEvals(options([file], { repeat: 10 }));
    expect(result.cases.map((c) => [c.name, c.gate, c.repeats.length])).toEqual([
      ['gated', { k: 7, n: 10 }, 10],
      ['single', { k: 10, n: 10 }, 10],
    ]);
    expect(stats.runs).toBe(20);
  });

  it('runs only the named cases, and names the closest case for a typo', async () => {
    const file = await dir.write(
      'f.eval.yaml',
      suite(`  - name: alpha
    input: {vars: {answer: a}}
  - name: beta
    input: {vars: {answer: b}}
`),
    );
    const only = await runEvals(options([file], { cases: ['beta'] }));
    expect(only.cases.map((c) => c.name)).toEqual(['beta']);
    await expect(runEvals(options([file], { cases: ['bta'] }))).rejects.toThrow(
      'no case named "bta" (did you mean "beta"?)',
    );
  });

  it('never has more repeats in flight than the concurrency', async () => {
    const cases = Array.from(
      { length: 6 },
      (_, i) => `  - name: c${i}\n    repeat: 2\n    input: {vars: {answer: x, delayMs: 20}}\n`,
    ).join('');
    const file = await dir.write('c.eval.yaml', suite(cases));
    const result = await runEvals(options([file], { concurrency: 3 }));
    expect(result.summary.repeats).toBe(12);
    expect(stats.maxInFlight).toBe(3);
  });
});

describe('runEvals: stopping', () => {
  it('starts no more repeats once the signal aborts, and rejects', async () => {
    const cases = Array.from(
      { length: 5 },
      (_, i) => `  - name: c${i}\n    input: {vars: {answer: x}}\n`,
    ).join('');
    const file = await dir.write('s.eval.yaml', suite(cases));
    const controller = new AbortController();
    const run = runEvals(
      options([file], { concurrency: 1, signal: controller.signal, onCase: () => controller.abort() }),
    );
    await expect(run).rejects.toThrow(/abort/i);
    expect(stats.runs).toBe(1);
  });
});

describe('runEvals: suite problems stop the run before anything runs', () => {
  it('names the closest target for an unknown type, with file and line', async () => {
    const file = await dir.write('t.eval.yaml', '# a comment\ntarget:\n  type: ecko\ncases: []\n');
    await expect(runEvals(options([file]))).rejects.toThrow(
      `${file} line 3: field "target.type": unknown target "ecko"; did you mean "echo"?`,
    );
  });

  it('checks the target config with the target schema', async () => {
    const file = await dir.write('t.eval.yaml', 'target:\n  type: echo\n  prefix: 3\ncases: []\n');
    await expect(runEvals(options([file]))).rejects.toThrow(`${file} line 3: field "target.prefix"`);
  });

  it('refuses an input kind the target does not accept, at the case line', async () => {
    const file = await dir.write(
      'k.eval.yaml',
      suite(`  - name: needs-bundle
    input:
      vars: {answer: x}
`),
    );
    const strict = { echo: echoTarget(stats, { accepts: ['bundle'] }) };
    await expect(runEvals(options([file], { targets: strict }))).rejects.toThrow(
      `${file} line 4: field "cases.0.input": the echo target accepts bundle input; this case gives no lab, bundle or recording`,
    );
    expect(stats.runs).toBe(0);
  });

  it('requires a bundle folder to exist, relative to the suite file', async () => {
    const file = await dir.write('b.eval.yaml', suite('  - name: b\n    input: {bundle: ./missing}\n'));
    await expect(runEvals(options([file]))).rejects.toThrow(
      `${file} line 4: field "cases.0.input.bundle": no bundle folder at ${join(dir.root, 'missing')}`,
    );
  });

  it('names the field of a bad recording in its own file', async () => {
    const recording = await dir.write('rec/one.json', JSON.stringify({ version: 1, alert: {} }));
    const file = await dir.write(
      'rec.eval.yaml',
      suite('  - name: r\n    input: {recording: rec/one.json}\n'),
    );
    await expect(runEvals(options([file]))).rejects.toThrow(`${recording}: field "alert.`);
  });

  it('names an unknown lab fault and knob', async () => {
    const file = await dir.write(
      'lab.eval.yaml',
      suite('  - name: l\n    input:\n      lab: {fault: bad-deplo, knobs: {colour: red}}\n'),
    );
    const error = await runEvals(options([file])).catch((e: Error) => e);
    expect(String(error)).toContain(
      `${file} line 5: field "cases.0.input.lab.fault": unknown fault "bad-deplo"`,
    );
    expect(String(error)).toContain('field "cases.0.input.lab.knobs.colour": unknown knob');
  });
});

import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EchoStats, echoTarget, newStats, tempFolder } from '../../../testing/evals/runner-fixtures.js';
import { type EvalRunOptions, runEvals } from './run.js';

let dir: ReturnType<typeof tempFolder>;
let stats: EchoStats;
let cacheDir: string;
beforeEach(() => {
  dir = tempFolder();
  stats = newStats();
  cacheDir = join(dir.root, 'cache');
});
afterEach(() => dir.remove());

function options(files: string[], more: Partial<EvalRunOptions> = {}): EvalRunOptions {
  return {
    files,
    targets: { echo: echoTarget(stats) },
    concurrency: 2,
    cacheDir,
    labDir: join(dir.root, 'lab'),
    codeVersion: 'test',
    ...more,
  };
}

const SUITE = `target: {type: echo}
cases:
  - name: twice
    repeat: 2
    input: {vars: {answers: [yes, no]}}
    pass: 1/2
    assert: [{type: equals, value: yes}]
`;

describe('the output cache', () => {
  it('answers a second run from the cache, and re-runs the assertions', async () => {
    const file = await dir.write('s.eval.yaml', SUITE);
    const first = await runEvals(options([file]));
    expect(stats.runs).toBe(2);
    expect(first.cases[0]?.repeats.map((r) => r.cached)).toEqual([false, false]);

    // A changed assertion needs no re-run: the cached outputs are judged again.
    await dir.write('s.eval.yaml', SUITE.replace('value: yes', 'value: no'));
    const second = await runEvals(options([file]));
    expect(stats.runs).toBe(2);
    expect(second.cases[0]?.repeats.map((r) => [r.cached, r.pass])).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(second.summary.cachedRepeats).toBe(2);
  });

  it('runs everything afresh without a cache folder (--no-cache)', async () => {
    const file = await dir.write('s.eval.yaml', SUITE);
    await runEvals(options([file]));
    const { cacheDir: _, ...uncached } = options([file]);
    const again = await runEvals(uncached);
    expect(stats.runs).toBe(4);
    expect(again.cases[0]?.repeats.map((r) => r.cached)).toEqual([false, false]);
  });

  it('misses when the target identity, the input or the repeat index changes', async () => {
    const file = await dir.write('s.eval.yaml', SUITE);
    await runEvals(options([file]));
    expect(stats.runs).toBe(2);

    await runEvals(options([file], { targets: { echo: echoTarget(stats, { version: '2' }) } }));
    expect(stats.runs).toBe(4);

    await dir.write('s.eval.yaml', SUITE.replace('[yes, no]', '[yes, maybe]'));
    await runEvals(options([file]));
    expect(stats.runs).toBe(6);

    // A third repeat is new; the first two are still cached.
    await dir.write('s.eval.yaml', SUITE.replace('[yes, no]', '[yes, maybe]'));
    const more = await runEvals(options([file], { repeat: 3 }));
    expect(stats.runs).toBe(7);
    expect(more.cases[0]?.repeats.map((r) => r.cached)).toEqual([true, true, false]);
  });

  it('misses when a bundle file changes, even with the same size and modification time', async () => {
    const bundleFile = await dir.write('bundle/incident.yaml', 'title: one\n');
    const file = await dir.write(
      's.eval.yaml',
      'target: {type: echo}\ncases:\n  - name: b\n    input: {bundle: bundle, vars: {answer: x}}\n',
    );
    await runEvals(options([file]));
    const before = statSync(bundleFile);
    writeFileSync(bundleFile, 'title: two\n');
    utimesSync(bundleFile, before.atime, before.mtime);
    await runEvals(options([file]));
    expect(stats.runs).toBe(2);
    await runEvals(options([file]));
    expect(stats.runs).toBe(2);
  });

  it('treats a torn cache file as a miss and replaces it', async () => {
    const file = await dir.write('s.eval.yaml', SUITE);
    await runEvals(options([file]));
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), '{"format":1,');
    const again = await runEvals(options([file]));
    expect(stats.runs).toBe(4);
    expect(again.cases[0]?.passes).toBe(1);
    await runEvals(options([file]));
    expect(stats.runs).toBe(4);
  });
});

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EchoStats, echoTarget, newStats, tempFolder } from '../../../testing/evals/runner-fixtures.js';
import { LabBundles, labBundleDir } from './lab-bundles.js';
import { type EvalRunOptions, runEvals } from './run.js';

let dir: ReturnType<typeof tempFolder>;
let stats: EchoStats;
beforeEach(() => {
  dir = tempFolder();
  stats = newStats();
});
afterEach(() => dir.remove());

const labDir = () => join(dir.root, 'lab');

function options(files: string[]): EvalRunOptions {
  return {
    files,
    targets: { echo: echoTarget(stats) },
    concurrency: 4,
    labDir: labDir(),
    codeVersion: 'test',
  };
}

const RECIPE = '{fault: bad-deploy, seed: 3, hours: 1, knobs: {logLines: 2000, spans: 500, gzip: false}}';

describe('lab bundles by recipe', () => {
  it('generates a recipe once for concurrent cases, into a folder named by its hash', async () => {
    const file = await dir.write(
      'lab.eval.yaml',
      `target: {type: echo}
cases:
  - name: one
    repeat: 2
    input: {lab: ${RECIPE}, vars: {answer: a}}
  - name: two
    input: {lab: ${RECIPE}, vars: {answer: b}}
`,
    );
    const result = await runEvals(options([file]));
    expect(result.cases.map((c) => c.status)).toEqual(['pass', 'pass']);
    const entries = readdirSync(labDir());
    expect(entries).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    const bundle = join(labDir(), entries[0] as string);
    expect(stats.dirs).toEqual([bundle, bundle, bundle]);
    expect(existsSync(join(bundle, 'incident.yaml'))).toBe(true);

    const made = statSync(bundle).mtimeMs;
    await runEvals(options([file]));
    expect(readdirSync(labDir())).toEqual(entries);
    expect(statSync(bundle).mtimeMs).toBe(made);
  });

  it('reports a failed generation as the case error and leaves no half bundle', async () => {
    const file = await dir.write(
      'lab.eval.yaml',
      `target: {type: echo}
cases:
  - name: no-telemetry
    input: {lab: {fault: bad-deploy, hours: 1, knobs: {drop: [metrics, logs, traces]}}}
`,
    );
    const result = await runEvals(options([file]));
    expect(result.cases[0]?.status).toBe('error');
    expect(result.cases[0]?.repeats[0]?.error).toContain('keep at least one of metrics, logs or traces');
    expect(stats.runs).toBe(0);
    expect(existsSync(labDir()) ? readdirSync(labDir()) : []).toEqual([]);
  });
});

describe('LabBundles', () => {
  it('shares one generation between concurrent requests for a recipe, and reuses it later', async () => {
    const calls: string[] = [];
    const generate = async (out: string) => {
      calls.push(out);
      await new Promise((resolve) => setTimeout(resolve, 30));
      await dir.write(join(relative(dir.root, out), 'incident.yaml'), 'id: x\n');
    };
    const recipe = { fault: 'bad-deploy', seed: 1, hours: 1, knobs: {} };
    const labs = new LabBundles(labDir(), 'v1', generate);
    const dirs = await Promise.all([
      labs.bundleFor(recipe),
      labs.bundleFor(recipe),
      labs.bundleFor({ ...recipe }),
    ]);
    expect(calls).toHaveLength(1);
    expect(new Set(dirs)).toEqual(new Set([labBundleDir(labDir(), recipe, 'v1')]));
    expect(await new LabBundles(labDir(), 'v1', generate).bundleFor(recipe)).toBe(dirs[0]);
    expect(calls).toHaveLength(1);
    // Another code version is another bundle.
    await new LabBundles(labDir(), 'v2', generate).bundleFor(recipe);
    expect(calls).toHaveLength(2);
  });
});

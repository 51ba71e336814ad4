/**
 * bench:eval — the shipped built-in analyst suite (every lab fault × 2 seeds: 32 whole
 * investigations) run three ways, each in a fresh process: cold (no lab bundles, no cache: the
 * bundles are generated, then investigated), bundles ready (generated bundles, empty output cache:
 * the investigations alone) and warm (every output cached: assertions only). Wall time and peak
 * RSS of each. Then `eval get` and `replace` on a generated 5,000-case suite (bench/eval-edit.ts).
 *
 *   npm run bench:eval -- [--suite evals/builtin-analyst.eval.yaml] [--concurrency 2]
 *                         [--cases 5000] [--only run|edit] [--json out.json]
 *
 * Needs no shared data: the lab generates what the suite names.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Table from 'cli-table3';
import { numberFlag, parseBenchArgs, writeJson } from './args.js';
import { benchEvalEdit, type EvalEditBench, editTable } from './eval-edit.js';

interface Phase {
  phase: string;
  ms: number;
  rssPeakMB: number;
  summary: {
    cases: number;
    passed: number;
    failed: number;
    errored: number;
    xfailed: number;
    cachedRepeats: number;
  };
  failing: string[];
}

const args = parseBenchArgs(process.argv.slice(2));
const suite = args.flags.get('suite') ?? 'evals/builtin-analyst.eval.yaml';
const concurrency = numberFlag(args, 'concurrency', 2);
const only = args.flags.get('only');

const phases: Phase[] = [];
let edit: EvalEditBench | undefined;
if (only === undefined || only === 'run') {
  const work = await mkdtemp(join(tmpdir(), 'nightshift-bench-eval-'));
  try {
    const lab = join(work, 'lab');
    phases.push(await phase('cold (generate + investigate)', lab, join(work, 'cache-a')));
    phases.push(await phase('bundles ready, no cache', lab, join(work, 'cache-b')));
    phases.push(await phase('warm (cached)', lab, join(work, 'cache-b')));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const table = new Table({
    head: ['phase', 'cases', 'passed', 'xfail', 'failed', 'errors', 'cached', 'wall s', 'peak RSS MB'],
  });
  for (const p of phases)
    table.push([
      p.phase,
      p.summary.cases,
      p.summary.passed,
      p.summary.xfailed,
      p.summary.failed,
      p.summary.errored,
      p.summary.cachedRepeats,
      (p.ms / 1000).toFixed(1),
      p.rssPeakMB.toFixed(0),
    ]);
  process.stdout.write(`${suite}, concurrency ${concurrency}\n${table.toString()}\n`);
  const failing = phases[0]?.failing ?? [];
  if (failing.length > 0) process.stdout.write(`not passed: ${failing.join('; ')}\n`);
}
if (only === undefined || only === 'edit') {
  edit = await benchEvalEdit({ cases: numberFlag(args, 'cases', 5000) });
  process.stdout.write(editTable(edit));
}
await writeJson(args.json, { suite, concurrency, phases, edit });

async function phase(name: string, labDir: string, cacheDir: string): Promise<Phase> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'eval-run-child.ts'),
      suite,
      labDir,
      cacheDir,
      String(concurrency),
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  return { phase: name, ...(JSON.parse(lastLine) as Omit<Phase, 'phase'>) };
}

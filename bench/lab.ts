/**
 * bench:lab — how long the lab takes to write a 24 h bundle of the default topology, at what peak
 * memory, and how long DuckDB takes to load it. Each step runs in its own process. Needs no shared
 * data (`--data` is accepted and ignored).
 *
 *   npm run bench:lab -- [--hours 24] [--fault bad-deploy] [--seed 1] [--runs 3] [--json out.json]
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { numberFlag, parseBenchArgs, writeJson } from './args.js';

interface Step {
  wallMs: number;
  peakMiB: number;
  counts?: Record<string, number>;
}

const args = parseBenchArgs(process.argv.slice(2));
const hours = numberFlag(args, 'hours', 24);
const runs = numberFlag(args, 'runs', 3);
const seed = numberFlag(args, 'seed', 1);
const fault = args.flags.get('fault') ?? 'bad-deploy';
const work = await mkdtemp(join(tmpdir(), 'nightshift-bench-lab-'));

function step(...argv: string[]): Step {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/lab-worker.ts', ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Step;
}

const generated: Step[] = [];
const loaded: Step[] = [];
try {
  for (let run = 0; run < runs; run++) {
    const dir = join(work, `bundle-${run}`);
    generated.push(step('generate', dir, fault, String(seed), String(hours)));
    loaded.push(step('load', dir));
    process.stderr.write(`run ${run + 1}/${runs} done\n`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const counts = generated[0]?.counts ?? {};
const figures = {
  hours,
  fault,
  seed,
  runs,
  counts,
  generateWallMs: median(generated.map((g) => g.wallMs)),
  generatePeakMiB: Math.max(...generated.map((g) => g.peakMiB)),
  loadWallMs: median(loaded.map((l) => l.wallMs)),
  loadPeakMiB: Math.max(...loaded.map((l) => l.peakMiB)),
};

const table = new Table({ head: ['measure', 'value', 'target', 'met'], style: { head: [], border: [] } });
const row = (name: string, value: string, target: string, met: boolean) =>
  table.push([name, value, target, met ? 'yes' : 'NO']);
row(
  'log lines',
  (counts.logs ?? 0).toLocaleString('en-US'),
  '≥ 1,000,000',
  (counts.logs ?? 0) >= 1_000_000 || hours < 24,
);
row(
  'spans',
  (counts.traces ?? 0).toLocaleString('en-US'),
  '≥ 100,000',
  (counts.traces ?? 0) >= 100_000 || hours < 24,
);
row('metric samples', (counts.metrics ?? 0).toLocaleString('en-US'), '', true);
row(
  `generate ${hours} h (median of ${runs})`,
  `${(figures.generateWallMs / 1000).toFixed(1)} s`,
  '< 30 s',
  figures.generateWallMs < 30_000,
);
row(
  'generate peak memory',
  `${Math.round(figures.generatePeakMiB)} MiB`,
  '< 1024 MiB',
  figures.generatePeakMiB < 1024,
);
row(
  `DuckDB load (median of ${runs})`,
  `${(figures.loadWallMs / 1000).toFixed(1)} s`,
  '< 10 s',
  figures.loadWallMs < 10_000,
);
row('DuckDB load peak memory', `${Math.round(figures.loadPeakMiB)} MiB`, '', true);
process.stdout.write(
  `bench:lab — ${hours} h bundle, fault ${fault}, seed ${seed}, default topology\n${table.toString()}\n`,
);
await writeJson(args.json, figures);

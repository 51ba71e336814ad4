/**
 * bench:rca — root-cause ranking at service level on a lab suite (every fault × seeds) and on the
 * Nezha Online Boutique day imported from the shared data: ours, BARO (its own change point, and
 * given the true injection time, as RCAEval evaluates it) and N-Sigma side by side.
 *
 *   npm run bench:rca -- [--data ../shared/data] [--day 2022-08-22] [--lab <suite dir>]
 *                        [--seeds 5] [--hours 6] [--only lab|nezha] [--json out.json]
 *                        [--split old|tune|test|all] [--family-topologies 20] [--family-seeds 2]
 *                        [--family-dir <dir>] [--jobs 2]
 *
 * `--split` scores the lab's tuning and test families (src/lab/families.ts) instead of, or beside
 * (`old`, `all`), today's suite; the test family is the headline figure.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { openBundle } from '../src/bundle/index.js';
import { readTruth } from '../src/bundle/scoring.js';
import type { MetricSample, Truth } from '../src/core/index.js';
import { MINUTE_MS } from '../src/core/index.js';
import { rankBundle } from '../src/investigate/index.js';
import { parseBenchArgs, writeJson } from './args.js';
import { baro } from './baselines/baro.js';
import { buildFrame } from './baselines/frame.js';
import { nSigma } from './baselines/nsigma.js';
import { type CaseResult, type RcaScores, rankOf, scoreRankings } from './rca-score.js';
import { labSets, nezhaDay } from './suites.js';

const METHODS = ['ours', 'BARO', 'BARO (true time)', 'N-Sigma (true time)'] as const;
type Method = (typeof METHODS)[number];

interface DatasetResult {
  name: string;
  cases: Record<Method, CaseResult[]>;
  categoryCorrect: number;
  byFault: Map<string, { n: number; top1: number; category: number }>;
  baroDetected: number;
  seconds: number;
}

const args = parseBenchArgs(process.argv.slice(2));
const only = args.flags.get('only');
const work = await mkdtemp(join(tmpdir(), 'nightshift-bench-rca-'));
const results: DatasetResult[] = [];
try {
  if (only !== 'nezha')
    for (const set of await labSets(args, work)) results.push(await evaluate(set.name, set.dirs));
  if (only !== 'lab') {
    const nezha = await nezhaDay(args, work);
    if (nezha) results.push(await evaluate(`nezha ${args.flags.get('day') ?? '2022-08-22'}`, nezha));
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
report(results);

async function evaluate(name: string, dirs: string[]): Promise<DatasetResult> {
  const started = performance.now();
  const result: DatasetResult = {
    name,
    cases: { ours: [], BARO: [], 'BARO (true time)': [], 'N-Sigma (true time)': [] },
    categoryCorrect: 0,
    byFault: new Map(),
    baroDetected: 0,
    seconds: 0,
  };
  for (const [k, dir] of dirs.entries()) {
    const truth = await readTruth(dir);
    if (!truth) throw new Error(`${dir}: no truth.yaml; bench:rca needs bundles with a known root cause`);
    const accepted = [
      truth.rootCause.service,
      ...truth.alsoAcceptable.flatMap((a) => (a.service ? [a.service] : [])),
    ];
    const id = dir.split('/').pop() ?? dir;
    const ranking = await rankBundle(dir);
    const ours = { id, accepted, ranking: ranking.suspects.map((s) => s.service) };
    result.cases.ours.push(ours);
    const categoryOk = ranking.suspects[0]?.category === truth.rootCause.category;
    if (categoryOk) result.categoryCorrect++;
    const fault = truth.rootCause.category;
    const f = result.byFault.get(fault) ?? { n: 0, top1: 0, category: 0 };
    f.n++;
    if (rankOf(ours) === 1) f.top1++;
    if (categoryOk) f.category++;
    result.byFault.set(fault, f);

    const baselines = await runBaselines(dir, truth);
    result.cases.BARO.push({ id, accepted, ranking: baselines.baro });
    result.cases['BARO (true time)'].push({ id, accepted, ranking: baselines.baroTrue });
    result.cases['N-Sigma (true time)'].push({ id, accepted, ranking: baselines.nsigma });
    if (baselines.detected) result.baroDetected++;
    process.stderr.write(`\r${name}: ${k + 1}/${dirs.length}`);
  }
  process.stderr.write('\n');
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** The baselines see the same stretch of metrics as our analysis: an hour before the alert to 30 minutes after. */
async function runBaselines(dir: string, truth: Truth) {
  const bundle = await openBundle(dir);
  const alert = bundle.incident.alert.startsAt;
  const range = {
    start: Math.max(bundle.incident.window.start, alert - 60 * MINUTE_MS),
    end: Math.min(bundle.incident.window.end, alert + 30 * MINUTE_MS),
  };
  const samples: MetricSample[] = [];
  for await (const batch of bundle.metricBatches())
    for (const s of batch) if (s.ts >= range.start && s.ts < range.end) samples.push(s);
  const frame = buildFrame(samples, range);
  // A fault that began before the stretch (a slow leak) is split five rows in, so both sides exist.
  const injected = Math.max(truth.rootCause.startedAt ?? alert, frame.times[5] ?? range.start);
  const own = baro(frame);
  return {
    baro: own.services,
    detected: own.detected,
    baroTrue: baro(frame, injected).services,
    nsigma: nSigma(frame, injected),
  };
}

function report(all: DatasetResult[]): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const table = new Table({
    head: ['data', 'method', 'cases', 'AC@1', 'AC@3', 'Avg@5', 'category'],
    style: { head: [], border: [] },
  });
  const json: Record<
    string,
    Record<Method, RcaScores> & { categoryAccuracy: number; baroDetected: number; seconds: number }
  > = {};
  for (const r of all) {
    const scores = Object.fromEntries(METHODS.map((m) => [m, scoreRankings(r.cases[m])])) as Record<
      Method,
      RcaScores
    >;
    const n = r.cases.ours.length;
    for (const m of METHODS) {
      const s = scores[m];
      table.push([
        r.name,
        m,
        s.cases,
        pct(s.ac1),
        pct(s.ac3),
        pct(s.avg5),
        m === 'ours' ? pct(n === 0 ? 0 : r.categoryCorrect / n) : '',
      ]);
    }
    json[r.name] = {
      ...scores,
      categoryAccuracy: n === 0 ? 0 : r.categoryCorrect / n,
      baroDetected: r.baroDetected,
      seconds: r.seconds,
    };
  }
  process.stdout.write(`bench:rca — service-level root cause\n${table.toString()}\n`);
  for (const r of all) {
    const faults = new Table({
      head: [`${r.name}: category`, 'cases', 'ours AC@1', 'category'],
      style: { head: [], border: [] },
    });
    for (const [fault, f] of [...r.byFault].sort())
      faults.push([fault, f.n, pct(f.top1 / f.n), pct(f.category / f.n)]);
    process.stdout.write(
      `${faults.toString()}\nBARO's change point found (above its threshold) in ${r.baroDetected}/${r.cases.ours.length}; ${r.seconds.toFixed(0)} s\n`,
    );
  }
  const nezhaKey = Object.keys(json).find((k) => k.startsWith('nezha'));
  const nezha = nezhaKey ? json[nezhaKey] : undefined;
  for (const key of Object.keys(json).filter((k) => k === 'lab' || k.startsWith('lab:'))) {
    const lab = json[key];
    if (!lab) continue;
    process.stdout.write(
      `target ${key} AC@1 ≥ 90%: ${pct(lab.ours.ac1)} ${lab.ours.ac1 >= 0.9 ? 'met' : 'NOT met'}; category ≥ 80%: ${pct(lab.categoryAccuracy)}\n`,
    );
  }
  if (nezha) {
    const bestBaro = Math.max(nezha.BARO.ac1, nezha['BARO (true time)'].ac1);
    process.stdout.write(
      `target Nezha AC@1 ≥ best BARO + 10 points: ${pct(nezha.ours.ac1)} vs ${pct(bestBaro)} ${nezha.ours.ac1 >= bestBaro + 0.1 ? 'met' : 'NOT met'}\n`,
    );
  }
  void writeJson(args.json, json);
}

/**
 * bench:investigate — whole investigations with the built-in brain on a lab suite (every fault ×
 * seeds) and on the Nezha day: root cause at top 1, category, causing change found (where the
 * truth names one), confidence calibration (share right among HIGH, MEDIUM and LOW), and wall time
 * per investigation (p50, p95); then the wall time on a 24 h bundle of the default topology.
 *
 *   npm run bench:investigate -- [--data ../shared/data] [--lab <suite dir>] [--seeds 5] [--hours 6]
 *                                [--only lab|nezha|24h] [--runs 3] [--day-hours 24] [--json out.json]
 *                                [--split old|tune|test|all] (see bench/rca.ts for the family flags)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { scoreReport } from '../src/backtest/index.js';
import { readTruth } from '../src/bundle/scoring.js';
import { investigateBundle } from '../src/investigate/index.js';
import { numberFlag, parseBenchArgs, writeJson } from './args.js';
import { benchDay, type DayTiming, formatDay } from './investigate-day.js';
import { labSets, nezhaDay } from './suites.js';

interface Case {
  id: string;
  top1: boolean;
  top3: boolean;
  category: boolean;
  /** undefined when the truth names no change. */
  change: boolean | undefined;
  /** undefined when the truth names a change; true when we named one where there is none. */
  falseChange: boolean | undefined;
  confidence: 'HIGH' | 'MEDIUM' | 'LOW';
  ms: number;
}

const args = parseBenchArgs(process.argv.slice(2));
const only = args.flags.get('only');
const work = await mkdtemp(join(tmpdir(), 'nightshift-bench-investigate-'));
const results: Record<string, ReturnType<typeof summarise>> = {};
let day: DayTiming | undefined;
try {
  if (only === undefined || only === 'lab')
    for (const set of await labSets(args, work))
      results[set.name] = summarise(await evaluate(set.name, set.dirs));
  if (only === undefined || only === 'nezha') {
    const dirs = await nezhaDay(args, work);
    if (dirs) results.nezha = summarise(await evaluate('nezha', dirs));
  }
  if (only === undefined || only === '24h')
    day = await benchDay(work, {
      runs: numberFlag(args, 'runs', 3),
      hours: numberFlag(args, 'day-hours', 24),
    });
} finally {
  await rm(work, { recursive: true, force: true });
}
report();

async function evaluate(name: string, dirs: string[]): Promise<Case[]> {
  const cases: Case[] = [];
  for (const [k, dir] of dirs.entries()) {
    const truth = await readTruth(dir);
    if (!truth)
      throw new Error(`${dir}: no truth.yaml; bench:investigate needs bundles with a known root cause`);
    const started = performance.now();
    // Without the read cache: these figures time reading the bundle (the 24 h timing compares both).
    const { report } = await investigateBundle(dir, { bundleCache: false });
    const ms = performance.now() - started;
    // The same verdicts `nightshift backtest` counts (src/backtest/score.ts).
    const verdicts = scoreReport(report, truth);
    cases.push({
      id: dir.split('/').pop() ?? dir,
      top1: verdicts.top1,
      top3: verdicts.top3,
      category: verdicts.category,
      change: verdicts.change,
      falseChange: verdicts.falseChange,
      confidence: verdicts.confidence,
      ms,
    });
    process.stderr.write(`\r${name}: ${k + 1}/${dirs.length}`);
  }
  process.stderr.write('\n');
  return cases;
}

function summarise(cases: Case[]) {
  const share = (xs: boolean[]) => (xs.length === 0 ? Number.NaN : xs.filter(Boolean).length / xs.length);
  const withChange = cases.filter((c) => c.change !== undefined);
  const withoutChange = cases.filter((c) => c.falseChange !== undefined);
  const calibration = Object.fromEntries(
    (['HIGH', 'MEDIUM', 'LOW'] as const).map((level) => {
      const at = cases.filter((c) => c.confidence === level);
      return [level, { cases: at.length, correct: share(at.map((c) => c.top1)) }];
    }),
  ) as Record<'HIGH' | 'MEDIUM' | 'LOW', { cases: number; correct: number }>;
  const times = cases.map((c) => c.ms).sort((a, b) => a - b);
  return {
    cases: cases.length,
    top1: share(cases.map((c) => c.top1)),
    top3: share(cases.map((c) => c.top3)),
    category: share(cases.map((c) => c.category)),
    changeFound: share(withChange.map((c) => c.change === true)),
    changeCases: withChange.length,
    namedWhenNone: share(withoutChange.map((c) => c.falseChange === true)),
    noChangeCases: withoutChange.length,
    calibration,
    p50Ms: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    misses: cases.filter((c) => !c.top1).map((c) => c.id),
  };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

function report(): void {
  const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const table = new Table({
    head: [
      'data',
      'cases',
      'top 1',
      'top 3',
      'category',
      'change found',
      'named when none',
      'HIGH right',
      'MEDIUM right',
      'LOW right',
      'p50',
      'p95',
    ],
    style: { head: [], border: [] },
  });
  for (const [name, r] of Object.entries(results)) {
    const cal = (level: 'HIGH' | 'MEDIUM' | 'LOW') =>
      `${pct(r.calibration[level].correct)} of ${r.calibration[level].cases}`;
    table.push([
      name,
      r.cases,
      pct(r.top1),
      pct(r.top3),
      pct(r.category),
      `${pct(r.changeFound)} of ${r.changeCases}`,
      `${pct(r.namedWhenNone)} of ${r.noChangeCases}`,
      cal('HIGH'),
      cal('MEDIUM'),
      cal('LOW'),
      `${(r.p50Ms / 1000).toFixed(2)} s`,
      `${(r.p95Ms / 1000).toFixed(2)} s`,
    ]);
  }
  process.stdout.write(`bench:investigate — built-in brain\n${table.toString()}\n`);
  for (const [name, r] of Object.entries(results))
    if (r.misses.length > 0) process.stdout.write(`${name} misses: ${r.misses.join(', ')}\n`);
  for (const [name, lab] of Object.entries(results).filter(([k]) => k === 'lab' || k.startsWith('lab:'))) {
    process.stdout.write(
      `targets (${name}): top 1 ≥ 90%: ${pct(lab.top1)} ${lab.top1 >= 0.9 ? 'met' : 'NOT met'}; change found ≥ 90%: ${pct(lab.changeFound)} ${lab.changeFound >= 0.9 ? 'met' : 'NOT met'}; HIGH precision ≥ 95%: ${pct(lab.calibration.HIGH.correct)} ${lab.calibration.HIGH.correct >= 0.95 ? 'met' : 'NOT met'}; category ≥ 80%: ${pct(lab.category)}; named when none < 3%: ${pct(lab.namedWhenNone)}\n`,
    );
  }
  if (day) process.stdout.write(formatDay(day));
  void writeJson(args.json, { ...results, day });
}

/**
 * The timing part of bench:investigate: whole investigations of one 24 h bundle of the default
 * topology, three ways in each run: without the read cache, cold (the cache removed first, so
 * the run builds it) and warm (the cache the cold run wrote). The three run one after another in
 * one process, in a rotating order, so each run's ratios are paired against the same machine
 * state; a shared machine moves the seconds, the ratios much less. Each run checks that the three
 * reports are identical and that the cache was built, then hit.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLE_CACHE_FOLDER, type CacheOutcome } from '../src/bundle/index.js';
import { investigateBundle } from '../src/investigate/index.js';
import { DEFAULT_SCENARIO, DEFAULT_VOLUME, generateBundle } from '../src/lab/index.js';

export const DAY_MODES = ['no-cache', 'cold', 'warm'] as const;
export type DayMode = (typeof DAY_MODES)[number];

export interface DayTiming {
  hours: number;
  /** Wall time of each run per mode, ms. */
  runs: Record<DayMode, number[]>;
  /** CPU time (user + system, all threads) of each run per mode, ms: steadier than wall time on a shared machine. */
  cpu: Record<DayMode, number[]>;
  p50: Record<DayMode, number>;
  p95: Record<DayMode, number>;
  /** Per run, cold / no-cache and warm / no-cache; their medians. */
  ratio: { cold: number; warm: number };
  /** Every run's three reports were the same. */
  identical: boolean;
}

export async function benchDay(work: string, options: { runs: number; hours: number }): Promise<DayTiming> {
  const dir = join(work, 'day');
  process.stderr.write(
    `generating a ${options.hours} h bundle of the default topology (bad-deploy, seed 1)\n`,
  );
  await generateBundle(dir, {
    ...DEFAULT_SCENARIO,
    ...DEFAULT_VOLUME,
    fault: 'bad-deploy',
    seed: 1,
    hours: options.hours,
    drop: [],
    gzip: true,
    force: false,
  });
  // One unmeasured investigation: the first in a process also compiles the code it runs.
  await investigateBundle(dir, { bundleCache: false });
  const runs: Record<DayMode, number[]> = { 'no-cache': [], cold: [], warm: [] };
  const cpu: Record<DayMode, number[]> = { 'no-cache': [], cold: [], warm: [] };
  let identical = true;
  for (let i = 0; i < options.runs; i++) {
    // Rotating, but cold always before warm: warm reads what cold wrote.
    const order: DayMode[] = i % 2 === 0 ? ['no-cache', 'cold', 'warm'] : ['cold', 'warm', 'no-cache'];
    const reports = new Map<DayMode, string>();
    for (const mode of order) {
      if (mode === 'cold') await rm(join(dir, BUNDLE_CACHE_FOLDER), { recursive: true, force: true });
      const outcomes: CacheOutcome[] = [];
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const { report } = await investigateBundle(dir, {
        bundleCache: mode === 'no-cache' ? false : { onRead: (_source, outcome) => outcomes.push(outcome) },
        now: () => 0,
      });
      runs[mode].push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu[mode].push((used.user + used.system) / 1000);
      const expected: CacheOutcome | undefined =
        mode === 'cold' ? 'built' : mode === 'warm' ? 'hit' : undefined;
      if (expected !== undefined && (outcomes.length === 0 || outcomes.some((o) => o !== expected)))
        throw new Error(
          `${mode} run ${i + 1}: cache reads were ${outcomes.join(', ')}, expected all ${expected}`,
        );
      reports.set(mode, JSON.stringify(report));
    }
    if (new Set(reports.values()).size !== 1) identical = false;
    process.stderr.write(
      `\r24 h run ${i + 1}/${options.runs}: ${DAY_MODES.map((m) => `${m} ${seconds(runs[m].at(-1) ?? Number.NaN)}`).join(', ')}`,
    );
  }
  process.stderr.write('\n');
  const stat = (q: number) =>
    Object.fromEntries(DAY_MODES.map((m) => [m, quantile(runs[m], q)])) as Record<DayMode, number>;
  const ratios = (mode: 'cold' | 'warm') => runs[mode].map((ms, i) => ms / (runs['no-cache'][i] as number));
  return {
    hours: options.hours,
    runs,
    cpu,
    p50: stat(0.5),
    p95: stat(0.95),
    ratio: { cold: quantile(ratios('cold'), 0.5), warm: quantile(ratios('warm'), 0.5) },
    identical,
  };
}

/** The lines bench:investigate prints for the 24 h bundle. */
export function formatDay(day: DayTiming): string {
  const line = (m: DayMode) =>
    `  ${m.padEnd(8)} p50 ${seconds(day.p50[m])}  p95 ${seconds(day.p95[m])}  runs ${day.runs[m].map(seconds).join(', ')}  (CPU p50 ${seconds(quantile(day.cpu[m], 0.5))})`;
  const target = (m: 'cold' | 'warm', limitMs: number) =>
    `${m} p50 < ${limitMs / 1000} s: ${day.p50[m] < limitMs ? 'met' : 'NOT met'}`;
  return [
    `${day.hours} h bundle (${day.runs.warm.length} runs each, paired):`,
    ...DAY_MODES.map(line),
    `  median ratio to no-cache: cold ${day.ratio.cold.toFixed(2)}, warm ${day.ratio.warm.toFixed(2)}; reports identical: ${day.identical ? 'yes' : 'NO'}`,
    `  targets: ${target('warm', 1000)}; ${target('cold', 2000)}`,
    '',
  ].join('\n');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

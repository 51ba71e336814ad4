/**
 * bench:logs — log template mining on Loghub-2k (12 systems, corrected ground truth) and throughput
 * on a day of lab logs: Nightshift's miner and plain Drain (Drain3's defaults, bench/baselines/drain.ts)
 * side by side. Accuracy: GA, FGA, PA and FTA as defined in the shared data's README (bench/loghub.ts
 * says how templates are compared). Both miners run with one configuration for every system.
 *
 *   npm run bench:logs -- [--data ../shared/data] [--runs 3] [--lines 1000000] [--json out.json]
 */
import Table from 'cli-table3';
import { mineTemplates } from '../src/analysis/index.js';
import { buildScenario, collectTelemetry } from '../src/lab/index.js';
import { numberFlag, parseBenchArgs, requireData, writeJson } from './args.js';
import { Drain, drainTemplates } from './baselines/drain.js';
import { type Accuracy, LOGHUB_SYSTEMS, loadLoghubSystem, scoreParse } from './loghub.js';

const TARGETS = { meanGa: 0.9, meanPa: 0.6, linesPerSecond: 500_000, speedup: 5 };
const MEASURES = ['ga', 'fga', 'pa', 'fta'] as const;

type Parser = (messages: readonly string[]) => string[];

const parsers: Record<'ours' | 'drain', Parser> = {
  ours: (messages) => {
    const { assignments, templates } = mineTemplates(messages);
    const text = new Map(templates.map((t) => [t.id, t.template]));
    return Array.from(assignments, (id) => text.get(id) ?? '');
  },
  drain: (messages) => drainTemplates(messages),
};

interface SystemResult {
  system: string;
  ours: Accuracy;
  drain: Accuracy;
}

const args = parseBenchArgs(process.argv.slice(2));
const runs = numberFlag(args, 'runs', 3);
const labLines = numberFlag(args, 'lines', 1_000_000);
const loghub = `${args.data}/loghub-2k`;
if (!requireData(loghub, 'Loghub-2k')) process.exit(1);

const systems: SystemResult[] = [];
for (const name of LOGHUB_SYSTEMS) {
  const system = await loadLoghubSystem(loghub, name);
  systems.push({
    system: name,
    ours: scoreParse(system.truth, parsers.ours(system.contents)),
    drain: scoreParse(system.truth, parsers.drain(system.contents)),
  });
}
const mean = {
  ours: meanOf(systems.map((s) => s.ours)),
  drain: meanOf(systems.map((s) => s.drain)),
};

process.stderr.write(`generating ${labLines.toLocaleString('en-US')} lab log lines per day…\n`);
const messages = labMessages(labLines);
const speed = measureThroughput(messages, runs);

const accuracy = new Table({
  head: ['system', ...MEASURES.flatMap((m) => [`${m.toUpperCase()} ours`, `${m.toUpperCase()} Drain`])],
  style: { head: [], border: [] },
});
for (const s of [...systems, { system: 'mean', ...mean }]) {
  accuracy.push([s.system, ...MEASURES.flatMap((m) => [s.ours[m].toFixed(3), s.drain[m].toFixed(3)])]);
}
const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')} lines/s`;
const targets = new Table({
  head: ['measure', 'ours', 'Drain', 'target', 'met'],
  style: { head: [], border: [] },
});
const met = (ok: boolean) => (ok ? 'yes' : 'NO');
targets.push(
  [
    'mean GA',
    mean.ours.ga.toFixed(3),
    mean.drain.ga.toFixed(3),
    `≥ ${TARGETS.meanGa}`,
    met(mean.ours.ga >= TARGETS.meanGa),
  ],
  [
    'mean PA',
    mean.ours.pa.toFixed(3),
    mean.drain.pa.toFixed(3),
    `≥ ${TARGETS.meanPa}`,
    met(mean.ours.pa >= TARGETS.meanPa),
  ],
  [
    `throughput (median of ${runs})`,
    perSecond(speed.ours),
    perSecond(speed.drain),
    `≥ ${TARGETS.linesPerSecond.toLocaleString('en-US')} lines/s`,
    met(speed.ours >= TARGETS.linesPerSecond),
  ],
  [`throughput by CPU time (median of ${runs})`, perSecond(speed.oursCpu), perSecond(speed.drainCpu), '', ''],
  [
    'speed-up over Drain',
    `${(speed.ours / speed.drain).toFixed(2)}×`,
    '1×',
    `≥ ${TARGETS.speedup}×`,
    met(speed.ours >= TARGETS.speedup * speed.drain),
  ],
);
process.stdout.write(
  `bench:logs — Loghub-2k, ${systems.length} systems, one configuration for all\n${accuracy.toString()}\n` +
    `throughput on ${messages.length.toLocaleString('en-US')} lab log lines (bad-deploy, seed 1, shop, 24 h), mining only\n` +
    `${targets.toString()}\n`,
);
await writeJson(args.json, { systems, mean, throughput: { lines: messages.length, runs, ...speed } });

function meanOf(scores: readonly Accuracy[]): Accuracy {
  const sum = (m: (typeof MEASURES)[number]) => scores.reduce((total, s) => total + s[m], 0) / scores.length;
  return { ga: sum('ga'), fga: sum('fga'), pa: sum('pa'), fta: sum('fta') };
}

/** The messages of a day of the lab's default scenario, `perDay` background lines. */
function labMessages(perDay: number): string[] {
  const scenario = buildScenario({
    fault: 'bad-deploy',
    seed: 1,
    topology: 'shop',
    hours: 24,
    stepSeconds: 30,
    noise: 1,
    redHerrings: 2,
    gradual: false,
  });
  return collectTelemetry(scenario, { logLinesPerDay: perDay, spansPerDay: 1000 }).logs.map((l) => l.message);
}

/** Lines per second of each miner, by wall clock and by this process's CPU time. */
interface Throughput {
  ours: number;
  drain: number;
  oursCpu: number;
  drainCpu: number;
}

/**
 * Lines per second of each miner, timing the mining only (the lines are in memory; the timed call
 * returns each line's template id): one warm-up run each, then `count` runs alternating between them
 * so that a busy neighbour on a shared machine slows both alike; the median of each. CPU time is
 * reported beside wall time because other work on a shared machine inflates the latter.
 */
function measureThroughput(lines: readonly string[], count: number): Throughput {
  const mine = {
    ours: () => mineTemplates(lines).assignments,
    drain: () => {
      const drain = new Drain();
      const ids = new Int32Array(lines.length);
      lines.forEach((line, i) => {
        ids[i] = drain.addLogMessage(line).id;
      });
      return ids;
    },
  };
  const wall: Record<'ours' | 'drain', number[]> = { ours: [], drain: [] };
  const cpu: Record<'ours' | 'drain', number[]> = { ours: [], drain: [] };
  const time = (name: 'ours' | 'drain') => {
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    mine[name]();
    wall[name].push((performance.now() - started) / 1000);
    const used = process.cpuUsage(startedCpu);
    cpu[name].push((used.user + used.system) / 1e6);
  };
  time('ours');
  time('drain');
  wall.ours.length = wall.drain.length = cpu.ours.length = cpu.drain.length = 0;
  for (let run = 0; run < count; run++) {
    time('ours');
    time('drain');
  }
  const rate = (xs: number[]) =>
    lines.length / ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number);
  return {
    ours: rate(wall.ours),
    drain: rate(wall.drain),
    oursCpu: rate(cpu.ours),
    drainCpu: rate(cpu.drain),
  };
}

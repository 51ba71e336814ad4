/**
 * bench:logs — log template mining on Loghub-2k (12 systems, corrected ground truth), on a held-out
 * log family written for this benchmark (bench/logs-heldout.ts), and throughput on a day of lab logs:
 * Nightshift's miner and plain Drain (bench/baselines/drain.ts) side by side. Accuracy: GA, FGA, PA
 * and FTA as defined in the shared data's README (bench/loghub.ts says how templates are compared).
 *
 * In-sample: both miners with their defaults on every system (ours chosen looking at all 12; Drain3's
 * own). Leave-one-system-out: each miner's grid (bench/logs-loso.ts), the setting chosen on the other
 * 11 systems. The held-out family is scored with the defaults and with the setting best on all 12.
 *
 *   npm run bench:logs -- [--data ../shared/data] [--runs 3] [--lines 1000000] [--json out.json]
 */
import Table from 'cli-table3';
import { type MinerConfig, mineTemplates } from '../src/analysis/index.js';
import { buildScenario, collectTelemetry } from '../src/lab/index.js';
import { numberFlag, parseBenchArgs, requireData, writeJson } from './args.js';
import { Drain, type DrainOptions, drainTemplates } from './baselines/drain.js';
import { type Accuracy, LOGHUB_SYSTEMS, type LoghubSystem, loadLoghubSystem, scoreParse } from './loghub.js';
import { heldOutCorpus } from './logs-heldout.js';
import { bestOverall, DRAIN_GRID, type GridSetting, leaveOneSystemOut, MINER_GRID } from './logs-loso.js';

const TARGETS = { meanGa: 0.9, losoGa: 0.92, meanPa: 0.6, linesPerSecond: 500_000, speedup: 5 };
const MEASURES = ['ga', 'fga', 'pa', 'fta'] as const;

function ours(messages: readonly string[], options?: Partial<MinerConfig>): string[] {
  const { assignments, templates } = mineTemplates(messages, options);
  const text = new Map(templates.map((t) => [t.id, t.template]));
  return Array.from(assignments, (id) => text.get(id) ?? '');
}

const args = parseBenchArgs(process.argv.slice(2));
const runs = numberFlag(args, 'runs', 3);
const labLines = numberFlag(args, 'lines', 1_000_000);
const loghubDir = `${args.data}/loghub-2k`;
const out: string[] = [];

const loghub = requireData(loghubDir, 'Loghub-2k') ? await scoreLoghub(loghubDir) : undefined;
if (loghub === undefined) {
  out.push(
    'Loghub-2k is absent: no in-sample or leave-one-system-out figures; the held-out family still runs.',
  );
}

const heldOut = heldOutCorpus();
const heldOutScores = {
  ours: scoreParse(heldOut.truth, ours(heldOut.contents)),
  drain: scoreParse(heldOut.truth, drainTemplates(heldOut.contents)),
  ...(loghub && {
    oursTuned: scoreParse(heldOut.truth, ours(heldOut.contents, loghub.bestOurs.options)),
    drainTuned: scoreParse(heldOut.truth, drainTemplates(heldOut.contents, loghub.bestDrain.options)),
  }),
};

process.stderr.write(`generating ${labLines.toLocaleString('en-US')} lab log lines per day…\n`);
const messages = labMessages(labLines);
const speed = measureThroughput(messages, runs);

if (loghub) {
  const inSample = table([
    'system',
    ...MEASURES.flatMap((m) => [`${m.toUpperCase()} ours`, `${m.toUpperCase()} Drain`]),
  ]);
  for (const s of [...loghub.inSample, { system: 'mean', ...loghub.inSampleMean }]) {
    inSample.push([s.system, ...MEASURES.flatMap((m) => [s.ours[m].toFixed(3), s.drain[m].toFixed(3)])]);
  }
  out.push(
    `bench:logs — Loghub-2k, ${loghub.inSample.length} systems, in-sample (defaults)`,
    inSample.toString(),
  );
  const loso = table([
    'system',
    'GA ours',
    'GA Drain',
    'FGA ours',
    'FGA Drain',
    'PA ours',
    'PA Drain',
    'ours setting',
    'Drain setting',
  ]);
  loghub.loso.ours.forEach((o, k) => {
    const d = loghub.loso.drain[k] as (typeof loghub.loso.drain)[number];
    loso.push([
      o.system,
      ...(['ga', 'fga', 'pa'] as const).flatMap((m) => [o.accuracy[m].toFixed(3), d.accuracy[m].toFixed(3)]),
      o.setting,
      d.setting,
    ]);
  });
  const lm = loghub.losoMean;
  loso.push([
    'mean',
    ...(['ga', 'fga', 'pa'] as const).flatMap((m) => [lm.ours[m].toFixed(3), lm.drain[m].toFixed(3)]),
    '',
    '',
  ]);
  out.push(
    `leave-one-system-out: ${MINER_GRID.length} settings of ours, ${DRAIN_GRID.length} of Drain, each system scored with the setting best on the other 11`,
    loso.toString(),
  );
}
const held = table(['held-out family (not Loghub, not tuned on)', ...MEASURES.map((m) => m.toUpperCase())]);
held.push(['ours, defaults', ...MEASURES.map((m) => heldOutScores.ours[m].toFixed(3))]);
held.push(['Drain, Drain3 defaults', ...MEASURES.map((m) => heldOutScores.drain[m].toFixed(3))]);
if (loghub && heldOutScores.oursTuned && heldOutScores.drainTuned) {
  held.push([
    `ours, best on Loghub-12 (${loghub.bestOurs.name})`,
    ...MEASURES.map((m) => heldOutScores.oursTuned?.[m].toFixed(3) ?? ''),
  ]);
  held.push([
    `Drain, best on Loghub-12 (${loghub.bestDrain.name})`,
    ...MEASURES.map((m) => heldOutScores.drainTuned?.[m].toFixed(3) ?? ''),
  ]);
}
out.push(
  `held-out family: ${heldOut.contents.length} generated lines (bench/logs-heldout.ts)`,
  held.toString(),
);

const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')} lines/s`;
const met = (ok: boolean) => (ok ? 'yes' : 'NO');
const targets = table(['measure', 'ours', 'Drain', 'target', 'met']);
if (loghub) {
  const { inSampleMean: im, losoMean: lm } = loghub;
  targets.push(
    [
      'mean GA, in-sample',
      im.ours.ga.toFixed(3),
      im.drain.ga.toFixed(3),
      `≥ ${TARGETS.meanGa}`,
      met(im.ours.ga >= TARGETS.meanGa),
    ],
    [
      'mean GA, leave-one-system-out',
      lm.ours.ga.toFixed(3),
      lm.drain.ga.toFixed(3),
      `≥ ${TARGETS.losoGa}`,
      met(lm.ours.ga >= TARGETS.losoGa),
    ],
    [
      'mean PA, in-sample',
      im.ours.pa.toFixed(3),
      im.drain.pa.toFixed(3),
      `≥ ${TARGETS.meanPa}`,
      met(im.ours.pa >= TARGETS.meanPa),
    ],
  );
}
targets.push(
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
out.push(
  `throughput on ${messages.length.toLocaleString('en-US')} lab log lines (bad-deploy, seed 1, shop, 24 h), mining only`,
  targets.toString(),
);
process.stdout.write(`${out.join('\n')}\n`);
await writeJson(args.json, {
  ...(loghub && {
    systems: loghub.inSample,
    mean: loghub.inSampleMean,
    loso: { ...loghub.loso, mean: loghub.losoMean, minerGrid: MINER_GRID, drainGrid: DRAIN_GRID },
  }),
  loghub: loghub ? 'present' : `absent: ${loghubDir}`,
  heldOut: {
    lines: heldOut.contents.length,
    ...heldOutScores,
    ...(loghub && { oursTunedSetting: loghub.bestOurs, drainTunedSetting: loghub.bestDrain }),
  },
  throughput: { lines: messages.length, runs, ...speed },
});

function table(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [] } });
}

/** Every grid setting of both miners on every system: in-sample, LOSO and the best overall setting. */
async function scoreLoghub(dir: string) {
  const systems: LoghubSystem[] = [];
  for (const name of LOGHUB_SYSTEMS) systems.push(await loadLoghubSystem(dir, name));
  process.stderr.write(
    `scoring ${MINER_GRID.length} settings of ours and ${DRAIN_GRID.length} of Drain on ${systems.length} systems…\n`,
  );
  const grid = <T>(settings: GridSetting<T>[], parse: (m: readonly string[], o: T) => string[]) =>
    settings.map((s) => systems.map((system) => scoreParse(system.truth, parse(system.contents, s.options))));
  const oursScores = grid(MINER_GRID, ours);
  const drainScores = grid<DrainOptions>(DRAIN_GRID, drainTemplates);
  const names = systems.map((s) => s.name);
  const inSample = names.map((system, k) => ({
    system,
    ours: oursScores[0]?.[k] as Accuracy,
    drain: drainScores[0]?.[k] as Accuracy,
  }));
  const loso = {
    ours: leaveOneSystemOut(names, MINER_GRID, oursScores),
    drain: leaveOneSystemOut(names, DRAIN_GRID, drainScores),
  };
  return {
    inSample,
    inSampleMean: { ours: meanOf(inSample.map((s) => s.ours)), drain: meanOf(inSample.map((s) => s.drain)) },
    loso,
    losoMean: {
      ours: meanOf(loso.ours.map((r) => r.accuracy)),
      drain: meanOf(loso.drain.map((r) => r.accuracy)),
    },
    bestOurs: bestOverall(MINER_GRID, oursScores),
    bestDrain: bestOverall(DRAIN_GRID, drainScores),
  };
}

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

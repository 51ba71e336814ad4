/**
 * Plans and simulates one lab incident in memory: when it happens, what the fault does, what the
 * system looked like, which alert paged, and the changes, events and history around it. Writing
 * the bundle (`generate.ts`) streams logs and traces from this without holding them.
 */
import type { Alert, Change, Incident, InfraEvent, PastIncident, Truth } from '../core/index.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, NightshiftError } from '../core/index.js';
import { evaluateRules, type Firing, pickFiring } from './alert.js';
import { generateChanges } from './emit/changes.js';
import type { Dialect } from './emit/dialect.js';
import { generateEvents } from './emit/events.js';
import { type FaultName, faultCatalogue } from './faults/catalogue.js';
import type { FaultContext, FaultPlan, FaultType } from './faults/fault.js';
import { generateHistory } from './history.js';
import { Random } from './random.js';
import { type Blip, planBlips } from './sim/blips.js';
import { buildIndex, type Index } from './sim/conditions.js';
import { simulate } from './sim/engine.js';
import { type SimResult, sliceResult } from './sim/state.js';
import { resolveTopology } from './topologies/index.js';
import { callerFirstOrder, type LabTopology } from './topology.js';

export interface ScenarioOptions {
  fault: FaultName;
  seed: number;
  /** `shop`, `mini` or `gen-<seed>` (a generated system); see `resolveTopology`. */
  topology: string;
  /** Length of the telemetry window. */
  hours: number;
  stepSeconds: number;
  /** Scales metric noise, background errors and benign blips; 1 is a typical production system. */
  noise: number;
  /** Benign changes and blips placed shortly before the incident. */
  redHerrings: number;
  /** Spread the fault's onset over about 20 more minutes. */
  gradual: boolean;
  /**
   * Which way the fault shows, from its type's `variants` (the first is the default). Generated
   * families split tuning from testing partly by variant.
   */
  variant?: string;
  /**
   * How logs and metrics are written (log body format, stack traces, metric names). Absent or all
   * native gives the lab's own format, byte-identical to bundles made before dialects existed.
   */
  dialect?: Dialect;
}

export const DEFAULT_SCENARIO: Omit<ScenarioOptions, 'fault'> = {
  seed: 1,
  topology: 'shop',
  hours: 24,
  stepSeconds: 30,
  noise: 1,
  redHerrings: 2,
  gradual: false,
};

export interface Scenario {
  options: ScenarioOptions;
  topology: LabTopology;
  index: Index;
  plan: FaultPlan;
  result: SimResult;
  incident: Incident;
  truth: Truth;
  changes: Change[];
  events: InfraEvent[];
  history: PastIncident[];
  rng: Random;
}

export function buildScenario(options: ScenarioOptions): Scenario {
  const fault = faultCatalogue[options.fault] as FaultType | undefined;
  if (!fault) {
    throw new NightshiftError('BAD_INPUT', `unknown fault type "${options.fault}"`, {
      hint: `Valid fault types: ${Object.keys(faultCatalogue).join(', ')}`,
    });
  }
  const topology = resolveTopology(options.topology);
  const variant = chooseVariant(fault, options);
  // The default variant keeps the seed string it always had, so existing suites stay byte-identical.
  const seedName = `${options.topology}/${options.fault}/${options.seed}`;
  const rng = new Random(variant === defaultVariant(fault) ? seedName : `${seedName}/${variant}`);
  const index = buildIndex(topology, callerFirstOrder(topology));
  const stepMs = options.stepSeconds * 1000;
  const timeRng = rng.fork('time');
  const day = Date.UTC(2026, 2, 2) + ((options.seed * 7) % 61) * DAY_MS;
  const simulateFrom = (
    start: number,
    count: number,
    applyFault: FaultPlan['apply'],
    seedLabel: string,
    blips: readonly Blip[],
  ) =>
    simulate({
      topology,
      index,
      start,
      stepMs,
      steps: count,
      rng: rng.fork(seedLabel),
      noise: options.noise,
      blips,
      applyFault,
    });

  // Some faults need load to show (a pool only runs dry when busy): retry at other hours, up to a point.
  let ctx: FaultContext | undefined;
  let candidates: string[] = [];
  for (let attempt = 0; attempt < 8 && candidates.length === 0; attempt++) {
    const incidentAt = alignTo(
      day + timeRng.weighted(HOURS, HOUR_WEIGHTS) * HOUR_MS + timeRng.int(0, 59) * MINUTE_MS,
      stepMs,
    );
    const windowEnd = incidentAt + 45 * MINUTE_MS;
    ctx = {
      topology,
      index,
      rng: rng.fork('fault'),
      variant,
      incidentAt,
      rampMs: options.gradual ? 20 * MINUTE_MS : 0,
      windowStart: alignTo(windowEnd - options.hours * HOUR_MS, stepMs),
      windowEnd,
      baselineAt: (t) => simulateFrom(alignTo(t, stepMs), 1, () => {}, 'baseline', []),
    };
    const c = ctx;
    candidates = fault.targets(topology).filter((t) => fault.viable?.(c, t) ?? true);
  }
  if (!ctx || candidates.length === 0) {
    throw new NightshiftError(
      'BAD_INPUT',
      `fault "${options.fault}" has no service it can hit in topology "${topology.name}"`,
      {
        hint: 'Try the shop topology.',
      },
    );
  }
  const { incidentAt, windowStart, windowEnd } = ctx;
  const steps = Math.round((windowEnd - windowStart) / stepMs);
  const target = ctx.rng.pick(candidates);
  const blipPlan = planBlips(index, rng.fork('blips'), {
    start: windowStart,
    end: windowEnd,
    perServicePerDay: 1.2,
    noise: options.noise,
    nearIncident: Math.ceil(options.redHerrings / 2),
    incidentAt,
    exclude: index.byName.get(target) ?? -1,
  });
  const plan = fault.plan(ctx, target);
  // A fault that began before the window (a slow leak, a filling disk) has already left its mark
  // on the system when the window opens: simulate from its start and keep the window's steps.
  const warmup = Math.max(0, Math.ceil((windowStart - plan.startedAt) / stepMs) + 1);
  const result = sliceResult(
    simulateFrom(windowStart - warmup * stepMs, steps + warmup, plan.apply, 'sim', blipPlan),
    warmup,
  );

  const firing = pickFiring(evaluateRules(result, index, plan.startedAt), index.entry, rng.fork('alert'));
  const alert = firing ? toAlert(firing, topology) : fallbackAlert(plan, topology, incidentAt);
  const { changes, causingId } = generateChanges({
    topology,
    rng: rng.fork('changes'),
    start: windowStart,
    end: windowEnd,
    incidentAt,
    redHerrings: options.redHerrings,
    rootService: target,
    causing: plan.causingChange,
    others: plan.otherChanges ?? [],
  });
  const events = generateEvents({
    topology,
    rng: rng.fork('events'),
    start: windowStart,
    end: windowEnd,
    changes,
    restarts: result.restarts,
    faultEvents: plan.events ?? [],
    noise: options.noise,
  });
  const history = generateHistory(topology, rng.fork('history'), { before: windowStart });
  const truth: Truth = {
    rootCause: {
      service: plan.target,
      category: fault.category,
      ...(causingId ? { change: causingId } : {}),
      startedAt: Math.round(plan.startedAt),
      summary: plan.summary,
    },
    alsoAcceptable: plan.alsoAcceptable ?? [],
  };
  const incident: Incident = {
    version: 1,
    id: neutralId(topology.name, alert.startsAt, rng.fork('id')),
    title: `${TITLES[alert.name] ?? alert.name} on ${alert.service}`,
    alert,
    window: { start: windowStart, end: windowEnd },
  };
  return { options, topology, index, plan, result, incident, truth, changes, events, history, rng };
}

function defaultVariant(fault: FaultType): string {
  return fault.variants?.[0] ?? 'default';
}

function chooseVariant(fault: FaultType, options: ScenarioOptions): string {
  if (options.variant === undefined) return defaultVariant(fault);
  const known = fault.variants ?? ['default'];
  if (!known.includes(options.variant)) {
    throw new NightshiftError('BAD_INPUT', `fault "${options.fault}" has no variant "${options.variant}"`, {
      hint: `Variants of ${options.fault}: ${known.join(', ')}`,
    });
  }
  return options.variant;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
// Incidents cluster in busy hours, as load and deploys do.
const HOUR_WEIGHTS = HOURS.map((h) => (h >= 9 && h <= 21 ? 3 : h >= 7 ? 1 : 0.3));

const TITLES: Record<string, string> = {
  HighErrorRate: 'High error rate',
  HighLatencyP99: 'High p99 latency',
  QueueDepthHigh: 'Queue backlog',
  DiskSpaceLow: 'Disk space low',
  KubePodCrashLooping: 'Pods crash looping',
  CacheHitRatioLow: 'Cache hit ratio low',
  HighRequestRate: 'Request rate above capacity',
};

/**
 * An id that names the system and the time, never the fault: an investigation reads the id, and
 * `shop-memory-leak-s3` would hand it the answer.
 */
function neutralId(system: string, at: number, rng: Random): string {
  const iso = new Date(at).toISOString();
  return `${system}-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 16).replace(':', '')}-${rng.hex(4)}`;
}

function alignTo(t: number, stepMs: number): number {
  return Math.floor(t / stepMs) * stepMs;
}

function toAlert(f: Firing, topology: LabTopology): Alert {
  const s = topology.services[f.service];
  const service = s?.name ?? 'unknown';
  return {
    name: f.name,
    service,
    severity: f.severity,
    startsAt: f.firedAt,
    labels: {
      alertname: f.name,
      service,
      severity: f.severity,
      team: s?.team ?? 'platform',
      env: 'production',
      namespace: topology.name,
    },
    annotations: { summary: f.summary, runbook_url: `https://runbooks.example.internal/${f.name}` },
  };
}

function fallbackAlert(plan: FaultPlan, topology: LabTopology, incidentAt: number): Alert {
  const a = plan.fallbackAlert;
  const team = topology.services.find((s) => s.name === a.service)?.team ?? 'platform';
  return {
    name: a.name,
    service: a.service,
    severity: 'warning',
    startsAt: incidentAt + 5 * MINUTE_MS,
    labels: {
      alertname: a.name,
      service: a.service,
      severity: 'warning',
      team,
      env: 'production',
      namespace: topology.name,
    },
    annotations: { summary: a.summary, runbook_url: `https://runbooks.example.internal/${a.name}` },
  };
}

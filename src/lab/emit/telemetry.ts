/**
 * Drives the three telemetry emitters over a scenario's steps with one volume calibration, so the
 * bundle writer and in-memory collection produce the same records.
 */
import type { LogRecord, MetricSample, Span } from '../../core/index.js';
import type { Scenario } from '../scenario.js';
import type { Index } from '../sim/conditions.js';
import type { SimResult } from '../sim/state.js';
import { fullDialect } from './dialect.js';
import { LogStyler } from './log-dialects.js';
import { LogEmitter, ROLE_LOG_WEIGHT } from './logs.js';
import { MetricEmitter } from './metrics.js';
import { TraceEmitter } from './traces.js';

export interface Volume {
  /** Background log lines for a 24 h window; scaled to the window's length and traffic. */
  logLinesPerDay: number;
  /** Trace spans for a 24 h window, head-sampled uniformly. */
  spansPerDay: number;
}

export const DEFAULT_VOLUME: Volume = { logLinesPerDay: 1_100_000, spansPerDay: 150_000 };

export interface StepTelemetry {
  spans: Span[];
  logs: LogRecord[];
}

export class TelemetryStepper {
  readonly metrics: MetricEmitter;
  private readonly traces: TraceEmitter;
  private readonly logs: LogEmitter;
  private readonly sampling: number;
  private readonly workers: number[];
  private readonly countRng;
  private readonly stepSec: number;
  /** Rewrites log bodies into the scenario's log dialect; undefined for the native format. */
  private readonly styler: LogStyler | undefined;

  constructor(
    private readonly s: Scenario,
    volume: Volume,
  ) {
    const r = s.result;
    this.stepSec = r.stepMs / 1000;
    const days = (r.steps * r.stepMs) / 86_400_000;
    const dialect = fullDialect(s.options.dialect);
    this.metrics = new MetricEmitter(s.index, r, dialect.metrics);
    this.traces = new TraceEmitter(s.index, r, s.rng.fork('traces'));
    const logScale = (volume.logLinesPerDay * days) / weightedRequests(s.index, r, this.stepSec);
    this.logs = new LogEmitter(s.index, r, s.rng.fork('logs'), logScale, s.plan.logs);
    this.sampling =
      (volume.spansPerDay * days) /
      (entryRequests(s.index, r, this.stepSec) * expectedSpans(s.index, s.index.entry));
    this.workers = s.index.services.flatMap((x, i) => (x.role === 'worker' ? [i] : []));
    this.countRng = s.rng.fork('trace-counts');
    // Its own fork, so a native bundle draws exactly the numbers it drew before dialects existed.
    const styler = new LogStyler(s.index.services, s.rng.fork('dialect'), dialect.logs, dialect.stacks);
    this.styler = styler.active ? styler : undefined;
  }

  get steps(): number {
    return this.s.result.steps;
  }

  /** Spans and log lines of one step. Call for steps in order: the generators carry state. */
  step(step: number): StepTelemetry {
    const r = this.s.result;
    const rpsAt = (i: number) => r.fields.rps[step * r.services + i] ?? 0;
    const workerCounts = new Map(
      this.workers.map((w) => [w, this.countRng.poisson(rpsAt(w) * this.stepSec * this.sampling)]),
    );
    const entry = this.countRng.poisson(rpsAt(this.s.index.entry) * this.stepSec * this.sampling);
    const traced = this.traces.step(step, entry, workerCounts);
    const logs = this.logs.step(step, traced.errorTraces);
    if (this.styler) for (const rec of logs) this.styler.style(rec);
    return { spans: traced.spans, logs };
  }
}

/** Everything a scenario emits, in memory: for tests and small experiments, not 24 h bundles. */
export function collectTelemetry(
  s: Scenario,
  volume: Volume = DEFAULT_VOLUME,
): { metrics: MetricSample[]; spans: Span[]; logs: LogRecord[] } {
  const stepper = new TelemetryStepper(s, volume);
  const metrics: MetricSample[] = [];
  const spans: Span[] = [];
  const logs: LogRecord[] = [];
  for (let step = 0; step < stepper.steps; step++) {
    metrics.push(...stepper.metrics.samples(step));
    const t = stepper.step(step);
    spans.push(...t.spans);
    logs.push(...t.logs);
  }
  return { metrics, spans, logs };
}

/** Requests over the window weighted by how much each role logs. */
function weightedRequests(index: Index, r: SimResult, stepSec: number): number {
  let sum = 0;
  for (let step = 0; step < r.steps; step++) {
    index.services.forEach((s, i) => {
      sum += (r.fields.rps[step * r.services + i] ?? 0) * stepSec * ROLE_LOG_WEIGHT[s.role];
    });
  }
  return Math.max(1, sum);
}

function entryRequests(index: Index, r: SimResult, stepSec: number): number {
  let sum = 0;
  for (let step = 0; step < r.steps; step++)
    sum += (r.fields.rps[step * r.services + index.entry] ?? 0) * stepSec;
  return Math.max(1, sum);
}

/** Spans a request entering at service i produces on average. */
function expectedSpans(index: Index, i: number): number {
  let n = 1;
  for (const e of index.out[i] ?? []) {
    const edge = index.edges[e];
    if (edge) n += edge.callsPerRequest * expectedSpans(index, edge.to);
  }
  return n;
}

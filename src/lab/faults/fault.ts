/**
 * The fault catalogue's interface. A fault type picks a target that makes sense for it, and plans
 * what happens: how conditions change over time (the simulator turns that into telemetry), the
 * change that caused it if any, the log lines only the faulty component writes, and events.
 */
import type { Change, InfraEvent, LogLevel, RootCauseCategory, Truth } from '../../core/index.js';
import type { Random } from '../random.js';
import type { Index } from '../sim/conditions.js';
import type { ApplyFault } from '../sim/engine.js';
import type { SimResult } from '../sim/state.js';
import type { LabTopology } from '../topology.js';

export interface FaultContext {
  topology: LabTopology;
  index: Index;
  rng: Random;
  /** The variant being planned: one of the type's `variants`, or 'default' when it has none. */
  variant: string;
  /** When the fault starts to hurt users. */
  incidentAt: number;
  /** How long its onset takes to reach full strength (the `gradual` knob lengthens it). */
  rampMs: number;
  windowStart: number;
  windowEnd: number;
  /** The fault-free state of the system at an instant: traffic, pool demand and latency per service. */
  baselineAt(t: number): SimResult;
}

/** A change in the plan's changes; the generator assigns its id (and a version to deploys without one). */
export type PlannedChange = Omit<Change, 'id'>;

export interface StepLogs {
  t: number;
  stepMs: number;
  step: number;
  rng: Random;
  result: SimResult;
  index: Index;
  /** Requests the service served during this step. */
  requests(service: number): number;
  emit(service: number, level: LogLevel, message: string): void;
}

export interface FaultPlan {
  target: string;
  startedAt: number;
  summary: string;
  alsoAcceptable?: Truth['alsoAcceptable'];
  causingChange?: PlannedChange;
  /** Changes that are part of the incident but not its cause (e.g. autoscaler reactions). */
  otherChanges?: PlannedChange[];
  apply: ApplyFault;
  logs?: (s: StepLogs) => void;
  events?: InfraEvent[];
  /** The alert to raise when no alerting rule fires on its own. */
  fallbackAlert: { name: string; service: string; summary: string };
}

export interface FaultType {
  category: RootCauseCategory;
  /** One line for `nightshift lab faults`: what goes wrong. */
  description: string;
  /**
   * One line: what the telemetry shows that tells this fault apart (whose metrics move, which lines
   * appear and from whom). The lab's signature tests hold every generated incident to it.
   */
  signature: string;
  /**
   * Named ways this fault can show (e.g. a cache that fails, evicts or starts cold); the first is
   * the default. Absent when the fault has one way only ('default').
   */
  variants?: readonly string[];
  /** Services this fault can hit in a topology; empty when the topology cannot host it. */
  targets(topology: LabTopology): string[];
  /** Whether the target can show this fault at the incident's hour (e.g. enough pool demand); default yes. */
  viable?(ctx: FaultContext, target: string): boolean;
  plan(ctx: FaultContext, target: string): FaultPlan;
}

/** 0 before `start`, rising linearly to 1 over `rampMs`. */
export function ramp(t: number, start: number, rampMs: number): number {
  if (t < start) return 0;
  if (rampMs <= 0) return 1;
  return Math.min(1, (t - start) / rampMs);
}

/** Emits about `expected` lines (Poisson) of `render()`, at most `cap`. */
export function emitMany(
  s: StepLogs,
  service: number,
  expected: number,
  cap: number,
  level: LogLevel,
  render: () => string,
): void {
  const count = Math.min(cap, s.rng.poisson(expected));
  for (let k = 0; k < count; k++) s.emit(service, level, render());
}

export function indexOf(ctx: { index: Index }, name: string): number {
  const i = ctx.index.byName.get(name);
  if (i === undefined) throw new Error(`fault target ${name} is not in the topology`);
  return i;
}

/** Pod name of a replica, stable per service and replica. */
export function podName(service: string, replica: number): string {
  let h = 2166136261;
  for (let i = 0; i < service.length; i++) h = Math.imul(h ^ service.charCodeAt(i), 16777619);
  const rs = (h >>> 0).toString(36).slice(0, 9).padEnd(9, 'x');
  const suffix = (Math.imul(h, replica + 7) >>> 0).toString(36).slice(0, 5).padEnd(5, 'z');
  return `${service}-${rs}-${suffix}`;
}

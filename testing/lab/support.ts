/**
 * Shared fixtures of the lab's tests: small scenarios, series read from a SimResult, medians over
 * windows (robust to the 1–4 minute benign blips), log lines by pattern, and bundle files compared
 * by content. Not part of the lab's API.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LogRecord, MetricSample, Span } from '../../src/core/index.js';
import { MINUTE_MS } from '../../src/core/index.js';
import { collectTelemetry, type Volume } from '../../src/lab/emit/telemetry.js';
import type { FaultName } from '../../src/lab/faults/catalogue.js';
import type { GenerateOptions } from '../../src/lab/generate.js';
import { buildScenario, type Scenario, type ScenarioOptions } from '../../src/lab/scenario.js';
import type { SeriesField } from '../../src/lab/sim/state.js';

/** Small enough for tests: well under a second per 2 h scenario with telemetry. */
export const SMALL_VOLUME: Volume = { logLinesPerDay: 200_000, spansPerDay: 30_000 };

export const TEST_SCENARIO: Omit<ScenarioOptions, 'fault'> = {
  seed: 1,
  topology: 'shop',
  hours: 2,
  stepSeconds: 30,
  noise: 1,
  redHerrings: 2,
  gradual: false,
};

export function labScenario(fault: FaultName, overrides: Partial<ScenarioOptions> = {}): Scenario {
  return buildScenario({ ...TEST_SCENARIO, fault, ...overrides });
}

export function generateOptions(fault: FaultName, overrides: Partial<GenerateOptions> = {}): GenerateOptions {
  return { ...TEST_SCENARIO, ...SMALL_VOLUME, fault, drop: [], gzip: true, force: false, ...overrides };
}

/** The instant the fault starts to hurt users: the window ends 45 minutes after it (scenario.ts). */
export function incidentAtOf(s: Scenario): number {
  return s.incident.window.end - 45 * MINUTE_MS;
}

export function serviceIndex(s: Scenario, name: string): number {
  const i = s.index.byName.get(name);
  if (i === undefined) throw new Error(`no service ${name} in ${s.topology.name}`);
  return i;
}

/** The step that contains instant `t`, clamped to the window. */
export function stepAt(s: Scenario, t: number): number {
  const k = Math.floor((t - s.result.start) / s.result.stepMs);
  return Math.min(s.result.steps - 1, Math.max(0, k));
}

/** One field of one service over the whole window. */
export function series(s: Scenario, field: SeriesField, service: string | number): number[] {
  const i = typeof service === 'number' ? service : serviceIndex(s, service);
  const r = s.result;
  return Array.from({ length: r.steps }, (_, k) => r.fields[field][k * r.services + i] as number);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median of a field over the steps that start in [fromMs, toMs). */
export function medianBetween(
  s: Scenario,
  field: SeriesField,
  service: string | number,
  fromMs: number,
  toMs: number,
): number {
  const values = series(s, field, service).filter((_, k) => {
    const t = s.result.start + k * s.result.stepMs;
    return t >= fromMs && t < toMs;
  });
  return median(values);
}

/** Median over the hour before the fault began (or what the window holds of it). */
export function medianBefore(s: Scenario, field: SeriesField, service: string | number): number {
  const end = Math.min(s.plan.startedAt, incidentAtOf(s));
  return medianBetween(s, field, service, Math.max(s.result.start, end - 60 * MINUTE_MS), end);
}

/** Median from 10 minutes after the incident (the fault at full strength) to the end of the window. */
export function medianAfter(s: Scenario, field: SeriesField, service: string | number): number {
  return medianBetween(s, field, service, incidentAtOf(s) + 10 * MINUTE_MS, s.incident.window.end);
}

export interface Telemetry {
  metrics: MetricSample[];
  spans: Span[];
  logs: LogRecord[];
}

/** A scenario with what a signature check needs about it; telemetry is made on first use. */
export interface Observation {
  s: Scenario;
  root: string;
  incidentAt: number;
  /** When the fault began, clamped to the window. */
  startedAt: number;
  telemetry(): Telemetry;
}

export function observe(fault: FaultName, overrides: Partial<ScenarioOptions> = {}): Observation {
  const s = labScenario(fault, overrides);
  let telemetry: Telemetry | undefined;
  return {
    s,
    root: s.truth.rootCause.service,
    incidentAt: incidentAtOf(s),
    startedAt: Math.max(s.result.start, s.plan.startedAt),
    telemetry: () => {
      telemetry ??= collectTelemetry(s, SMALL_VOLUME);
      return telemetry;
    },
  };
}

/** Log lines matching `pattern`: how many before and after `at`, and which services wrote them. */
export function logLines(logs: readonly LogRecord[], pattern: RegExp, at: number) {
  const lines = logs.filter((l) => pattern.test(l.message));
  return {
    lines,
    before: lines.filter((l) => l.ts < at).length,
    after: lines.filter((l) => l.ts >= at).length,
    services: [...new Set(lines.map((l) => l.service))].sort(),
  };
}

/** A signature check over one scenario, and the runs (topology and seed) it holds for. */
export interface SignatureCase {
  fault: FaultName;
  /** The fault's variant; its default when absent. */
  variant?: string;
  signature: string;
  /** Topology (shop, mini or gen-<seed>) and seed. */
  runs: ReadonlyArray<readonly [string, number]>;
  /** Window length when the default (2 h) is too short to show the fault. */
  hours?: number;
  check(o: Observation): void;
}

/** Two seeds on the larger topology and one on the smaller. */
export const SIGNATURE_RUNS: SignatureCase['runs'] = [
  ['shop', 1],
  ['shop', 2],
  ['mini', 1],
];

/**
 * Signature checks simulate one-minute steps: the simulator's rates are per millisecond, so what a
 * fault does and where it shows does not depend on the step, and the callers' symptom lines (capped
 * per step) halve, which keeps the signature tests under 20 s on two cores.
 */
export const SIGNATURE_STEP_SECONDS = 60;

/** One row per fault × run, for `test.each`. */
export function signatureRows(cases: readonly SignatureCase[]) {
  return cases.flatMap((c) =>
    c.runs.map(([topology, seed]) => ({
      name: `${c.fault}${c.variant ? `/${c.variant}` : ''} on ${topology} seed ${seed}: ${c.signature}`,
      run: () =>
        c.check(
          observe(c.fault, {
            topology,
            seed,
            ...(c.variant ? { variant: c.variant } : {}),
            stepSeconds: SIGNATURE_STEP_SECONDS,
            ...(c.hours ? { hours: c.hours } : {}),
          }),
        ),
    })),
  );
}

/** A fresh folder under the OS temp dir; remove it with `removeDir`. */
export function makeTempRoot(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `nightshift-${label}-`));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/**
 * sha256 of every file in `dir`, by name. With `gunzip`, gzip files are hashed decompressed and
 * named without `.gz` (gzip headers may differ while the content is the same).
 */
export async function fileDigests(
  dir: string,
  options: { gunzip: boolean },
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    const raw = await readFile(join(dir, name));
    const gz = options.gunzip && name.endsWith('.gz');
    const content = gz ? gunzipSync(raw) : raw;
    out[gz ? name.slice(0, -3) : name] = createHash('sha256').update(content).digest('hex');
  }
  return out;
}

/** sha256 of a value's JSON, to compare large record arrays without a huge diff on failure. */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

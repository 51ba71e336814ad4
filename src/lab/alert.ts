/**
 * Which alert fires for a simulated incident. The lab evaluates alerting rules a team would have
 * (error ratio, p99 latency, queue depth, disk, crash loops) over the simulated metrics, each with
 * a `for` duration, and takes the earliest that fires after the fault began. Edge SLO alerts often
 * fire a little later on the gateway, and teams page on those, so the gateway's alert wins half the
 * time when it fires soon after the first: the alerting service is often not the root cause.
 */
import type { Alert } from '../core/index.js';
import { MINUTE_MS } from '../core/index.js';
import type { Random } from './random.js';
import type { Index } from './sim/conditions.js';
import { at, type SeriesField, type SimResult } from './sim/state.js';

interface Rule {
  name: string;
  roles: ReadonlyArray<string>;
  /** The rule's signal at step k for service i. */
  signal(result: SimResult, i: number, k: number): number;
  /** Whether the signal breaches, given its pre-incident median. */
  breached(value: number, baseline: number): boolean;
  severity: Alert['severity'];
  summary(service: string, value: number): string;
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const APP = ['edge', 'web', 'app', 'worker', 'db-proxy', 'database', 'cache', 'queue'];
const field = (f: SeriesField) => (r: SimResult, i: number, k: number) => at(r, f, k, i);
const RESTART_LOOKBACK_STEPS_MS = 15 * MINUTE_MS;

const RULES: Rule[] = [
  {
    name: 'HighErrorRate',
    roles: APP,
    signal: field('errorRatio'),
    breached: (v, b) => v > Math.max(0.05, 5 * b),
    severity: 'critical',
    summary: (s, v) => `${s}: ${percent(v)} of requests failing (threshold 5%) for 5 minutes`,
  },
  {
    name: 'HighLatencyP99',
    roles: APP,
    signal: field('p99'),
    breached: (v, b) => v > Math.max(1000, 3 * b),
    severity: 'critical',
    summary: (s, v) => `${s}: p99 latency ${Math.round(v)} ms for 5 minutes`,
  },
  {
    name: 'QueueDepthHigh',
    roles: ['queue'],
    signal: field('queueDepth'),
    breached: (v) => v > 5000,
    severity: 'warning',
    summary: (s, v) => `${s}: ${Math.round(v)} messages waiting`,
  },
  {
    name: 'DiskSpaceLow',
    roles: ['database', 'queue'],
    signal: field('disk'),
    breached: (v) => v > 0.95,
    severity: 'warning',
    summary: (s, v) => `${s}: volume ${percent(v)} full`,
  },
  {
    name: 'KubePodCrashLooping',
    roles: ['web', 'app', 'worker', 'edge', 'db-proxy'],
    signal: (r, i, k) => {
      const back = Math.max(0, k - Math.round(RESTART_LOOKBACK_STEPS_MS / r.stepMs));
      return at(r, 'restarts', k, i) - at(r, 'restarts', back, i);
    },
    breached: (v) => v >= 2,
    severity: 'warning',
    summary: (s, v) => `${s}: ${v} container restarts in 15 minutes`,
  },
];

const FOR_MS = 5 * MINUTE_MS;

export interface Firing {
  name: string;
  service: number;
  firedAt: number;
  value: number;
  severity: Alert['severity'];
  summary: string;
}

/** Every rule that fires after `from`, earliest first. */
export function evaluateRules(result: SimResult, index: Index, from: number): Firing[] {
  const firings: Firing[] = [];
  const fromStep = Math.max(0, Math.floor((from - result.start) / result.stepMs));
  const baselineFrom = Math.max(0, fromStep - Math.round((120 * MINUTE_MS) / result.stepMs));
  const needed = Math.max(1, Math.round(FOR_MS / result.stepMs));
  index.services.forEach((s, i) => {
    for (const rule of RULES) {
      if (!rule.roles.includes(s.role)) continue;
      const base = median(baselineFrom, fromStep, (k) => rule.signal(result, i, k));
      let run = 0;
      for (let k = fromStep; k < result.steps; k++) {
        // A service with no ready pod exports no metrics: its alerts go quiet, as in Prometheus.
        const down = result.down[k * result.services + i] === 1 && rule.name !== 'KubePodCrashLooping';
        const v = rule.signal(result, i, k);
        run = !down && rule.breached(v, base) ? run + 1 : 0;
        if (run >= needed) {
          firings.push({
            name: rule.name,
            service: i,
            firedAt: result.start + k * result.stepMs,
            value: v,
            severity: rule.severity,
            summary: rule.summary(s.name, v),
          });
          break;
        }
      }
    }
  });
  return firings.sort((a, b) => a.firedAt - b.firedAt || a.service - b.service);
}

/** Picks the alert that pages: the earliest, or the gateway's when it follows within ten minutes (half the time). */
export function pickFiring(firings: readonly Firing[], entry: number, rng: Random): Firing | undefined {
  const first = firings[0];
  if (!first) return undefined;
  const gateway = firings.find((f) => f.service === entry && f.firedAt - first.firedAt <= 10 * MINUTE_MS);
  if (gateway && gateway !== first && rng.chance(0.5)) return gateway;
  const close = firings.filter((f) => f.firedAt - first.firedAt <= 2 * MINUTE_MS);
  return rng.pick(close);
}

function median(from: number, to: number, value: (k: number) => number): number {
  const values: number[] = [];
  for (let k = from; k < to; k++) values.push(value(k));
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? 0;
}

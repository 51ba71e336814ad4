/**
 * Benign blips: the short, harmless anomalies every production system shows (a slow GC, a noisy
 * neighbour, a brief burst of 5xx during a node drain). They make a naive "anything anomalous is
 * the cause" analysis wrong, and red-herring blips land close to the incident on purpose.
 */
import { MINUTE_MS } from '../../core/index.js';
import type { Random } from '../random.js';
import type { Conditions, Index } from './conditions.js';

export type BlipKind = 'latency' | 'errors' | 'cpu';

export interface Blip {
  service: number;
  start: number;
  endMs: number;
  kind: BlipKind;
  magnitude: number;
}

export interface BlipOptions {
  start: number;
  end: number;
  /** Blips per service per day at noise 1. */
  perServicePerDay: number;
  noise: number;
  /** Extra blips placed 5–40 minutes before `incidentAt` on services other than `exclude`. */
  nearIncident: number;
  incidentAt: number;
  exclude: number;
}

export function planBlips(index: Index, rng: Random, o: BlipOptions): Blip[] {
  const blips: Blip[] = [];
  const candidates = index.services.map((_, i) => i).filter((i) => index.services[i]?.role !== 'external');
  const days = (o.end - o.start) / (24 * 60 * MINUTE_MS);
  for (const service of candidates) {
    const count = rng.poisson(o.perServicePerDay * days * o.noise);
    for (let k = 0; k < count; k++) blips.push(makeBlip(rng, service, rng.float(o.start, o.end)));
  }
  const others = candidates.filter((i) => i !== o.exclude);
  for (let k = 0; k < o.nearIncident; k++) {
    const at = o.incidentAt - rng.float(5, 40) * MINUTE_MS;
    blips.push(makeBlip(rng, rng.pick(others), at));
  }
  return blips.sort((a, b) => a.start - b.start);
}

function makeBlip(rng: Random, service: number, start: number): Blip {
  const kind = rng.weighted<BlipKind>(['latency', 'errors', 'cpu'], [0.5, 0.3, 0.2]);
  const magnitude =
    kind === 'latency'
      ? rng.float(1.8, 4)
      : kind === 'errors'
        ? rng.float(0.01, 0.05)
        : rng.float(0.15, 0.35);
  return { service, start, endMs: start + rng.float(1, 4) * MINUTE_MS, kind, magnitude };
}

export function applyBlips(blips: readonly Blip[], t: number, c: Conditions): void {
  for (const b of blips) {
    if (b.start > t) break;
    if (t >= b.endMs) continue;
    if (b.kind === 'latency')
      c.selfLatencyFactor[b.service] = (c.selfLatencyFactor[b.service] ?? 1) * b.magnitude;
    else if (b.kind === 'errors') c.selfErrorAdd[b.service] = (c.selfErrorAdd[b.service] ?? 0) + b.magnitude;
    else c.cpuAdd[b.service] = (c.cpuAdd[b.service] ?? 0) + b.magnitude;
  }
}

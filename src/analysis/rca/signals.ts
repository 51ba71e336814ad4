/**
 * Per-service signals from the evidence, each 0..1, and the evidence items behind them. A caller's
 * error line that names another service ("call to payments failed …") is evidence about the
 * service it names more than about the caller, so log patterns are split into own and pointed.
 */
import { squash } from './combine.js';
import type { EventShift, LogShift, MetricShift, RcaInput } from './evidence.js';
import { isBadDirection, type MetricTag, meaningOf } from './semantics.js';
import { addLogs } from './signals-logs.js';

export { mentionedServices } from './signals-logs.js';

export interface SignalItem {
  kind:
    | 'metric'
    | 'silence'
    | 'log'
    | 'log_pointer'
    | 'edge'
    | 'trace_origin'
    | 'trace_latency'
    | 'event'
    | 'traffic'
    | 'change';
  summary: string;
  strength: number;
}

export interface ServiceSignals {
  service: string;
  metric: number;
  /** Strongest shift per metric tag, in the bad direction. */
  tags: Partial<Record<MetricTag, { strength: number; shift: MetricShift }>>;
  silence: number;
  logs: number;
  pointed: number;
  /**
   * Per caller, how surely its calls to this service fail on the wire (reset, socket timeout, no
   * such host, TLS): the caller's own errors are then this edge's, not its code's.
   */
  wireFrom: Map<string, number>;
  /** Its callers' calls to it got slower or failed more (edge metrics labelled `to`). */
  edgePointed: number;
  traceOrigin: number;
  traceLatency: number;
  events: number;
  /** Traffic growth: 0 when flat, towards 1 when several-fold. */
  trafficUp: number;
  /** Traffic loss: 0 when flat, 1 when requests stopped arriving. */
  trafficDown: number;
  eventReasons: EventShift[];
  logShifts: LogShift[];
  pointers: LogShift[];
  items: SignalItem[];
}

/** A robust shift score of 6 (six robust deviations) reads as half-sure. */
const METRIC_HALF = 6;
/** A metric beyond its noise for at least this share of the incident window counts in full. */
const HELD_SHARE = 0.3;
/** What a blip (beyond the noise only briefly) keeps of its strength. */
const BLIP_WEIGHT = 0.4;
const SATURABLE = new Set<MetricTag>(['cpu', 'memory', 'disk', 'pool']);
const RELATIVE_TAGS = new Set<MetricTag>(['memory']);
/** A level that moved by 10% of itself reads as half-sure. */
const RELATIVE_HALF = 0.1;
/** Utilisation below this is headroom; at `FULL_AT` and above the resource is full. */
const FULL_FROM = 0.7;
const FULL_AT = 0.95;
/** Tags of call metrics that speak about the callee when labelled with one. */
const EDGE_TAGS = new Set<MetricTag>(['errors', 'latency', 'network']);
/** Traffic at 1.8× its baseline reads as half-sure of a surge. */
const TRAFFIC_HALF = 0.8;

export function emptySignals(service: string): ServiceSignals {
  return {
    service,
    metric: 0,
    tags: {},
    silence: 0,
    logs: 0,
    pointed: 0,
    edgePointed: 0,
    wireFrom: new Map(),
    traceOrigin: 0,
    traceLatency: 0,
    events: 0,
    trafficUp: 0,
    trafficDown: 0,
    eventReasons: [],
    logShifts: [],
    pointers: [],
    items: [],
  };
}

export function collectSignals(input: RcaInput): Map<string, ServiceSignals> {
  const out = new Map<string, ServiceSignals>();
  const get = (service: string) => {
    let s = out.get(service);
    if (!s) {
      s = emptySignals(service);
      out.set(service, s);
    }
    return s;
  };
  for (const service of input.services) get(service);
  addMetrics(input, get);
  for (const silence of input.silences) {
    const s = get(silence.service);
    s.silence = 1;
    s.items.push({
      kind: 'silence',
      summary: `${silence.service} stopped reporting metrics (${silence.seriesBefore} series before, ${silence.seriesDuring} during)`,
      strength: 1,
    });
  }
  addLogs(input, get);
  for (const o of input.traceOrigins) {
    if (o.traces < 3) continue;
    const s = get(o.service);
    s.traceOrigin = Math.max(s.traceOrigin, o.share);
    s.items.push({
      kind: 'trace_origin',
      summary: `errors start at ${o.service} in ${Math.round(o.share * 100)}% of failing traces (${o.traces})`,
      strength: o.share,
    });
  }
  for (const l of input.traceLatency) {
    if (l.ratioP50 < 1.5 || l.shiftP95Ms <= 0) continue;
    const strength = squash(l.shiftP95Ms, 200) * squash(l.ratioP50 - 1, 1);
    const s = get(l.service);
    s.traceLatency = Math.max(s.traceLatency, strength);
    s.items.push({
      kind: 'trace_latency',
      summary: `${l.service}'s own time in traces grew ${l.ratioP50.toFixed(1)}× (p95 +${Math.round(l.shiftP95Ms)} ms)`,
      strength,
    });
  }
  for (const e of input.events) {
    // With nothing to expect (a reason a healthy service never shows), every kill in the two
    // windows counts: the fault may have begun before the baseline did.
    const excess =
      e.baselineCount === 0
        ? Math.max(e.incidentCount, e.windowCount ?? 0)
        : e.incidentCount - e.baselineCount;
    if (excess <= 0) continue;
    const strength = squash(excess, 2);
    const s = get(e.service);
    s.events = Math.max(s.events, strength);
    s.eventReasons.push(e);
    s.items.push({
      kind: 'event',
      summary: `${e.incidentCount}× ${e.reason} on ${e.service}${excess > e.incidentCount ? ` (${excess} since the baseline began)` : ''}: ${e.message}`,
      strength,
    });
  }
  return out;
}

function addMetrics(input: RcaInput, get: (service: string) => ServiceSignals): void {
  for (const shift of input.metrics) {
    const meaning = meaningOf(shift.metric);
    const s = get(shift.service);
    if (meaning.tag === 'traffic' && shift.direction === 'up' && shift.baselineMedian > 0) {
      const up = squash(shift.incidentMedian / shift.baselineMedian - 1, TRAFFIC_HALF);
      if (up > s.trafficUp) s.trafficUp = up;
    }
    if (meaning.tag === 'traffic' && shift.direction === 'down' && shift.baselineMedian > 0) {
      const down = Math.min(1, Math.max(0, 1 - shift.incidentMedian / shift.baselineMedian));
      if (down > s.trafficDown) s.trafficDown = down;
    }
    const atLimit = SATURABLE.has(meaning.tag) ? pinnedStrength(shift, meaning.weight) : 0;
    if (!isBadDirection(meaning, shift.direction)) {
      // A resource at its limit is trouble whichever way its median moved: memory that dropped
      // after an OOM kill was at its limit before it.
      if (atLimit > (s.tags[meaning.tag]?.strength ?? 0)) s.tags[meaning.tag] = { strength: atLimit, shift };
      continue;
    }
    const callee = shift.labels.to;
    if (callee !== undefined && callee !== shift.service && EDGE_TAGS.has(meaning.tag)) {
      addEdge(shift, callee, get);
      continue;
    }
    // A shift that holds through the incident says more than a blip that came and went.
    const held = Math.min(1, (shift.departedShare ?? 1) / HELD_SHARE);
    let strength =
      squash(shift.score, METRIC_HALF) * meaning.weight * (BLIP_WEIGHT + (1 - BLIP_WEIGHT) * held);
    // A level with no capacity to compare with (bytes of memory) matters by how much it moved:
    // a 3% drift is many deviations on a smooth series, and no incident.
    if (shift.utilization === undefined && RELATIVE_TAGS.has(meaning.tag) && shift.baselineMedian !== 0) {
      const moved = Math.abs(shift.incidentMedian / shift.baselineMedian - 1);
      strength *= squash(moved, RELATIVE_HALF);
    }
    // A resource with a capacity matters by how full it is: a pool going from 2 to 3 of 20
    // connections is a big relative shift and no problem; a disk creeping from 89% to 95% is a
    // small shift and the whole problem.
    if (shift.utilization !== undefined && SATURABLE.has(meaning.tag) && shift.direction === 'up') {
      const full = Math.min(1, Math.max(0, (shift.utilization - FULL_FROM) / (FULL_AT - FULL_FROM)));
      strength = Math.max(strength * (0.3 + 0.7 * full), meaning.weight * full);
    }
    strength = Math.max(strength, atLimit);
    const current = s.tags[meaning.tag];
    if (!current || strength > current.strength) s.tags[meaning.tag] = { strength, shift };
  }
  for (const s of input.services.map(get)) {
    const tags = Object.entries(s.tags) as Array<[MetricTag, { strength: number; shift: MetricShift }]>;
    let miss = 1;
    for (const [tag, { strength, shift }] of tags) {
      // A queue's depth is its consumer's symptom, not the queue's fault: see graph.ts.
      if (tag === 'queue') continue;
      miss *= 1 - strength;
      s.items.push({ kind: 'metric', summary: describeShift(shift), strength });
    }
    s.metric = 1 - miss;
  }
}

/** A resource at its limit for this share of the two windows counts in full. */
const PINNED_SHARE = 0.2;

/**
 * How much a resource pinned at its limit says, with or without a clean baseline: OOM-killing
 * memory, a full disk, every pooled connection out. Absolute, so a fault already under way when
 * the window opened (no departure from a "before") still counts.
 */
function pinnedStrength(shift: MetricShift, weight: number): number {
  return weight * Math.min(1, (shift.atLimitShare ?? 0) / PINNED_SHARE);
}

/**
 * A call metric labelled with its callee (`to`): the calls from `shift.service` to `callee` got
 * slower or failed more. That is evidence about the callee (or the wire to it), as a caller's log
 * line naming a dependency is, not about the caller.
 */
function addEdge(shift: MetricShift, callee: string, get: (service: string) => ServiceSignals): void {
  const meaning = meaningOf(shift.metric);
  const held = Math.min(1, (shift.departedShare ?? 1) / HELD_SHARE);
  const strength =
    squash(shift.score, METRIC_HALF) *
    (BLIP_WEIGHT + (1 - BLIP_WEIGHT) * held) *
    (meaning.tag === 'errors' ? 1 : 0.9);
  const t = get(callee);
  t.edgePointed = 1 - (1 - t.edgePointed) * (1 - strength * 0.6);
  t.items.push({ kind: 'edge', summary: `calls from ${describeShift(shift)}`, strength });
}

export function describeShift(s: MetricShift): string {
  const fmt = (v: number) =>
    Math.abs(v) >= 100 ? Math.round(v).toString() : Number(v.toPrecision(3)).toString();
  const labels = Object.entries(s.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pinned = s.atLimitShare ? `, at its limit ${Math.round(s.atLimitShare * 100)}% of the time` : '';
  return `${s.service} ${s.metric}${labels ? `{${labels}}` : ''} ${s.direction} from ${fmt(s.baselineMedian)} to ${fmt(s.incidentMedian)} (peak ${fmt(s.incidentPeak)}, ${s.utilization === undefined ? `score ${s.score.toFixed(1)}` : `${Math.round(s.utilization * 100)}% full`}${pinned})`;
}

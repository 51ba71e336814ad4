/**
 * Per-service signals from the evidence, each 0..1, and the evidence items behind them. A caller's
 * error line that names another service ("call to payments failed …") is evidence about the
 * service it names more than about the caller, so log patterns are split into own and pointed.
 */
import { squash } from './combine.js';
import type { EventShift, LogShift, MetricShift, RcaInput } from './evidence.js';
import { isBadDirection, type MetricTag, meaningOf } from './semantics.js';

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
/** A log pattern rise with p ≈ 1e-6 reads as half-sure. */
const LOG_HALF = 6;
/** Traffic at 1.8× its baseline reads as half-sure of a surge. */
const TRAFFIC_HALF = 0.8;
const ERRORISH = new Set(['error', 'fatal', 'warn']);
/** A pattern points at a service when at least this share of its lines name it. */
const MENTION_SHARE = 0.3;

export function emptySignals(service: string): ServiceSignals {
  return {
    service,
    metric: 0,
    tags: {},
    silence: 0,
    logs: 0,
    pointed: 0,
    edgePointed: 0,
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
    const excess = e.incidentCount - e.baselineCount;
    if (excess <= 0) continue;
    const strength = squash(excess, 2);
    const s = get(e.service);
    s.events = Math.max(s.events, strength);
    s.eventReasons.push(e);
    s.items.push({
      kind: 'event',
      summary: `${e.incidentCount}× ${e.reason} on ${e.service}: ${e.message}`,
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
    if (!isBadDirection(meaning, shift.direction)) continue;
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

function addLogs(input: RcaInput, get: (service: string) => ServiceSignals): void {
  const names = [...input.services].sort((a, b) => b.length - a.length);
  // A caller's lines point at a dependency in proportion to how much of its trouble they are: a
  // few failed calls beside thousands of its own exceptions say little about the dependency.
  const errorLines = new Map<string, number>();
  for (const shift of input.logs) {
    if (ERRORISH.has(shift.level))
      errorLines.set(shift.service, (errorLines.get(shift.service) ?? 0) + shift.incidentCount);
  }
  for (const shift of input.logs) {
    if (!ERRORISH.has(shift.level)) continue;
    const strength = squash(shift.significance, LOG_HALF);
    const share = shift.incidentCount / Math.max(1, errorLines.get(shift.service) ?? 0);
    const named = (
      shift.mentions
        ? Object.entries(shift.mentions)
            .filter(([, share]) => share >= MENTION_SHARE)
            .map(([name]) => name)
        : mentionedServices(shift.template, names)
    ).filter((n) => n !== shift.service);
    const own = get(shift.service);
    if (named.length === 0) {
      own.logShifts.push(shift);
      own.logs = 1 - (1 - own.logs) * (1 - strength * 0.6);
      own.items.push({
        kind: 'log',
        summary: `${shift.kind} ${shift.level} pattern on ${shift.service} (${shift.baselineCount} → ${shift.incidentCount}): ${shift.template}`,
        strength,
      });
      continue;
    }
    for (const target of named) {
      const t = get(target);
      t.pointers.push(shift);
      const pointing = strength * Math.min(1, 2 * share);
      t.pointed = 1 - (1 - t.pointed) * (1 - pointing * 0.6);
      t.items.push({
        kind: 'log_pointer',
        summary: `${shift.service} logs failures naming ${target} (${shift.baselineCount} → ${shift.incidentCount}): ${shift.template}`,
        strength: pointing,
      });
    }
    // The caller still failed: a weaker signal on it.
    own.logs = 1 - (1 - own.logs) * (1 - strength * 0.15);
  }
}

/** Service names that appear as whole words in a log template. */
export function mentionedServices(text: string, namesLongestFirst: readonly string[]): string[] {
  const found: string[] = [];
  let rest = text;
  for (const name of namesLongestFirst) {
    const at = findWord(rest, name);
    if (at < 0) continue;
    found.push(name);
    rest = `${rest.slice(0, at)}${' '.repeat(name.length)}${rest.slice(at + name.length)}`;
  }
  return found;
}

function findWord(text: string, word: string): number {
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return -1;
    const before = at === 0 ? ' ' : (text[at - 1] as string);
    const after = at + word.length >= text.length ? ' ' : (text[at + word.length] as string);
    if (!/[A-Za-z0-9_-]/.test(before) && !/[A-Za-z0-9_-]/.test(after)) return at;
    from = at + 1;
  }
}

export function describeShift(s: MetricShift): string {
  const fmt = (v: number) =>
    Math.abs(v) >= 100 ? Math.round(v).toString() : Number(v.toPrecision(3)).toString();
  const labels = Object.entries(s.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${s.service} ${s.metric}${labels ? `{${labels}}` : ''} ${s.direction} from ${fmt(s.baselineMedian)} to ${fmt(s.incidentMedian)} (peak ${fmt(s.incidentPeak)}, ${s.utilization === undefined ? `score ${s.score.toFixed(1)}` : `${Math.round(s.utilization * 100)}% full`})`;
}

/**
 * Uses the dependency graph to tell causes from victims. A service that is anomalous while one of
 * its dependencies is at least about as anomalous is probably waiting on that dependency; a
 * service whose traffic grew is probably busy because its callers sent more. Each explanation
 * lowers a service's score in proportion to the explaining evidence, so blame moves down the
 * graph to the deepest anomalous dependency, or up to where extra traffic entered (at the entry,
 * or at a cache whose misses fell through to the database).
 */
import { noisyOr } from './combine.js';
import type { RcaInput } from './evidence.js';
import type { ServiceSignals } from './signals.js';

export interface GraphScore {
  service: string;
  /** Evidence on the service itself, before the graph. */
  raw: number;
  /** After victims are explained by their dependencies and load by its source. */
  score: number;
  explainedBy: string | undefined;
  /** The entry's traffic grew several-fold with nothing upstream of it. */
  surge: boolean;
}

/** How much a fully anomalous dependency lowers its caller's score. */
const DEPENDENCY_EXPLAINS = 0.65;
/** A dependency explaining at least this much is named as what its caller may be waiting on. */
const NAMED_EXPLAINS = 0.4;
/** Trouble one hop further down explains this much less. */
const TRANSITIVE_DECAY = 0.8;
/** How much load growth explains a service's anomalies. */
const LOAD_EXPLAINS = 0.6;
/** The entry's traffic must be at least this sure a surge to count as one. */
const SURGE = 0.5;

export function rawScore(s: ServiceSignals): number {
  return noisyOr([...ownEvidence(s), ...outsideEvidence(s)]);
}

/** What the service's own telemetry says about it. */
function ownEvidence(s: ServiceSignals): number[] {
  return [0.9 * s.metric, 0.7 * s.logs, 0.5 * s.traceLatency];
}

/** What others, the platform and the traces say about it. */
function outsideEvidence(s: ServiceSignals): number[] {
  return [s.silence, 0.8 * s.pointed, 0.8 * s.edgePointed, 0.8 * s.traceOrigin, 0.8 * s.events];
}

/**
 * How well a dependency's trouble explains its callers'. A dependency whose requests dried up
 * may be waiting for its callers rather than making them wait, so its own telemetry counts less
 * in proportion to the traffic it lost; what its callers, the traces and the platform say about it
 * keeps its weight.
 */
function explainingScore(s: ServiceSignals): number {
  const kept = 1 - s.trafficDown;
  return noisyOr([...ownEvidence(s).map((p) => p * kept), ...outsideEvidence(s)]);
}

export function applyGraph(input: RcaInput, signals: Map<string, ServiceSignals>): GraphScore[] {
  const callers = new Map<string, string[]>();
  for (const [service, deps] of input.dependsOn) {
    for (const d of deps) callers.set(d, [...(callers.get(d) ?? []), service]);
  }
  creditQueueConsumers(signals, callers);

  const raw = new Map<string, number>();
  for (const [service, s] of signals) raw.set(service, rawScore(s));
  const entries = [...signals.keys()].filter(
    (s) => (callers.get(s) ?? []).length === 0 && (input.dependsOn.get(s) ?? []).length > 0,
  );
  const surging = entries.filter((e) => (signals.get(e)?.trafficUp ?? 0) >= SURGE);
  const surge = Math.max(0, ...surging.map((e) => signals.get(e)?.trafficUp ?? 0));

  const cacheMisses = missLoad(input, signals, callers);

  // A dependency explains with its own trouble or, a little less, with trouble further down:
  // a caller two hops above a failing service is waiting on it through a healthy middle.
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const explaining = (service: string): number => {
    const known = memo.get(service);
    if (known !== undefined) return known;
    if (visiting.has(service)) return 0; // a cycle in the call graph
    visiting.add(service);
    const s = signals.get(service);
    let best = s ? explainingScore(s) : 0;
    for (const d of input.dependsOn.get(service) ?? [])
      best = Math.max(best, TRANSITIVE_DECAY * explaining(d));
    visiting.delete(service);
    memo.set(service, best);
    return best;
  };

  const out: GraphScore[] = [];
  for (const [service, s] of signals) {
    const own = raw.get(service) ?? 0;
    let explainedBy: string | undefined;
    let explained = 0;
    for (const d of input.dependsOn.get(service) ?? []) {
      const dep = explaining(d);
      // A dependency explains its caller only when it is itself about as anomalous, and a
      // dependency less anomalous than its caller explains it in proportion: a blip below a
      // service that is failing outright does not make it a victim.
      const byScore = dep >= 0.5 * own ? dep * Math.min(1, dep / Math.max(own, 1e-9)) : 0;
      // A caller whose calls to the dependency fail on the wire is failing because of that edge,
      // however quiet the dependency's own telemetry (it may never have seen the calls).
      const e = Math.max(byScore, signals.get(d)?.wireFrom.get(service) ?? 0);
      if (e > explained) {
        explained = e;
        // Named as what the service waits on only when it explains much of its trouble.
        explainedBy = e >= NAMED_EXPLAINS ? d : undefined;
      }
    }
    let score = own * (1 - DEPENDENCY_EXPLAINS * explained);
    const isSurgeEntry = surging.includes(service);
    // The entry a surge came through is not waiting on its dependencies: they slowed because of it.
    if (isSurgeEntry) {
      score = noisyOr([own, s.trafficUp]);
      explainedBy = undefined;
    } else if (surge > 0) {
      const load = LOAD_EXPLAINS * surge * Math.max(s.trafficUp, 0.5);
      if (load > 0) {
        score *= 1 - load;
        explainedBy ??= surging[0];
      }
    }
    const miss = cacheMisses.get(service);
    if (miss && miss.strength > 0) {
      score *= 1 - LOAD_EXPLAINS * miss.strength;
      explainedBy ??= miss.cache;
    }
    out.push({ service, raw: own, score, explainedBy, surge: isSurgeEntry });
  }
  return out.sort((a, b) => b.score - a.score || a.service.localeCompare(b.service));
}

/**
 * A growing queue is the symptom of its consumers: services that depend on the queue and that
 * nothing calls (they pull work rather than serve requests). Their signals take the queue's depth.
 */
function creditQueueConsumers(signals: Map<string, ServiceSignals>, callers: Map<string, string[]>): void {
  for (const [queue, s] of signals) {
    const depth = s.tags.queue;
    if (!depth) continue;
    const consumers = (callers.get(queue) ?? []).filter((c) => (callers.get(c) ?? []).length === 0);
    for (const c of consumers) {
      const consumer = signals.get(c);
      if (!consumer) continue;
      consumer.metric = noisyOr([consumer.metric, depth.strength]);
      consumer.tags.queue = depth;
      consumer.items.push({
        kind: 'metric',
        summary: `backlog behind ${c}: ${queue} depth ${Math.round(depth.shift.baselineMedian)} → ${Math.round(depth.shift.incidentMedian)}`,
        strength: depth.strength,
      });
    }
  }
}

/**
 * How surely a cache stopped serving hits: its hit ratio fell, or (for a component the topology
 * calls a cache) it stopped answering at all: silent, or its callers and traces say calls to it fail.
 */
function cacheOutage(s: ServiceSignals, kind: string | undefined): number {
  const hits = s.tags.cache?.strength ?? 0;
  if (kind !== 'cache') return hits;
  return Math.max(hits, s.silence, s.pointed, s.traceOrigin);
}

/**
 * A cache that stopped serving hits sends its callers' reads to their backing store: services
 * that the cache's callers depend on (directly or further down) and whose load grew, or that are
 * databases, are busy because of the misses. Returns the explaining cache and its strength.
 */
function missLoad(
  input: RcaInput,
  signals: Map<string, ServiceSignals>,
  callers: Map<string, string[]>,
): Map<string, { cache: string; strength: number }> {
  const out = new Map<string, { cache: string; strength: number }>();
  for (const [cache, s] of signals) {
    const strength = cacheOutage(s, input.kinds.get(cache));
    if (strength < 0.5) continue;
    const below = new Set<string>();
    const queue = (callers.get(cache) ?? []).flatMap((c) => input.dependsOn.get(c) ?? []);
    while (queue.length > 0) {
      const d = queue.pop() as string;
      if (d === cache || below.has(d)) continue;
      below.add(d);
      queue.push(...(input.dependsOn.get(d) ?? []));
    }
    for (const d of below) {
      const loaded = (signals.get(d)?.trafficUp ?? 0) >= 0.1 || input.kinds.get(d) === 'database';
      if (loaded && strength > (out.get(d)?.strength ?? 0)) out.set(d, { cache, strength });
    }
  }
  return out;
}

/**
 * Uses the dependency graph to tell causes from victims. A service that is anomalous while one of
 * its dependencies is at least about as anomalous is probably waiting on that dependency; a
 * service whose traffic grew is probably busy because its callers sent more. Each explanation
 * lowers a service's score in proportion to the explaining evidence, so blame moves down the
 * graph to the deepest anomalous dependency, or up to where extra traffic entered.
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
/** How much load growth explains a service's anomalies. */
const LOAD_EXPLAINS = 0.6;
/** The entry's traffic must be at least this sure a surge to count as one. */
const SURGE = 0.5;

export function rawScore(s: ServiceSignals): number {
  return noisyOr([
    0.9 * s.metric,
    s.silence,
    0.7 * s.logs,
    0.8 * s.pointed,
    0.8 * s.traceOrigin,
    0.5 * s.traceLatency,
    0.8 * s.events,
  ]);
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

  const out: GraphScore[] = [];
  for (const [service, s] of signals) {
    const own = raw.get(service) ?? 0;
    let explainedBy: string | undefined;
    let explained = 0;
    for (const d of input.dependsOn.get(service) ?? []) {
      const dep = raw.get(d) ?? 0;
      // A dependency explains its caller only when it is itself about as anomalous.
      const e = dep >= 0.5 * own ? dep : 0;
      if (e > explained) {
        explained = e;
        explainedBy = d;
      }
    }
    let score = own * (1 - DEPENDENCY_EXPLAINS * explained);
    const isSurgeEntry = surging.includes(service);
    if (isSurgeEntry) score = noisyOr([score, s.trafficUp]);
    else if (surge > 0) {
      const load = LOAD_EXPLAINS * surge * Math.max(s.trafficUp, 0.5);
      if (load > 0) {
        score *= 1 - load;
        explainedBy ??= surging[0];
      }
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

/**
 * The likely category of a suspect, from the kind of evidence on it. Rules go from the most
 * specific signature to the most general, the way an engineer reads a dashboard: a component that
 * is down, killed for memory, out of disk or with an expired certificate says so plainly; a
 * saturated pool, cache or queue next; a change right before the onset explains a plain error or
 * latency regression; a bare regression without one is a code error.
 */
import type { RootCauseCategory } from '../../core/index.js';
import type { RankedChange } from '../changes/index.js';
import type { ServiceSignals } from './signals.js';

export interface CategoryContext {
  signals: ServiceSignals;
  kind: string | undefined;
  surge: boolean;
  /** The best-ranked change on this service, if any made the cut. */
  change: RankedChange | undefined;
}

const STRONG = 0.5;
const CERT = /x509|certificate|tls|ssl|handshake/i;
const NETWORK = /reset by peer|connection reset|i\/o timeout|retransmi|unreachable|packet loss/i;
/** A callee's name that did not resolve: the network's (its DNS), not the callee's code. */
const DNS = /no such host|nxdomain|name resolution/i;
/** Lock waits and slow statements; whole words, so "event loop blocked" is not a lock. */
const LOCKS = /\block(s|ed|ing)?\b|deadlock|lock wait|statement timeout|canceling statement/i;

export function categorise(c: CategoryContext): { category: RootCauseCategory; reason: string } {
  const s = c.signals;
  const tag = (t: keyof ServiceSignals['tags']) => s.tags[t]?.strength ?? 0;
  const reasons = new Set(s.eventReasons.map((e) => e.reason));
  const texts = [...s.pointers, ...s.logShifts].map((l) => l.template);
  const eventText = s.eventReasons.map((e) => `${e.reason} ${e.message}`).join(' ');

  if (c.kind === 'external')
    return { category: 'third_party_outage', reason: 'an external dependency is failing' };
  if (c.surge) return { category: 'traffic_surge', reason: 'traffic at the entry grew several-fold' };
  if (reasons.has('OOMKilled')) return { category: 'resource_memory', reason: 'containers were OOMKilled' };
  // A cache that is down or crash-looping is a cache failure: its callers' reads miss.
  if (c.kind === 'cache' && (s.silence > 0 || reasons.has('BackOff'))) {
    return { category: 'cache_failure', reason: 'the cache stopped serving (no metrics, restarts)' };
  }
  if (s.silence > 0 || (reasons.has('BackOff') && tag('restarts') >= STRONG)) {
    return { category: 'dependency_outage', reason: 'the service stopped serving (no metrics, restarts)' };
  }
  if (CERT.test(eventText) || texts.some((t) => CERT.test(t))) {
    return { category: 'certificate_expiry', reason: 'TLS certificate errors at its callers' };
  }
  if (tag('disk') >= STRONG) return { category: 'resource_disk', reason: 'its disk filled up' };
  if (tag('pool_max') >= STRONG || (c.change?.change.kind === 'config' && tag('pool') >= STRONG)) {
    return { category: 'config_change', reason: 'a configuration change lowered a limit it needs' };
  }
  if (tag('pool') >= STRONG)
    return { category: 'connection_pool_exhaustion', reason: 'its connection pool is exhausted' };
  if (tag('cache') >= STRONG || c.kind === 'cache')
    return { category: 'cache_failure', reason: 'the cache stopped serving hits' };
  if (tag('queue') >= STRONG) return { category: 'queue_backlog', reason: 'work is piling up in its queue' };
  if (texts.some((t) => NETWORK.test(t) || DNS.test(t)) && s.pointed >= STRONG) {
    return { category: 'network', reason: 'connections to and from it reset or time out' };
  }
  if (c.kind === 'database' || texts.some((t) => LOCKS.test(t)))
    return { category: 'database', reason: 'database queries slowed or failed' };
  if (tag('cpu') >= STRONG && (s.tags.cpu?.shift.incidentMedian ?? 0) >= 0.85) {
    return { category: 'resource_cpu', reason: 'it ran out of CPU' };
  }
  if (c.change && c.change.closeness >= 0.25) {
    const byKind = {
      deploy: 'bad_deploy',
      config: 'config_change',
      feature_flag: 'feature_flag',
      migration: 'database',
    } as const;
    const category = byKind[c.change.change.kind as keyof typeof byKind];
    if (category)
      return { category, reason: `${c.change.change.kind} ${c.change.change.id} around the onset` };
  }
  if (tag('cpu') >= STRONG) return { category: 'resource_cpu', reason: 'its CPU use rose sharply' };
  if (tag('network') >= STRONG) return { category: 'network', reason: 'its network latency rose' };
  if (s.edgePointed >= STRONG)
    return { category: 'network', reason: 'calls to it slowed while its own resources held' };
  if (tag('memory') >= STRONG) return { category: 'resource_memory', reason: 'its memory use rose sharply' };
  if (tag('errors') >= STRONG || s.logs >= STRONG || s.traceOrigin >= STRONG) {
    return { category: 'code_error', reason: 'it started failing without a change to explain it' };
  }
  return { category: 'other', reason: 'it is anomalous, with no signature of a known kind' };
}

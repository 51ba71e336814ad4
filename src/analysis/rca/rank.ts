/**
 * Root-cause ranking: evidence from every source → per-service signals → the dependency graph
 * separates causes from victims → recent changes are matched to the suspects → each suspect gets
 * a score, a likely category and the evidence behind it.
 */
import type { RootCauseCategory } from '../../core/index.js';
import { onsetFor, type RankedChange, rankChanges } from '../changes/index.js';
import { categorise } from './category.js';
import { noisyOr } from './combine.js';
import type { RcaInput } from './evidence.js';
import { applyGraph } from './graph.js';
import { collectSignals, type SignalItem } from './signals.js';

export interface Suspect {
  service: string;
  score: number;
  category: RootCauseCategory;
  categoryReason: string;
  /** A dependency (or the source of extra load) that explains this service's anomalies, if any. */
  explainedBy: string | undefined;
  change: RankedChange | undefined;
  evidence: SignalItem[];
}

/** A matching change lends its service at most this much extra score. */
const CHANGE_WEIGHT = 0.5;
/** A change must score at least this to be named as a suspect's likely cause. */
const CHANGE_MIN = 0.1;

export function rankSuspects(input: RcaInput): Suspect[] {
  const signals = collectSignals(input);
  const graph = applyGraph(input, signals);
  const top = graph[0]?.score ?? 0;
  const suspects = new Map(
    graph.filter((g) => g.score > 0).map((g) => [g.service, top > 0 ? g.score / top : 0]),
  );
  const serviceOnsets = ownOnsets(input);
  const changeContext = { onset: input.onset, suspects, dependsOn: input.dependsOn, serviceOnsets };
  const changes = rankChanges(input.changes, changeContext);
  const bestChange = new Map<string, RankedChange>();
  for (const r of changes)
    if (r.score >= CHANGE_MIN && !bestChange.has(r.change.service)) bestChange.set(r.change.service, r);

  const ranked = graph.map((g) => {
    const s = signals.get(g.service);
    const change = bestChange.get(g.service);
    const score = noisyOr([g.score, CHANGE_WEIGHT * (change?.score ?? 0) * g.raw]);
    const { category, reason } = s
      ? categorise({ signals: s, kind: input.kinds.get(g.service), surge: g.surge, change })
      : { category: 'other' as const, reason: 'no evidence' };
    const evidence = [...(s?.items ?? [])].sort((a, b) => b.strength - a.strength);
    if (change) {
      evidence.unshift({
        kind: 'change',
        summary: `${change.change.kind} ${change.change.id} on ${change.change.service} ${relativeToOnset(change.change.ts, onsetFor(change.change.service, changeContext))}: ${change.change.summary}`,
        strength: change.score,
      });
    }
    return {
      service: g.service,
      score,
      category,
      categoryReason: reason,
      explainedBy: g.explainedBy,
      change,
      evidence,
    };
  });
  return ranked.sort((a, b) => b.score - a.score || a.service.localeCompare(b.service));
}

/** "12 min before the onset", "at the onset", "2 min after the estimated onset". */
function relativeToOnset(ts: number, onset: number): string {
  const minutes = Math.round((onset - ts) / 60_000);
  if (minutes > 0) return `${minutes} min before the onset`;
  if (minutes < 0) return `${-minutes} min after the estimated onset`;
  return 'at the onset';
}

/** A departure at least this strong (a shift score) dates when its service went wrong. */
const OWN_ONSET_SCORE = 3;

/**
 * When each service's own metrics departed strongly: the median of the shifts' dated onsets, so
 * one series dated early by noise at the window's start does not move the service's onset while
 * its other series agree on a later one.
 */
function ownOnsets(input: RcaInput): Map<string, number> {
  const onsets = new Map<string, number[]>();
  for (const m of input.metrics) {
    if (m.onset === undefined || m.score < OWN_ONSET_SCORE || m.labels.to !== undefined) continue;
    onsets.set(m.service, [...(onsets.get(m.service) ?? []), m.onset]);
  }
  const out = new Map<string, number>();
  for (const [service, list] of onsets) {
    const sorted = list.sort((a, b) => a - b);
    out.set(service, sorted[Math.floor((sorted.length - 1) / 2)] as number);
  }
  return out;
}

/**
 * What the specialists found, typed from the registry, and the two things the hypothesis builder
 * derives from it: the ranker's evidence lists, and which specialist answers for each kind of
 * evidence item the ranker returns.
 */
import type { SignalItem } from '../../../../analysis/rca/index.js';
import type { Evidence } from '../../../../core/index.js';
import { type SpecialistName, specialists } from './registry.js';
import type { RankerEvidence, Specialist } from './specialist.js';

/** Where a piece of evidence came from: the tool call that produced it. */
export interface Provenance {
  tool: string;
  query: string;
  callId: string;
}

/** Each specialist's findings (undefined when its tool call failed), and the calls that failed. */
export type Findings = {
  [K in SpecialistName]: (ReturnType<(typeof specialists)[K]['examine']> & { from: Provenance }) | undefined;
} & {
  /** Tool calls that failed: the evidence they would have given is missing. */
  failed: { tool: string; error: string }[];
};

const NO_EVIDENCE: Readonly<RankerEvidence> = {
  metrics: [],
  silences: [],
  logs: [],
  traceOrigins: [],
  traceLatency: [],
  events: [],
  changes: [],
};

/** The ranker's evidence: every specialist's contribution, in registry order. */
export function rankerEvidence(findings: Findings): RankerEvidence {
  return evidenceOf<SpecialistName>(specialists, findings);
}

/** `rankerEvidence` over any registry: what each entry with findings contributes, concatenated. */
export function evidenceOf<N extends string>(
  entries: Readonly<Record<N, Specialist>>,
  findings: Readonly<Partial<Record<N, unknown>>>,
): RankerEvidence {
  const merged: RankerEvidence = { ...NO_EVIDENCE };
  for (const name of Object.keys(entries) as N[]) {
    const found = findings[name];
    if (found === undefined) continue;
    const part = entries[name].rank(found);
    for (const key of Object.keys(part) as (keyof RankerEvidence)[]) append(merged, key, part[key]);
  }
  return merged;
}

function append<K extends keyof RankerEvidence>(
  into: RankerEvidence,
  key: K,
  more: RankerEvidence[K] | undefined,
) {
  if (!more) return;
  // One contributor (the usual case) hands its list over as it is.
  into[key] = (into[key].length === 0 ? more : [...into[key], ...more]) as RankerEvidence[K];
}

/** Every kind of item the ranker cites; a kind added in analysis/rca fails to compile until listed. */
const SIGNAL_KIND_SET: Record<SignalItem['kind'], true> = {
  metric: true,
  silence: true,
  traffic: true,
  edge: true,
  log: true,
  log_pointer: true,
  trace_origin: true,
  trace_latency: true,
  event: true,
  change: true,
};
const SIGNAL_KINDS = Object.keys(SIGNAL_KIND_SET) as SignalItem['kind'][];

/** Who answers for one kind of ranker evidence item. */
export interface SignalSource<N extends string = SpecialistName> {
  specialist: N;
  evidenceKind: Evidence['kind'];
}

/**
 * Every kind of ranker evidence item with the one specialist that lists it. Built when the module
 * loads, and refused then if a kind has no specialist or two: an item must name exactly one call.
 */
export const SIGNAL_SOURCES: Readonly<Record<SignalItem['kind'], SignalSource>> =
  signalSourcesOf(specialists);

/** `SIGNAL_SOURCES` for any registry; throws, naming the kinds, unless each has exactly one specialist. */
export function signalSourcesOf<N extends string>(
  entries: Readonly<Record<N, Specialist>>,
): Readonly<Record<SignalItem['kind'], SignalSource<N>>> {
  const sources: Partial<Record<SignalItem['kind'], SignalSource<N>>> = {};
  for (const name of Object.keys(entries) as N[]) {
    const specialist = entries[name];
    for (const kind of specialist.signals) {
      const taken = sources[kind];
      if (taken)
        throw new Error(
          `specialists ${taken.specialist} and ${name} both list the signal "${kind}" (src/investigate/brains/builtin/specialists/): keep it in one`,
        );
      sources[kind] = { specialist: name, evidenceKind: specialist.evidenceKind };
    }
  }
  const missing = SIGNAL_KINDS.filter((k) => !sources[k]);
  if (missing.length > 0)
    throw new Error(
      `no specialist lists the signal(s) ${missing.join(', ')}: add them to one specialist's \`signals\` in src/investigate/brains/builtin/specialists/`,
    );
  return Object.freeze(sources as Record<SignalItem['kind'], SignalSource<N>>);
}

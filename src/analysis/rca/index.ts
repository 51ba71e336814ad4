export type { CategoryContext } from './category.js';
export { categorise } from './category.js';
export { noisyOr, squash } from './combine.js';
export type {
  EventShift,
  LogShift,
  MetricShift,
  RcaInput,
  Silence,
  TraceLatency,
  TraceOrigin,
} from './evidence.js';
export type { GraphScore } from './graph.js';
export { applyGraph, rawScore } from './graph.js';
export type { Suspect } from './rank.js';
export { rankSuspects } from './rank.js';
export type { MetricMeaning, MetricTag } from './semantics.js';
export { isBadDirection, meaningOf } from './semantics.js';
export type { ServiceSignals, SignalItem } from './signals.js';
export { collectSignals, describeShift, mentionedServices } from './signals.js';

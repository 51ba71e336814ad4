/**
 * What the root-cause ranker takes in: evidence already extracted from each source by the other
 * analyses, in plain shapes, so the ranker stays pure and testable with hand-made tables.
 */
import type { Change } from '../../core/index.js';

/** A metric series whose incident window departs from its baseline (see anomaly/scoreShift). */
export interface MetricShift {
  service: string;
  metric: string;
  labels: Record<string, string>;
  /** 0 when nothing changed; larger is stranger. Comparable across series. */
  score: number;
  direction: 'up' | 'down';
  onset?: number;
  baselineMedian: number;
  incidentMedian: number;
  incidentPeak: number;
  /** Share of the incident window spent beyond the baseline's noise (1 when unknown). */
  departedShare?: number;
  /** How full the resource behind the series is in the incident, 0..1, when it has a capacity. */
  utilization?: number;
  /**
   * Share of the baseline and incident samples at which the resource was at its limit (memory
   * that OOM-kills, a full disk, every pooled connection out). Absent when it never was.
   */
  atLimitShare?: number;
}

/** A service that reported metrics in the baseline and fell silent during the incident. */
export interface Silence {
  service: string;
  seriesBefore: number;
  seriesDuring: number;
}

/** A log pattern that is new or more frequent in the incident (see logs/diffPatterns). */
export interface LogShift {
  service: string;
  template: string;
  level: string;
  kind: 'new' | 'increased';
  baselineCount: number;
  incidentCount: number;
  /** Significance of the rise, e.g. −log10 of its p-value. */
  significance: number;
  /** Incident rate over baseline rate, for a pattern the baseline had; absent for a new one. */
  rateRatio?: number;
  /**
   * Other services the pattern's incident lines name, with the share of lines naming each. Mined
   * templates mask names that vary ("call to <*> failed"), so they are counted on the raw lines.
   */
  mentions?: Record<string, number>;
}

/** Errors whose deepest failing span is on (or a failed call to) the service. */
export interface TraceOrigin {
  service: string;
  share: number;
  traces: number;
}

/** Growth of a service's own time in traces. */
export interface TraceLatency {
  service: string;
  shiftP95Ms: number;
  ratioP50: number;
}

/** Warning events of a kind on a service: in the incident window, and at the baseline's rate. */
export interface EventShift {
  service: string;
  reason: string;
  incidentCount: number;
  baselineCount: number;
  /**
   * Events of the kind in the baseline and incident windows together, unscaled: a service killed
   * again and again is evidence even when the kills began before the baseline.
   */
  windowCount?: number;
  message: string;
}

export interface RcaInput {
  services: readonly string[];
  /** Direct dependencies per service (topology, or the call graph when there is none). */
  dependsOn: ReadonlyMap<string, readonly string[]>;
  /** Service kinds from the topology (database, cache, queue, external, service). */
  kinds: ReadonlyMap<string, string>;
  onset: number;
  metrics: readonly MetricShift[];
  silences: readonly Silence[];
  logs: readonly LogShift[];
  traceOrigins: readonly TraceOrigin[];
  traceLatency: readonly TraceLatency[];
  events: readonly EventShift[];
  changes: readonly Change[];
}

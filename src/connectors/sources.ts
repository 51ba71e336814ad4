/**
 * The telemetry source interfaces. An investigation reads each kind of evidence through one of
 * these, whatever holds it: a bundle's files, a team's Prometheus, Loki, Jaeger or git. Every read
 * is limited to a time range (epoch ms, start inclusive, end exclusive) and stops when its signal
 * is aborted: a source that timed out must not keep working in the background.
 */
import type {
  Change,
  InfraEvent,
  LogRecord,
  PastIncident,
  Series,
  Span,
  TimeRange,
  Topology,
} from '../core/index.js';

/** What a read may be narrowed to; a source uses what it can and may return more. */
export interface ReadHints {
  /** Services the investigation cares about first (the alert's service and its neighbours). */
  services?: readonly string[];
}

export interface MetricSource {
  /** Series with samples in the range, timestamps ascending. */
  series(range: TimeRange, signal?: AbortSignal, hints?: ReadHints): Promise<Series[]>;
}

export interface LogSource {
  logs(range: TimeRange, signal?: AbortSignal, hints?: ReadHints): Promise<LogRecord[]>;
}

export interface TraceSource {
  /** Spans that start in the range. */
  spans(range: TimeRange, signal?: AbortSignal, hints?: ReadHints): Promise<Span[]>;
}

export interface ChangeSource {
  /** Deploys, config and flag changes; a source may include changes before the range (lead-up). */
  changes(range: TimeRange, signal?: AbortSignal, hints?: ReadHints): Promise<Change[]>;
}

export interface EventSource {
  events(range: TimeRange, signal?: AbortSignal, hints?: ReadHints): Promise<InfraEvent[]>;
}

export interface HistorySource {
  /** Past incidents to compare with; not limited to the range. */
  incidents(signal?: AbortSignal): Promise<PastIncident[]>;
}

/** The sources one investigation reads; an absent source is reported as not checked. */
export interface Sources {
  metrics?: MetricSource;
  logs?: LogSource;
  traces?: TraceSource;
  changes?: ChangeSource;
  events?: EventSource;
  history?: HistorySource;
  /** The service graph, when the team describes it; otherwise it is taken from traces. */
  topology?: Topology;
  /** A bundle directory, when the evidence is one: enables the SQL tool over its files. */
  bundleDir?: string;
  /** Names each source for messages and traces, e.g. `prometheus http://prom:9090`. */
  describe?: Partial<Record<'metrics' | 'logs' | 'traces' | 'changes' | 'events' | 'history', string>>;
}

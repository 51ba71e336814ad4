/**
 * The coordinator's first step: read every source of the incident in parallel, each with its own
 * time limit. A source that is absent, fails or runs out of time is recorded as missing, with the
 * reason, and the investigation goes on with the rest: missing evidence lowers confidence, it
 * never fails the run.
 */
import type { Sources } from '../connectors/sources.js';
import type {
  Change,
  InfraEvent,
  LogRecord,
  PastIncident,
  TimeRange as Range,
  Series,
  Span,
} from '../core/index.js';
import { formatDuration } from '../core/index.js';

export const SOURCES = ['metrics', 'logs', 'traces', 'changes', 'events', 'history'] as const;
export type SourceName = (typeof SOURCES)[number];

export interface MissingSource {
  source: SourceName;
  reason: string;
}

export interface Collected {
  series: Series[];
  logs: LogRecord[];
  spans: Span[];
  changes: Change[];
  events: InfraEvent[];
  history: PastIncident[];
  missing: MissingSource[];
  /** How long each source took to read (or until it was given up). */
  elapsedMs: Record<SourceName, number>;
}

export interface CollectOptions {
  /** Per-source time limit. */
  timeoutMs: number;
  /** Called around each source's read, e.g. to trace it. */
  around?: (source: SourceName, read: () => Promise<Fetched<unknown>>) => Promise<Fetched<unknown>>;
  /** Why a source that is not there is missing: "not in the bundle", "not configured". */
  absentReason?: string;
  /** Services to read first, passed to sources that can narrow their query. */
  services?: readonly string[];
}

export const DEFAULT_SOURCE_TIMEOUT_MS = 30_000;

/** A source's read: its records, or why there are none. */
export type Fetched<T> = { ok: true; value: T } | { ok: false; reason: string };

export async function collectSources(
  sources: Sources,
  range: Range,
  options: CollectOptions,
): Promise<Collected> {
  const hints = options.services ? { services: options.services } : undefined;
  const { metrics, logs, traces, changes, events, history } = sources;
  const readers: { [S in SourceName]: ((signal: AbortSignal) => Promise<unknown>) | undefined } = {
    metrics: metrics && ((signal) => metrics.series(range, signal, hints)),
    logs: logs && ((signal) => logs.logs(range, signal, hints)),
    traces: traces && ((signal) => traces.spans(range, signal, hints)),
    changes: changes && ((signal) => changes.changes(range, signal, hints)),
    events: events && ((signal) => events.events(range, signal, hints)),
    history: history && ((signal) => history.incidents(signal)),
  };
  const elapsedMs = Object.fromEntries(SOURCES.map((s) => [s, 0])) as Record<SourceName, number>;
  const around = options.around ?? ((_source, read) => read());
  const fetched = await Promise.all(
    SOURCES.map(async (source) => {
      const reader = readers[source];
      if (!reader) return { ok: false, reason: options.absentReason ?? 'not configured' } as Fetched<unknown>;
      const started = performance.now();
      const result = await around(source, () => withTimeout(reader, options.timeoutMs));
      elapsedMs[source] = performance.now() - started;
      return result;
    }),
  );
  const value = <T>(source: SourceName, empty: T): T => {
    const f = fetched[SOURCES.indexOf(source)];
    return f?.ok ? (f.value as T) : empty;
  };
  return {
    series: value<Series[]>('metrics', []),
    logs: value<LogRecord[]>('logs', []),
    spans: value<Span[]>('traces', []),
    changes: value<Change[]>('changes', []),
    events: value<InfraEvent[]>('events', []),
    history: value<PastIncident[]>('history', []),
    missing: SOURCES.flatMap((source, i) => {
      const f = fetched[i];
      return f && !f.ok ? [{ source, reason: f.reason }] : [];
    }),
    elapsedMs,
  };
}

/**
 * Runs one read against its time limit. At the limit the signal is aborted with a TimeoutError whose
 * message is the reason reported (so a reader that rethrows it says the same thing), and the result
 * is settled without waiting: a reader that ignores its signal, or is stuck in a system call, cannot
 * hold the investigation past the limit.
 */
async function withTimeout<T>(
  read: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
): Promise<Fetched<T>> {
  const controller = new AbortController();
  const reason = `timed out after ${formatDuration(timeoutMs)}`;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Fetched<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException(reason, 'TimeoutError'));
      resolve({ ok: false, reason });
    }, timeoutMs);
  });
  const reading = Promise.resolve()
    .then(() => read(controller.signal))
    .then(
      (value): Fetched<T> => ({ ok: true, value }),
      (error: unknown): Fetched<T> => ({
        ok: false,
        reason: controller.signal.aborted ? reason : `could not be read: ${(error as Error).message}`,
      }),
    );
  try {
    return await Promise.race([reading, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

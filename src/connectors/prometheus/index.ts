/**
 * The `prometheus` connector: a team's Prometheus (or a compatible API) as a metric source.
 *
 * A read finds the series of the configured selectors with /api/v1/series over the range, keeps
 * those with a service label (at most `maxSeries`, hinted services first), then runs one
 * query_range per metric name, a few at a time, on the step grid described in `step.ts`. Every
 * series is returned whatever the hints say; the hints only decide order and what a capped read
 * keeps.
 */
import { parseDuration, type Series, type TimeRange } from '../../core/index.js';
import { parseSettings } from '../settings.js';
import type { MetricSource, ReadHints } from '../sources.js';
import { createPrometheusClient, type PrometheusClient } from './client.js';
import { type PrometheusConfigInput, prometheusConfigSchema } from './config.js';
import { chooseSeries, labelSetKey, toSeries } from './map.js';
import { metricQuery } from './selector.js';
import { evaluationWindow } from './step.js';
import type { MatrixSeries } from './wire.js';

export type { Answer, ClientOptions, PrometheusClient } from './client.js';
export { createPrometheusClient, formatApiTime } from './client.js';
export type { PrometheusConfig, PrometheusConfigInput } from './config.js';
export { DEFAULT_SERVICE_LABELS, prometheusConfigSchema } from './config.js';
export {
  autoStepMs,
  evaluationWindow,
  MAX_POINTS_PER_SERIES,
  MIN_AUTO_STEP_MS,
  resolveStepMs,
} from './step.js';

/** How many query_range requests one read runs at once: enough to overlap, gentle on Prometheus. */
export const READ_CONCURRENCY = 4;

export interface PrometheusSourceOptions {
  /** Told about Prometheus's warnings and about reads cut at `maxSeries`. */
  warn?: (message: string) => void;
}

export interface PrometheusSource extends MetricSource {
  readonly client: PrometheusClient;
  /** `prometheus <url>`, for messages and traces (no credentials). */
  readonly description: string;
}

export function createPrometheusSource(
  input: PrometheusConfigInput,
  options: PrometheusSourceOptions = {},
): PrometheusSource {
  const config = parseSettings(
    prometheusConfigSchema,
    input,
    'prometheus',
    'prometheus needs url (http://prometheus:9090); optional: auth, headers, timeoutMs, step, serviceLabels, dropLabels, match, maxSeries',
  );
  const client = createPrometheusClient(config);
  const warn = options.warn ?? (() => {});
  const naming = { serviceLabels: config.serviceLabels, dropLabels: config.dropLabels };
  const step = config.step === 'auto' ? 'auto' : (parseDuration(config.step) as number);

  async function series(range: TimeRange, signal?: AbortSignal, hints?: ReadHints): Promise<Series[]> {
    signal?.throwIfAborted();
    const window = evaluationWindow(range, step);
    if (!window) return [];
    const hinted = hints?.services ?? [];

    const found: Record<string, string>[] = [];
    const selectorsOf = new Map<string, Set<string>>();
    for (const match of config.match) {
      const answer = await client.series([match], { startMs: range.start, endMs: range.end }, signal);
      for (const w of answer.warnings) warn(`${client.where}: ${w}`);
      for (const labels of answer.data) {
        found.push(labels);
        const metric = labels.__name__;
        if (metric) selectorsOf.set(metric, (selectorsOf.get(metric) ?? new Set()).add(match));
      }
    }
    const chosen = chooseSeries(found, naming, { maxSeries: config.maxSeries, hints: hinted });
    if (chosen.kept < chosen.found) {
      warn(
        `${client.where}: ${chosen.found} series match; read the first ${chosen.kept} ` +
          '(hinted services first). Raise maxSeries or narrow the match selectors.',
      );
    }

    const metrics = [...chosen.byMetric.keys()].sort();
    const results = await mapLimit(metrics, READ_CONCURRENCY, signal, async (metric, inner) => {
      const query = metricQuery(metric, [...(selectorsOf.get(metric) ?? [])]);
      const answer = await client.queryRange(query, window, inner);
      for (const w of answer.warnings) warn(`${client.where}: ${w} (query: ${query})`);
      const keys = chosen.byMetric.get(metric) as Set<string>;
      return answer.data.filter((r: MatrixSeries) => keys.has(labelSetKey(r.metric)));
    });
    return toSeries(results.flat(), naming, hinted);
  }

  return { client, description: `prometheus ${client.where}`, series };
}

/**
 * Runs `fn` over `items`, at most `limit` at once, in input order. The first failure aborts the
 * others (through the signal each call gets) and is what the read rejects with.
 */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  fn: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const out: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T, controller.signal);
      } catch (error) {
        failure ??= { error };
        controller.abort(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure.error;
  return out;
}

/**
 * The `loki` connector: logs from Grafana Loki through its query_range API. Stream labels name the
 * service (and often the level); the level is otherwise read from the line (JSON `level` or logfmt
 * `level=`), and a trace id from a `trace_id` label, structured metadata or a JSON field.
 */
import { abortError, type LogRecord, safeEndpoint } from '../../core/index.js';
import type { LogSource } from '../sources.js';
import { queryRange } from './client.js';
import { type LokiConfig, type LokiConfigInput, parseLokiConfig } from './config.js';
import { renderQuery, toLogRecord } from './map.js';
import { readAllEntries } from './read.js';

export type { LokiConfig, LokiConfigInput } from './config.js';
export { lokiConfigSchema, parseLokiConfig } from './config.js';
export { detectLevel, msToNs, nsToMs } from './map.js';

/** Takes parsed settings or raw input (parsed here; BAD_INPUT on bad settings). */
export function createLokiSource(config: LokiConfig | LokiConfigInput): LogSource {
  const settings = parseLokiConfig(config);
  return {
    async logs(range, signal, hints): Promise<LogRecord[]> {
      if (signal?.aborted) throw abortError(signal, `Loki at ${safeEndpoint(settings.url)}`);
      if (range.end <= range.start) return [];
      const entries = await readAllEntries((params) => queryRange(settings, params, signal), range, {
        query: renderQuery(settings.query, hints?.services),
        limit: settings.limit,
        maxRecords: settings.maxRecords,
      });
      const options = { serviceLabel: settings.serviceLabel, levelLabel: settings.levelLabel };
      return entries.map((e) => toLogRecord(e.stream, e.entry, options));
    },
  };
}

/** Names the source for messages, e.g. `loki http://loki:3100`. */
export function describeLoki(config: LokiConfig | LokiConfigInput): string {
  return `loki ${safeEndpoint(config.url)}`;
}

/**
 * The `jaeger` connector: spans from Jaeger's query service, through its OTLP JSON API (v3) or
 * the UI's JSON API (v1). Spans are searched service by service (the configured services, else
 * the read's hinted services, else every service Jaeger knows), limited to spans that start in
 * the range, each kept once. A span is an error when Jaeger's `error` tag is true or its OTLP
 * status is ERROR.
 */
import { abortError, type Span, safeEndpoint } from '../../core/index.js';
import type { TraceSource } from '../sources.js';
import { listServices, searchTraces } from './client.js';
import { type JaegerConfig, type JaegerConfigInput, parseJaegerConfig } from './config.js';
import { readAllSpans } from './read.js';

export type { JaegerConfig, JaegerConfigInput } from './config.js';
export { jaegerConfigSchema, parseJaegerConfig } from './config.js';
export { spansFromV1, spansFromV3 } from './map.js';

/** Takes parsed settings or raw input (parsed here; BAD_INPUT on bad settings). */
export function createJaegerSource(config: JaegerConfig | JaegerConfigInput): TraceSource {
  const settings = parseJaegerConfig(config);
  return {
    async spans(range, signal, hints): Promise<Span[]> {
      if (signal?.aborted) throw abortError(signal, `Jaeger at ${safeEndpoint(settings.url)}`);
      if (range.end <= range.start) return [];
      const services =
        settings.services ??
        (hints?.services && hints.services.length > 0
          ? hints.services
          : await listServices(settings, signal));
      return readAllSpans((w) => searchTraces(settings, w, signal), services, range, settings.limit);
    },
  };
}

/** Names the source for messages, e.g. `jaeger v3 http://jaeger:16686`. */
export function describeJaeger(config: JaegerConfig | JaegerConfigInput): string {
  return `jaeger ${config.api ?? 'v3'} ${safeEndpoint(config.url)}`;
}

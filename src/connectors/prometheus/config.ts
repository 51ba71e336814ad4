/**
 * Options of the `prometheus` metric source, as a team writes them in nightshift.yaml. The
 * defaults read every series with a `service` label and name the service by `service`, then
 * `job`, then `app`: the labels a scrape config or a relabel rule most often carries.
 */
import { z } from 'zod';
import { parseDuration, SECOND_MS } from '../../core/index.js';
import { httpAuthSchema } from '../http-auth.js';

const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'expected a Prometheus label name');

/** A metric name, a `{…}` block of label matchers, or both: what /api/v1/series accepts as match[]. */
const selector = z
  .string()
  .trim()
  .regex(
    /^(?:[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{.*\})?|\{.*\})$/s,
    'expected a series selector such as {service!=""} or http_requests_total{job="api"}',
  );

const stepText = z.union([
  z.literal('auto'),
  z.string().refine((s) => {
    const ms = parseDuration(s);
    return ms !== undefined && ms >= SECOND_MS && ms % SECOND_MS === 0;
  }, "expected 'auto' or a whole number of seconds as a duration such as 30s, 1m"),
]);

export const DEFAULT_SERVICE_LABELS = ['service', 'job', 'app'] as const;

export const prometheusConfigSchema = z
  .object({
    /** Base URL of Prometheus (or of a compatible API such as Thanos or Mimir's /prometheus). */
    url: z.url({ protocol: /^https?$/ }),
    /** A bearer token, or basic auth (also accepted as user:password in the url). */
    auth: httpAuthSchema.optional(),
    /** Extra request headers, e.g. a tenant header. Never printed. */
    headers: z.record(z.string(), z.string()).default({}),
    timeoutMs: z.number().int().positive().default(10_000),
    /**
     * Resolution of query_range. `auto` picks the smallest whole number of seconds, at least 15 s,
     * that keeps a read under Prometheus's limit of 11,000 points per series; a fixed step is
     * raised to that when a long range would exceed the limit. Set it to the scrape interval to
     * read each sample once (a shorter step repeats samples, a longer one skips them).
     */
    step: stepText.default('auto'),
    /** Labels that name the service, in order: the first one a series has wins and is removed. */
    serviceLabels: z
      .array(labelName)
      .min(1)
      .default([...DEFAULT_SERVICE_LABELS]),
    /** Labels left out of a series (unless two series would then look the same). */
    dropLabels: z.array(labelName).default(['instance']),
    /** Series selectors to read. */
    match: z.array(selector).min(1).default(['{service!=""}']),
    /**
     * Most series one read returns. Past it the read keeps the first `maxSeries` in a fixed order
     * (the hinted services first, then by service, metric and labels) and reports the cut through
     * the source's `warn` callback, so an investigation still gets the series it cares about most.
     */
    maxSeries: z.number().int().positive().default(5_000),
  })
  .strict();

export type PrometheusConfig = z.output<typeof prometheusConfigSchema>;
export type PrometheusConfigInput = z.input<typeof prometheusConfigSchema>;

/**
 * Settings of the Loki log source. Credentials are secrets: no message repeats them.
 */
import { z } from 'zod';
import { httpAuthSchema } from '../http-auth.js';
import { parseSettings } from '../settings.js';

/** The query template's variable: replaced by the hinted services as a regex alternation, `.+` without hints. */
export const SERVICES_VARIABLE = '$services';

export const lokiConfigSchema = z
  .object({
    /** Base URL, e.g. `http://loki:3100` (a path prefix such as a gateway's is kept). */
    url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://loki:3100' }),
    auth: httpAuthSchema.optional(),
    /** Sent as `X-Scope-OrgID` to a multi-tenant Loki. */
    tenant: z.string().min(1).optional(),
    timeoutMs: z.number().int().positive().default(30_000),
    /**
     * LogQL stream selector (may carry line filters). `$services` stands for the services the
     * investigation cares about, so the default reads `{service=~".+"}` when there are none.
     */
    query: z.string().min(2).default(`{service=~"${SERVICES_VARIABLE}"}`),
    /** Stream label that names the service. */
    serviceLabel: z.string().min(1).default('service'),
    /** Stream label (or structured metadata key) that holds the level; else it is read from the line. */
    levelLabel: z.string().min(1).default('level'),
    /** Entries per request; Loki's own cap (`max_entries_limit_per_query`) defaults to 5000. */
    limit: z.number().int().positive().default(5000),
    /** Stop paging after this many records: a bound on memory for very chatty ranges. */
    maxRecords: z.number().int().positive().default(500_000),
  })
  .strict();
export type LokiConfigInput = z.input<typeof lokiConfigSchema>;
export type LokiConfig = z.infer<typeof lokiConfigSchema>;

/** Parses settings given in code; a config file goes through core's readYamlSection instead. */
export function parseLokiConfig(input: LokiConfig | LokiConfigInput): LokiConfig {
  return parseSettings(
    lokiConfigSchema,
    input,
    'loki',
    'loki needs url (http://loki:3100); optional: auth, tenant, timeoutMs, query, serviceLabel, levelLabel, limit, maxRecords',
  );
}

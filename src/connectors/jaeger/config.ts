/**
 * Settings of the Jaeger trace source. Credentials are secrets: no message repeats them.
 */
import { z } from 'zod';
import { httpAuthSchema } from '../http-auth.js';
import { parseSettings } from '../settings.js';

export const jaegerConfigSchema = z
  .object({
    /** Base URL of jaeger-query, e.g. `http://jaeger:16686` (a path prefix is kept). */
    url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://jaeger:16686' }),
    /** `v3`: the OTLP JSON API (/api/v3, Jaeger ≥ 1.41 and v2); `v1`: the UI's internal /api. */
    api: z.enum(['v1', 'v3']).default('v3'),
    auth: httpAuthSchema.optional(),
    timeoutMs: z.number().int().positive().default(30_000),
    /** Services to search; otherwise the read's hinted services, else every service Jaeger lists. */
    services: z.array(z.string().min(1)).min(1).optional(),
    /**
     * Traces per search request. A search that comes back full is split in two halves of its time
     * window until each comes back under the limit (or the window is shorter than a second).
     */
    limit: z.number().int().positive().default(500),
  })
  .strict();
export type JaegerConfigInput = z.input<typeof jaegerConfigSchema>;
export type JaegerConfig = z.infer<typeof jaegerConfigSchema>;

/** Parses settings given in code; a config file goes through core's readYamlSection instead. */
export function parseJaegerConfig(input: JaegerConfig | JaegerConfigInput): JaegerConfig {
  return parseSettings(
    jaegerConfigSchema,
    input,
    'jaeger',
    'jaeger needs url (http://jaeger:16686); optional: api (v1 | v3), auth, timeoutMs, services, limit',
  );
}

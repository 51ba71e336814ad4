/**
 * The shapes of webhook credentials in nightshift.yaml's `auth:` section. Each alert source picks
 * the ones it accepts in its registry entry (registry.ts), and the config schema is built from
 * there, so a source and its credential settings cannot drift apart.
 */
import { z } from 'zod';
import { parseDuration } from '../core/index.js';

/**
 * `30s`, `5m`, `2h` → milliseconds. Lives here, the lowest layer that needs it (signed timestamp
 * tolerances); config/schema.ts uses the same schema for its own durations.
 */
export const durationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration such as 30s, 5m or 2h' });
    return z.NEVER;
  }
  return ms;
});

/** A shared secret long enough that it cannot be guessed. */
export const secretSchema = z
  .string()
  .min(16, 'must be at least 16 characters (a shared secret that cannot be guessed)');

/** `Authorization: Bearer <token>`: proves who sent the request, but not what or when. */
export const bearerAuthSchema = z.object({ bearer: secretSchema }).strict();

/**
 * How far a signed timestamp may be from our clock before the request is refused as a replay;
 * default 5m (auth.ts). Optional rather than defaulted here, so configs written in code before
 * timestamps existed still type-check.
 */
const timestampTolerance = durationSchema.optional();

/** Our HMAC-SHA256 signature (the generic webhook). */
export const hmacAuthSchema = z
  .object({
    hmacSecret: secretSchema,
    /** Header carrying `sha256=<hex>` of the raw body, or of `<timestamp>.<raw body>` when timestamped. */
    header: z.string().min(1).default('X-Nightshift-Signature'),
    /** Header carrying the signed unix seconds (default X-Nightshift-Timestamp); optional per request. */
    timestampHeader: z.string().min(1).optional(),
    /** Refuse requests without a signed timestamp (body-only signatures can be replayed forever). */
    requireTimestamp: z.boolean().optional(),
    timestampTolerance,
  })
  .strict();

/**
 * Grafana's webhook HMAC (contact point → HMAC Signature): bare hex HMAC-SHA256 of the raw body,
 * or of `<timestamp>:<raw body>` when the contact point sets a Timestamp Header (unix seconds),
 * which then every request must carry.
 */
export const grafanaHmacAuthSchema = z
  .object({
    hmacSecret: secretSchema,
    header: z.string().min(1).default('X-Grafana-Alerting-Signature'),
    /** The contact point's Timestamp Header; Grafana has no default name for it. */
    timestampHeader: z.string().min(1).optional(),
    timestampTolerance,
  })
  .strict();

/** PagerDuty V3 signs every delivery; more than one secret while rotating. */
export const pagerDutyAuthSchema = z.object({ secrets: z.array(secretSchema).min(1) }).strict();

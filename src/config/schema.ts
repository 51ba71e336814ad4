/**
 * nightshift.yaml: everything `nightshift serve` needs — where to listen and who may post alerts,
 * the store, the intake queue, the team's telemetry sources, Slack and the LLM. Each capability
 * owns the schema of its own part (connectors, llm); this file puts them together.
 * Secrets are written as `${ENV_VAR}` and interpolated when the file is read.
 */
import { z } from 'zod';
import { gitConfigSchema } from '../connectors/git/index.js';
import { jaegerConfigSchema } from '../connectors/jaeger/index.js';
import { lokiConfigSchema } from '../connectors/loki/index.js';
import { prometheusConfigSchema } from '../connectors/prometheus/index.js';
import { parseDuration } from '../core/index.js';
import { BRAIN_NAMES } from '../investigate/brains/index.js';
import { llmFileSchema } from '../llm/schema.js';

/** `30s`, `5m`, `2h` → milliseconds. */
export const durationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration such as 30s, 5m or 2h' });
    return z.NEVER;
  }
  return ms;
});

const secret = z.string().min(16, 'must be at least 16 characters (a shared secret that cannot be guessed)');

/** How a webhook source proves who it is: a bearer token, or an HMAC-SHA256 signature of the body. */
const bearerAuth = z.object({ bearer: secret }).strict();
/**
 * How far a signed timestamp may be from our clock before the request is refused as a replay;
 * default 5m (server/auth.ts). Optional rather than defaulted here, so configs written in code
 * before timestamps existed still type-check.
 */
const timestampTolerance = durationSchema.optional();
const hmacAuth = z
  .object({
    hmacSecret: secret,
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
const grafanaHmacAuth = z
  .object({
    hmacSecret: secret,
    header: z.string().min(1).default('X-Grafana-Alerting-Signature'),
    /** The contact point's Timestamp Header; Grafana has no default name for it. */
    timestampHeader: z.string().min(1).optional(),
    timestampTolerance,
  })
  .strict();

export const authSchema = z
  .object({
    alertmanager: bearerAuth,
    grafana: z.union([bearerAuth, grafanaHmacAuth]),
    /** PagerDuty V3 signs every delivery; more than one secret while rotating. */
    pagerduty: z.object({ secrets: z.array(secret).min(1) }).strict(),
    generic: z.union([bearerAuth, hmacAuth]),
    /** The JSON API (investigations, traces, feedback, stats). */
    api: bearerAuth,
  })
  .partial()
  .strict();

export const serverSchema = z
  .object({
    /** host:port; a non-loopback address requires auth for every webhook source. */
    listen: z
      .string()
      .regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:8787')
      .default('127.0.0.1:8787'),
    /** The address users reach the server at, for links in the brief. */
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Host names requests may address besides loopback names, IP literals and publicUrl's host
     * (e.g. a Kubernetes service name Alertmanager posts to). Anything else is refused, which
     * stops DNS rebinding.
     */
    allowedHosts: z
      .array(
        z
          .string()
          .regex(
            /^[A-Za-z0-9.-]+$/,
            'expected a host name without scheme or port, e.g. nightshift.monitoring.svc',
          ),
      )
      .default([]),
    /** On SIGTERM, how long running investigations may finish before they are abandoned (to resume on restart). */
    shutdownGrace: durationSchema.default(10_000),
    /** Largest request body accepted, in bytes. */
    bodyLimit: z
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(1024 * 1024),
  })
  .strict();

export const storeSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('sqlite'), path: z.string().min(1).default('.nightshift/nightshift.db') })
    .strict(),
  z
    .object({
      kind: z.literal('postgres'),
      url: z.string().regex(/^postgres(ql)?:\/\//, 'expected postgres://…'),
    })
    .strict(),
]);

export const intakeSchema = z
  .object({
    /** Alerts of one group that fire within this of the first join its investigation. */
    groupWindow: durationSchema.default(5 * 60_000),
    /** Investigations run at once by this process. */
    concurrency: z.number().int().min(1).max(64).default(2),
    /** Attempts of a job before it is given up. */
    maxAttempts: z.number().int().min(1).max(20).default(5),
    /** First retry delay; doubles each attempt. */
    retryBackoff: durationSchema.default(10_000),
    /** A job whose worker stops renewing its lease for this long is taken over. */
    lease: durationSchema.default(60_000),
    /** How long delivery ids (PagerDuty event.id, the generic id) are remembered to ignore replays. */
    eventRetention: durationSchema.default(7 * 24 * 3_600_000),
  })
  .strict();

export const investigationSchema = z
  .object({
    brain: z.enum(BRAIN_NAMES).default('builtin'),
    sourceTimeout: durationSchema.default(30_000),
    rounds: z.number().int().min(1).max(10).default(3),
  })
  .strict();

export const sourcesSchema = z
  .object({
    prometheus: prometheusConfigSchema,
    loki: lokiConfigSchema,
    jaeger: jaegerConfigSchema,
    git: gitConfigSchema,
    /** An incident bundle directory serving whatever the live sources above do not. */
    bundle: z.string().min(1),
    /** A topology.yaml describing the service graph (as in bundles). */
    topology: z.string().min(1),
  })
  .partial()
  .strict();

export const slackSchema = z
  .object({
    /** Bot token (xoxb-…): posts the brief and replies in its thread. */
    token: z.string().min(1),
    channel: z.string().min(1),
    /** Slack Web API base, for a proxy or a test stand-in. */
    apiUrl: z.url({ protocol: /^https?$/ }),
    /** Incoming webhook: a fallback without threads when there is no bot token. */
    webhookUrl: z.url({ protocol: /^https?$/ }),
  })
  .partial()
  .strict()
  .refine((s) => (s.token === undefined) === (s.channel === undefined), {
    message: 'token and channel go together (the bot posts to that channel)',
    path: ['channel'],
  })
  .refine((s) => s.token !== undefined || s.webhookUrl !== undefined, {
    message: 'set token and channel, or webhookUrl',
    path: ['token'],
  });

export const configSchema = z
  .object({
    server: serverSchema.default(serverSchema.parse({})),
    auth: authSchema.default({}),
    store: storeSchema.default({ kind: 'sqlite', path: '.nightshift/nightshift.db' }),
    intake: intakeSchema.default(intakeSchema.parse({})),
    investigation: investigationSchema.default(investigationSchema.parse({})),
    sources: sourcesSchema.default({}),
    slack: slackSchema.optional(),
    llm: llmFileSchema.optional(),
  })
  .strict();

export type NightshiftConfig = z.infer<typeof configSchema>;
export type AuthConfig = z.infer<typeof authSchema>;
export type WebhookSource = Exclude<keyof AuthConfig, 'api'>;
export const WEBHOOK_SOURCES = [
  'alertmanager',
  'grafana',
  'pagerduty',
  'generic',
] as const satisfies readonly WebhookSource[];

export const CONFIG_HINT =
  'nightshift.yaml has server, auth, store, intake, investigation, sources, slack and llm sections; ' +
  'see docs/serve.md for every setting and a complete example. Write secrets as ${ENV_VAR}.';

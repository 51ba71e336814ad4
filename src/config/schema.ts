/**
 * nightshift.yaml: everything `nightshift serve` needs — where to listen and who may post alerts,
 * the store, the intake queue, the team's telemetry sources, Slack and the LLM. Each capability
 * owns the schema of its own part (connectors, llm); this file puts them together.
 * Secrets are written as `${ENV_VAR}` and interpolated when the file is read.
 */
import { z } from 'zod';
import { sourcesConfigSchema } from '../connectors/registry.js';
import { alertSourceAuthShape, bearerAuthSchema, durationSchema } from '../intake/index.js';
import { BRAIN_NAMES } from '../investigate/brains/index.js';
import { llmFileSchema } from '../llm/schema.js';
import { notifierSectionShape } from '../notify/index.js';

/**
 * `auth:`: one entry per alert source, built from the alert-source registry (intake/registry.ts),
 * so a new source's credential settings come with it; plus `api`, the JSON API's token.
 */
export const authSchema = z
  .object({
    ...alertSourceAuthShape,
    /** The JSON API (investigations, traces, feedback, stats). */
    api: bearerAuthSchema,
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
    /** Keep what each investigation collected in the store, so it can be replayed (docs/replay.md). */
    keepEvidence: z.boolean().default(true),
    /**
     * How long evidence is kept (it is the bulk of the store, ~7–10 MB an investigation); that of
     * investigations a responder gave feedback on is kept for good, for `backtest --from-store`.
     */
    evidenceRetention: durationSchema.default(30 * 86_400_000),
  })
  .strict();

export const configSchema = z
  .object({
    server: serverSchema.default(serverSchema.parse({})),
    auth: authSchema.default({}),
    store: storeSchema.default({ kind: 'sqlite', path: '.nightshift/nightshift.db' }),
    intake: intakeSchema.default(intakeSchema.parse({})),
    investigation: investigationSchema.default(investigationSchema.parse({})),
    /** Derived from the connector registry (connectors/registry.ts), plus `bundle` and `topology`. */
    sources: sourcesConfigSchema.default({}),
    /** The notifier's section(s), from the notifier registry (notify/registry.ts). */
    ...notifierSectionShape,
    llm: llmFileSchema.optional(),
  })
  .strict();

export type NightshiftConfig = z.infer<typeof configSchema>;
export type AuthConfig = z.infer<typeof authSchema>;

const SECTIONS = Object.keys(configSchema.shape);
export const CONFIG_HINT =
  `nightshift.yaml has ${SECTIONS.slice(0, -1).join(', ')} and ${SECTIONS.at(-1)} sections; ` +
  'see docs/serve.md for every setting and a complete example. Write secrets as ${ENV_VAR}.';

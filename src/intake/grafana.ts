/**
 * Grafana unified alerting's webhook contact point. Its payload is Alertmanager's (Grafana runs an
 * embedded Alertmanager) with a version of "1" and a few extra fields: orgId, title, state,
 * message, and per alert values, valueString and dashboard/panel/silence URLs. Alerts carry the
 * fingerprint Grafana computed; when one is absent it is computed from the labels.
 */
import { z } from 'zod';
import { alertSchema, type ReceivedAlert, toReceived } from './alertmanager.js';
import { bearerRefusal, DEFAULT_TIMESTAMP_TOLERANCE_MS, signatureRefusal } from './auth.js';
import { bearerAuthSchema, grafanaHmacAuthSchema } from './auth-schema.js';
import { parsePayload } from './payload.js';
import { defineAlertSource } from './source.js';

export const grafanaPayloadSchema = z.object({
  receiver: z.string().default(''),
  status: z.enum(['firing', 'resolved']),
  orgId: z.number().int().default(1),
  alerts: z
    .array(
      alertSchema.extend({
        values: z.record(z.string(), z.number().nullable()).nullish(),
        valueString: z.string().optional(),
        dashboardURL: z.string().optional(),
        panelURL: z.string().optional(),
        silenceURL: z.string().optional(),
      }),
    )
    .min(1),
  groupLabels: z.record(z.string(), z.string()).default({}),
  commonLabels: z.record(z.string(), z.string()).default({}),
  groupKey: z.string().optional(),
  version: z.string().optional(),
  title: z.string().optional(),
  message: z.string().optional(),
});

export function parseGrafanaPayload(body: unknown): ReceivedAlert[] {
  const payload = parsePayload(grafanaPayloadSchema, body, 'grafana payload');
  const groupKey =
    payload.groupKey ??
    `grafana:${payload.orgId}:${Object.entries(payload.groupLabels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join(',')}`;
  return payload.alerts.map((a) => toReceived('grafana', groupKey, a));
}

/** Grafana's webhook contact point, authenticated with a bearer token or its HMAC signature. */
export const grafanaAlertSource = defineAlertSource({
  description: "Grafana unified alerting's webhook contact point (Alertmanager's payload, version 1)",
  parse: (body) => parseGrafanaPayload(body),
  authSchema: z.union([bearerAuthSchema, grafanaHmacAuthSchema]),
  checkAuth: (rule, req) => {
    if ('bearer' in rule) return bearerRefusal(req, rule.bearer);
    // Grafana signs bare hex (a `sha256=` prefix is accepted) over `<timestamp>:<body>`, and once
    // the contact point names a Timestamp Header every request carries it.
    return signatureRefusal(
      req,
      {
        secret: rule.hmacSecret,
        prefix: 'optional',
        separator: ':',
        timestampRequired: rule.timestampHeader !== undefined,
        toleranceMs: rule.timestampTolerance ?? DEFAULT_TIMESTAMP_TOLERANCE_MS,
      },
      { source: 'grafana', header: rule.header, timestampHeader: rule.timestampHeader },
    );
  },
  describeAuth: (rule) => ('bearer' in rule ? 'bearer token' : `HMAC-SHA256 in ${rule.header}`),
  security: {
    authentication: ['bearer token', 'HMAC-SHA256 of the body'],
    signedTimestamp: 'optional',
    eventIds: 'never',
  },
});

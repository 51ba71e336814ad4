/**
 * Grafana unified alerting's webhook contact point. Its payload is Alertmanager's (Grafana runs an
 * embedded Alertmanager) with a version of "1" and a few extra fields: orgId, title, state,
 * message, and per alert values, valueString and dashboard/panel/silence URLs. Alerts carry the
 * fingerprint Grafana computed; when one is absent it is computed from the labels.
 */
import { z } from 'zod';
import { alertSchema, type ReceivedAlert, toReceived } from './alertmanager.js';
import { parsePayload } from './payload.js';

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

/**
 * The generic webhook: one alert in a small documented shape, for tools that are not Alertmanager,
 * Grafana or PagerDuty (a cron job, a CI pipeline, a script):
 *
 *   { "name": "HighErrorRate", "service": "checkout", "severity": "critical",
 *     "status": "firing", "startsAt": "2026-03-09T14:53:00Z",
 *     "labels": { "namespace": "shop" }, "annotations": { "summary": "5xx above 5%" } }
 *
 * Only `name` and `service` are required; `startsAt` defaults to the time of receipt (passed in).
 */
import { z } from 'zod';
import { SEVERITIES } from '../core/index.js';
import type { ReceivedAlert } from './alertmanager.js';
import { alertFingerprint } from './fingerprint.js';
import { parsePayload } from './payload.js';

export const genericAlertSchema = z
  .object({
    name: z.string().min(1).max(200),
    service: z.string().min(1).max(200),
    severity: z.enum(SEVERITIES).default('warning'),
    status: z.enum(['firing', 'resolved']).default('firing'),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }).optional(),
    labels: z.record(z.string(), z.string()).default({}),
    annotations: z.record(z.string(), z.string()).default({}),
    group: z.string().max(200).optional(),
  })
  .strict();

export function parseGenericAlert(body: unknown, receivedAt: number): ReceivedAlert {
  const a = parsePayload(genericAlertSchema, body, 'generic alert');
  // The identity is the alert's name, service and labels, as Alertmanager's would be.
  const labels = { ...a.labels, alertname: a.name, service: a.service };
  return {
    source: 'generic',
    fingerprint: alertFingerprint(labels),
    status: a.status,
    groupKey: a.group ?? `generic:${a.service}`,
    alert: {
      name: a.name,
      service: a.service,
      severity: a.severity,
      startsAt: a.startsAt ? Date.parse(a.startsAt) : receivedAt,
      ...(a.endsAt && a.status === 'resolved' ? { endsAt: Date.parse(a.endsAt) } : {}),
      labels,
      annotations: a.annotations,
    },
  };
}

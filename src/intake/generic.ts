/**
 * The generic webhook: one alert in a small documented shape, for tools that are not Alertmanager,
 * Grafana or PagerDuty (a cron job, a CI pipeline, a script):
 *
 *   { "name": "HighErrorRate", "service": "checkout", "severity": "critical",
 *     "status": "firing", "startsAt": "2026-03-09T14:53:00Z",
 *     "labels": { "namespace": "shop" }, "annotations": { "summary": "5xx above 5%" } }
 *
 * Only `name` and `service` are required; `startsAt` defaults to the time of receipt (passed in).
 * An optional `id` (or `eventId`) names the delivery: a repeat of an id already received is
 * ignored, so a sender may retry safely. `startsAt` (firing) and `endsAt` (resolved), when given,
 * order deliveries: one older than the alert's latest state is ignored.
 */
import { z } from 'zod';
import { SEVERITIES } from '../core/index.js';
import type { ReceivedAlert } from './alertmanager.js';
import { bearerRefusal, DEFAULT_TIMESTAMP_TOLERANCE_MS, signatureRefusal } from './auth.js';
import { bearerAuthSchema, hmacAuthSchema } from './auth-schema.js';
import { alertFingerprint } from './fingerprint.js';
import { parsePayload } from './payload.js';
import { defineAlertSource } from './source.js';

/** Where the generic webhook's signed timestamp goes unless auth.generic.timestampHeader says. */
export const GENERIC_TIMESTAMP_HEADER = 'X-Nightshift-Timestamp';

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
    /** The sender's id of this delivery, for dedup; `eventId` is accepted as its other name. */
    id: z.string().min(1).max(200).optional(),
    eventId: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((a) => a.id === undefined || a.eventId === undefined || a.id === a.eventId, {
    message: 'id and eventId name the same thing; send one of them',
    path: ['eventId'],
  });

export function parseGenericAlert(body: unknown, receivedAt: number): ReceivedAlert {
  const a = parsePayload(genericAlertSchema, body, 'generic alert');
  // The identity is the alert's name, service and labels, as Alertmanager's would be.
  const labels = { ...a.labels, alertname: a.name, service: a.service };
  // Only times the sender gave order deliveries; the time of receipt is ours, not the event's.
  const sentAt = a.status === 'firing' ? a.startsAt : a.endsAt;
  const eventId = a.eventId ?? a.id;
  return {
    source: 'generic',
    fingerprint: alertFingerprint(labels),
    status: a.status,
    groupKey: a.group ?? `generic:${a.service}`,
    ...(sentAt !== undefined && { eventAt: Date.parse(sentAt) }),
    ...(eventId !== undefined && { eventId }),
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

/** The generic webhook, authenticated with a bearer token or our HMAC signature. */
export const genericAlertSource = defineAlertSource({
  description: 'the generic webhook: one alert in a small documented shape, for scripts and other tools',
  parse: (body, receivedAt) => [parseGenericAlert(body, receivedAt)],
  authSchema: z.union([bearerAuthSchema, hmacAuthSchema]),
  checkAuth: (rule, req) => {
    if ('bearer' in rule) return bearerRefusal(req, rule.bearer);
    return signatureRefusal(
      req,
      {
        secret: rule.hmacSecret,
        prefix: 'required',
        separator: '.',
        timestampRequired: rule.requireTimestamp ?? false,
        toleranceMs: rule.timestampTolerance ?? DEFAULT_TIMESTAMP_TOLERANCE_MS,
      },
      {
        source: 'generic',
        header: rule.header,
        timestampHeader: rule.timestampHeader ?? GENERIC_TIMESTAMP_HEADER,
      },
    );
  },
  describeAuth: (rule) => ('bearer' in rule ? 'bearer token' : `HMAC-SHA256 in ${rule.header}`),
  security: {
    authentication: ['bearer token', 'HMAC-SHA256 of the body'],
    signedTimestamp: 'optional',
    eventIds: 'optional',
  },
});

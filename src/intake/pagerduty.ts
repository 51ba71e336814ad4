/**
 * PagerDuty V3 webhooks: one event per delivery, `{ event: { event_type, occurred_at, data } }`.
 * `incident.triggered` fires an alert, `incident.resolved` resolves it; every other event type
 * (acknowledged, annotated, priority_updated, …) is accepted and ignored. The identity is the
 * PagerDuty incident, so a re-delivered trigger is a duplicate. Each delivery carries its event id
 * (PagerDuty retries a delivery with the same id) and occurred_at, which the store uses to ignore a
 * repeated or out-of-order event: a trigger replayed after its resolve does not reopen the incident,
 * while `incident.reopened`, which happens after the resolve, does.
 */
import { z } from 'zod';
import type { ReceivedAlert } from './alertmanager.js';
import { FORBIDDEN, UNAUTHORIZED } from './auth.js';
import { pagerDutyAuthSchema } from './auth-schema.js';
import { alertFingerprint } from './fingerprint.js';
import { verifyPagerDutySignature } from './pagerduty-signature.js';
import { parsePayload } from './payload.js';
import { defineAlertSource } from './source.js';

const reference = z.object({ id: z.string(), summary: z.string().optional() }).passthrough();

export const pagerDutyPayloadSchema = z.object({
  event: z.object({
    id: z.string(),
    event_type: z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'expected a type such as incident.triggered'),
    resource_type: z.string(),
    occurred_at: z.iso.datetime({ offset: true }),
    data: z
      .object({
        id: z.string(),
        type: z.string(),
        title: z.string().optional(),
        status: z.string().optional(),
        urgency: z.enum(['high', 'low']).optional(),
        incident_key: z.string().nullish(),
        created_at: z.iso.datetime({ offset: true }).optional(),
        html_url: z.string().optional(),
        service: reference.optional(),
        priority: reference.nullish(),
      })
      .passthrough(),
  }),
});

const STATUS_OF: Record<string, ReceivedAlert['status'] | undefined> = {
  'incident.triggered': 'firing',
  'incident.reopened': 'firing',
  'incident.resolved': 'resolved',
};

/** The alert of a delivery, or an empty list for events that are not a trigger or a resolve. */
export function parsePagerDutyPayload(body: unknown): ReceivedAlert[] {
  const { event } = parsePayload(pagerDutyPayloadSchema, body, 'pagerduty payload');
  const status = STATUS_OF[event.event_type];
  if (!status || event.resource_type !== 'incident') return [];
  const d = event.data;
  const service = d.service?.summary ?? 'unknown';
  const labels: Record<string, string> = {
    alertname: d.title ?? `PagerDuty incident ${d.id}`,
    service,
    pagerduty_incident: d.id,
  };
  const startsAt = Date.parse(d.created_at ?? event.occurred_at);
  return [
    {
      source: 'pagerduty',
      fingerprint: alertFingerprint({ pagerduty_incident: d.id }),
      status,
      groupKey: `pagerduty:${d.incident_key ?? d.id}`,
      eventAt: Date.parse(event.occurred_at),
      eventId: event.id,
      alert: {
        name: labels.alertname as string,
        service,
        severity: d.urgency === 'high' ? 'critical' : 'warning',
        startsAt,
        ...(status === 'resolved' ? { endsAt: Date.parse(event.occurred_at) } : {}),
        labels,
        annotations: d.html_url ? { pagerduty_url: d.html_url } : {},
      },
    },
  ];
}

/** PagerDuty V3 webhook subscriptions, signed with the subscription's secret(s). */
export const pagerDutyAlertSource = defineAlertSource({
  description: 'PagerDuty V3 webhooks: incident triggered, reopened and resolved (other events are ignored)',
  parse: (body) => parsePagerDutyPayload(body),
  authSchema: pagerDutyAuthSchema,
  checkAuth: (rule, req) => {
    const check = verifyPagerDutySignature(req.rawBody, req.header('x-pagerduty-signature'), rule.secrets);
    return check === 'valid' ? undefined : check === 'malformed' ? UNAUTHORIZED : FORBIDDEN;
  },
  describeAuth: (rule) =>
    `PagerDuty signature (${rule.secrets.length} secret${rule.secrets.length === 1 ? '' : 's'})`,
  // PagerDuty signs the body only; every event carries its id, which intake remembers.
  security: {
    authentication: ['PagerDuty V3 signature of the body'],
    signedTimestamp: 'never',
    eventIds: 'always',
  },
});

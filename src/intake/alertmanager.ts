/**
 * Alertmanager's webhook payload (version 4): a group of alerts sharing the group labels, each
 * firing or resolved, with its labels, annotations, times and fingerprint. Parsed with zod where it
 * enters; a malformed payload gets one message naming the field. Each alert becomes our Alert plus
 * its identity and status, for dedup and for updating the thread when it resolves.
 */
import { z } from 'zod';
import { type Alert, SEVERITIES, type Severity } from '../core/index.js';
import { bearerRefusal } from './auth.js';
import { bearerAuthSchema } from './auth-schema.js';
import { alertFingerprint } from './fingerprint.js';
import { parsePayload, serviceOf } from './payload.js';
import type { AlertSourceKind } from './registry.js';
import { defineAlertSource } from './source.js';

/** Alertmanager writes this for "no end time yet". */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export const alertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()).default({}),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.union([z.iso.datetime({ offset: true }), z.literal(ZERO_TIME)]).optional(),
  generatorURL: z.string().optional(),
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
});

export const alertmanagerPayloadSchema = z.object({
  version: z.literal('4', { error: 'only version "4" of the Alertmanager webhook payload is supported' }),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: z.record(z.string(), z.string()).default({}),
  commonLabels: z.record(z.string(), z.string()).default({}),
  commonAnnotations: z.record(z.string(), z.string()).default({}),
  externalURL: z.string().optional(),
  alerts: z.array(alertSchema).min(1),
});

export interface ReceivedAlert {
  source: AlertSourceKind;
  fingerprint: string;
  status: 'firing' | 'resolved';
  /** Alerts delivered together, to be investigated together. */
  groupKey: string;
  alert: Alert;
  /**
   * When the sender says this state began (epoch ms): a firing alert's start, a resolve's end,
   * PagerDuty's occurred_at. The store ignores a delivery older than the state it already applied
   * for this fingerprint, so a late retry or a replay cannot reopen or resolve out of order.
   * Absent when the sender gave no time (the generic webhook without startsAt/endsAt).
   */
  eventAt?: number;
  /** The sender's id of this delivery (PagerDuty event.id, the generic id): repeats are ignored. */
  eventId?: string;
}

export function parseAlertmanagerPayload(body: unknown): ReceivedAlert[] {
  const payload = parsePayload(alertmanagerPayloadSchema, body, 'alertmanager payload');
  return payload.alerts.map((a) => toReceived('alertmanager', payload.groupKey, a));
}

type AlertmanagerAlert = z.infer<typeof alertSchema>;

/** One alert of an Alertmanager-shaped payload (Alertmanager's own, or Grafana's). */
export function toReceived(
  source: ReceivedAlert['source'],
  groupKey: string,
  a: AlertmanagerAlert,
): ReceivedAlert {
  const severity = (SEVERITIES as readonly string[]).includes(a.labels.severity ?? '')
    ? (a.labels.severity as Severity)
    : 'warning';
  const startsAt = Date.parse(a.startsAt);
  const endsAt = a.endsAt && a.endsAt !== ZERO_TIME ? Date.parse(a.endsAt) : undefined;
  // Alertmanager repeats a firing alert with the same startsAt every repeat_interval, and a new
  // episode after a resolve gets a new, later startsAt: so a firing's time is its start and a
  // resolve's its end. A resolve without an end carries no time and is applied unordered.
  const eventAt = a.status === 'firing' ? startsAt : endsAt;
  return {
    source,
    fingerprint: a.fingerprint ?? alertFingerprint(a.labels),
    status: a.status,
    groupKey,
    ...(eventAt !== undefined && { eventAt }),
    alert: {
      name: a.labels.alertname ?? 'unnamed alert',
      service: serviceOf(a.labels),
      severity,
      startsAt,
      ...(endsAt !== undefined && a.status === 'resolved' ? { endsAt } : {}),
      labels: a.labels,
      annotations: a.annotations,
    },
  };
}

/** Alertmanager's webhook receiver, with `http_config.authorization` carrying the bearer token. */
export const alertmanagerAlertSource = defineAlertSource({
  description:
    "Prometheus Alertmanager's webhook receiver (payload version 4), one group of alerts a delivery",
  parse: (body) => parseAlertmanagerPayload(body),
  authSchema: bearerAuthSchema,
  checkAuth: (rule, req) => bearerRefusal(req, rule.bearer),
  describeAuth: () => 'bearer token',
  // Alertmanager can send a bearer token and nothing else: no signature, no delivery id. It
  // repeats firing alerts itself, so repeats are handled by fingerprint and start time.
  security: { authentication: ['bearer token'], signedTimestamp: 'never', eventIds: 'never' },
});

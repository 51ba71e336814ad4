/**
 * Alertmanager's webhook payload (version 4): a group of alerts sharing the group labels, each
 * firing or resolved, with its labels, annotations, times and fingerprint. Parsed with zod where it
 * enters; a malformed payload gets one message naming the field. Each alert becomes our Alert plus
 * its identity and status, for dedup and for updating the thread when it resolves.
 */
import { z } from 'zod';
import { type Alert, NightshiftError, SEVERITIES, type Severity } from '../core/index.js';
import { alertFingerprint } from './fingerprint.js';

/** Alertmanager writes this for "no end time yet". */
const ZERO_TIME = '0001-01-01T00:00:00Z';

const alertSchema = z.object({
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
  source: 'alertmanager' | 'grafana' | 'pagerduty' | 'generic';
  fingerprint: string;
  status: 'firing' | 'resolved';
  /** Alerts delivered together, to be investigated together. */
  groupKey: string;
  alert: Alert;
}

/** Labels that name the service an alert is about, most specific first. */
const SERVICE_LABELS = ['service', 'app', 'job', 'container', 'deployment', 'pod'];

export function parseAlertmanagerPayload(body: unknown): ReceivedAlert[] {
  const parsed = alertmanagerPayloadSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NightshiftError(
      'BAD_INPUT',
      `alertmanager payload: field "${issue?.path.join('.') || '(body)'}": ${issue?.message ?? 'invalid'}`,
    );
  }
  const payload = parsed.data;
  return payload.alerts.map((a) => {
    const service =
      SERVICE_LABELS.map((l) => a.labels[l]).find((v) => v !== undefined && v !== '') ?? 'unknown';
    const severity = (SEVERITIES as readonly string[]).includes(a.labels.severity ?? '')
      ? (a.labels.severity as Severity)
      : 'warning';
    const endsAt = a.endsAt && a.endsAt !== ZERO_TIME ? Date.parse(a.endsAt) : undefined;
    return {
      source: 'alertmanager',
      fingerprint: a.fingerprint ?? alertFingerprint(a.labels),
      status: a.status,
      groupKey: payload.groupKey,
      alert: {
        name: a.labels.alertname ?? 'unnamed alert',
        service,
        severity,
        startsAt: Date.parse(a.startsAt),
        ...(endsAt !== undefined && a.status === 'resolved' ? { endsAt } : {}),
        labels: a.labels,
        annotations: a.annotations,
      },
    };
  });
}

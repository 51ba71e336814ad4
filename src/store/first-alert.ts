/** The alert an investigation starts from, read back from the store. */
import { type Alert, SEVERITIES, type Severity } from '../core/index.js';
import type { StoredAlert } from './types.js';

/**
 * The group's first alert to fire, as the core alert an investigation takes (a severity the core
 * does not know reads as `warning`); undefined when the investigation has no alerts.
 */
export function firstAlertOf(alerts: readonly StoredAlert[]): Alert | undefined {
  const first = [...alerts].sort((a, b) => a.startsAt - b.startsAt)[0];
  if (!first) return undefined;
  const severity: Severity = (SEVERITIES as readonly string[]).includes(first.severity)
    ? (first.severity as Severity)
    : 'warning';
  return {
    name: first.name,
    service: first.service,
    severity,
    startsAt: first.startsAt,
    labels: first.labels,
    annotations: first.annotations,
  };
}

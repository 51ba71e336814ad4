/** The alert parsers, one per webhook source; `nightshift serve` mounts one endpoint each. */
import { parseAlertmanagerPayload, type ReceivedAlert } from './alertmanager.js';
import { parseGenericAlert } from './generic.js';
import { parseGrafanaPayload } from './grafana.js';
import { parsePagerDutyPayload } from './pagerduty.js';

export interface AlertParser {
  /** Alerts in one delivery; throws BAD_INPUT naming the field for a malformed payload. */
  parse(body: unknown, receivedAt: number): ReceivedAlert[];
}

export const ALERT_SOURCES = ['alertmanager', 'grafana', 'pagerduty', 'generic'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export const alertParsers: Record<AlertSource, AlertParser> = {
  alertmanager: { parse: (body) => parseAlertmanagerPayload(body) },
  grafana: { parse: (body) => parseGrafanaPayload(body) },
  pagerduty: { parse: (body) => parsePagerDutyPayload(body) },
  generic: { parse: (body, receivedAt) => [parseGenericAlert(body, receivedAt)] },
};

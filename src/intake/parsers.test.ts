import { describe, expect, test } from 'vitest';
import { alertFingerprint } from './fingerprint.js';
import { parseGrafanaPayload } from './grafana.js';
import { parsePagerDutyPayload } from './pagerduty.js';

const grafanaAlert = {
  status: 'firing',
  labels: { alertname: 'High memory usage', team: 'blue', zone: 'us-1', service: 'cart' },
  annotations: { summary: 'memory above 90%' },
  startsAt: '2021-10-12T09:51:03.157076+02:00',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'https://grafana.example/alerting/1afz29v7z/edit',
  fingerprint: 'c6eadffa33fcdf37',
  silenceURL: 'https://grafana.example/alerting/silence/new',
  dashboardURL: '',
  panelURL: '',
  values: { B: 44.23943737541908, C: 1 },
};

describe('grafana', () => {
  test('the documented payload becomes alerts with Grafana’s fingerprint and a group', () => {
    const [a] = parseGrafanaPayload({
      receiver: 'nightshift',
      status: 'firing',
      orgId: 1,
      alerts: [grafanaAlert],
      groupLabels: { alertname: 'High memory usage' },
      commonLabels: { team: 'blue' },
      externalURL: 'https://grafana.example/',
      version: '1',
      groupKey: '{}/{}:{alertname="High memory usage"}',
      truncatedAlerts: 0,
      title: '[FIRING:1] High memory usage',
      state: 'alerting',
      message: '**Firing** …',
    });
    expect(a).toMatchObject({
      source: 'grafana',
      fingerprint: 'c6eadffa33fcdf37',
      status: 'firing',
      eventAt: Date.parse('2021-10-12T07:51:03.157Z'),
      groupKey: '{}/{}:{alertname="High memory usage"}',
      alert: {
        name: 'High memory usage',
        service: 'cart',
        severity: 'warning',
        startsAt: Date.parse('2021-10-12T07:51:03.157Z'),
      },
    });
  });

  test('without a group key the group is the org and the group labels', () => {
    const [a] = parseGrafanaPayload({
      status: 'firing',
      orgId: 3,
      alerts: [grafanaAlert],
      groupLabels: { b: '2', a: '1' },
    });
    expect(a?.groupKey).toBe('grafana:3:a=1,b=2');
  });

  test.each([
    [{ status: 'firing', alerts: [] }, /field "alerts"/],
    [{ status: 'pending', alerts: [grafanaAlert] }, /field "status"/],
    [{ status: 'firing', alerts: [{ ...grafanaAlert, labels: { a: 1 } }] }, /field "alerts.0.labels.a"/],
  ])('a malformed payload names the field (%#)', (body, message) => {
    expect(() => parseGrafanaPayload(body)).toThrow(message);
  });
});

function pdEvent(eventType: string, data: Record<string, unknown> = {}) {
  return {
    event: {
      id: '5ac64822-4adc-4fda-ade0-410becf0de4f',
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: '2026-05-20T14:05:00.000Z',
      agent: { id: 'PXPGF42', type: 'user_reference' },
      data: {
        id: 'PT4KHLK',
        type: 'incident',
        number: 1234,
        status: 'triggered',
        incident_key: 'baf7cf21b1da41b4b0221008339ff357',
        created_at: '2026-05-20T14:00:00.000Z',
        title: 'The server is on fire.',
        urgency: 'high',
        html_url: 'https://acme.pagerduty.com/incidents/PT4KHLK',
        service: { id: 'PIJ90N7', summary: 'checkout', type: 'service_reference' },
        ...data,
      },
    },
  };
}

describe('pagerduty', () => {
  test('a trigger fires an alert identified by the PagerDuty incident', () => {
    const [a] = parsePagerDutyPayload(pdEvent('incident.triggered'));
    expect(a).toMatchObject({
      source: 'pagerduty',
      status: 'firing',
      fingerprint: alertFingerprint({ pagerduty_incident: 'PT4KHLK' }),
      groupKey: 'pagerduty:baf7cf21b1da41b4b0221008339ff357',
      // The delivery's id and time, for dedup and ordering: occurred_at, not the incident's start.
      eventId: '5ac64822-4adc-4fda-ade0-410becf0de4f',
      eventAt: Date.parse('2026-05-20T14:05:00Z'),
      alert: {
        name: 'The server is on fire.',
        service: 'checkout',
        severity: 'critical',
        startsAt: Date.parse('2026-05-20T14:00:00Z'),
      },
    });
  });

  test('a resolve has the same identity and its end time', () => {
    const [fired] = parsePagerDutyPayload(pdEvent('incident.triggered'));
    const [resolved] = parsePagerDutyPayload(pdEvent('incident.resolved', { status: 'resolved' }));
    expect(resolved?.fingerprint).toBe(fired?.fingerprint);
    expect(resolved).toMatchObject({
      status: 'resolved',
      alert: { endsAt: Date.parse('2026-05-20T14:05:00Z') },
    });
  });

  test('a reopen fires again, at the time it occurred', () => {
    const body = pdEvent('incident.reopened');
    body.event.occurred_at = '2026-05-20T15:00:00.000Z';
    body.event.id = 'reopen-1';
    const [reopened] = parsePagerDutyPayload(body);
    expect(reopened).toMatchObject({
      status: 'firing',
      eventId: 'reopen-1',
      eventAt: Date.parse('2026-05-20T15:00:00Z'),
    });
  });

  test.each(['incident.acknowledged', 'incident.annotated', 'incident.priority_updated'])(
    '%s is accepted and ignored',
    (type) => {
      expect(parsePagerDutyPayload(pdEvent(type))).toEqual([]);
    },
  );

  test('low urgency is a warning; a missing service is unknown', () => {
    const [a] = parsePagerDutyPayload(pdEvent('incident.triggered', { urgency: 'low', service: undefined }));
    expect(a?.alert).toMatchObject({ severity: 'warning', service: 'unknown' });
  });

  test('a malformed event names the field', () => {
    expect(() =>
      parsePagerDutyPayload({ event: { ...pdEvent('x').event, event_type: 'triggered' } }),
    ).toThrow(/field "event.event_type"/);
    expect(() => parsePagerDutyPayload({})).toThrow(/field "event"/);
  });
});

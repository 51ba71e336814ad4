import { describe, expect, test } from 'vitest';
import { parseAlertmanagerPayload } from './alertmanager.js';
import { alertFingerprint } from './fingerprint.js';

// Vectors from an independent implementation of Prometheus' labelSetToFingerprint (Python).
test.each<{ labels: Record<string, string>; expected: string }>([
  { labels: {}, expected: 'cbf29ce484222325' },
  {
    labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' },
    expected: '7d2d332feada5c59',
  },
  {
    labels: { severity: 'critical', service: 'checkout', alertname: 'HighErrorRate' },
    expected: '7d2d332feada5c59',
  },
  { labels: { a: 'bc' }, expected: 'a0a3542c19b900ab' },
  { labels: { ab: 'c' }, expected: '20ba9b3025a8b421' },
  { labels: { team: 'café' }, expected: 'bba2f37d3463bff6' },
])('alertFingerprint($labels) = $expected', ({ labels, expected }) => {
  expect(alertFingerprint(labels)).toBe(expected);
});

const payload = {
  version: '4',
  groupKey: '{}:{alertname="HighErrorRate"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'nightshift',
  groupLabels: { alertname: 'HighErrorRate' },
  commonLabels: { alertname: 'HighErrorRate', severity: 'critical' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical', namespace: 'shop' },
      annotations: { summary: '5xx above 5%' },
      startsAt: '2026-03-09T14:53:00.000Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph',
      fingerprint: '1a2b3c4d5e6f7a8b',
    },
    {
      status: 'resolved',
      labels: { alertname: 'HighErrorRate', job: 'cart', severity: 'page' },
      startsAt: '2026-03-09T14:40:00+01:00',
      endsAt: '2026-03-09T15:10:00+01:00',
    },
  ],
};

describe('parseAlertmanagerPayload', () => {
  test('a v4 group becomes one alert each, with identity, status and group', () => {
    const [first, second] = parseAlertmanagerPayload(payload);
    expect(first).toEqual({
      source: 'alertmanager',
      fingerprint: '1a2b3c4d5e6f7a8b',
      status: 'firing',
      groupKey: payload.groupKey,
      // A firing's time is its start: Alertmanager repeats it unchanged every repeat_interval.
      eventAt: Date.parse('2026-03-09T14:53:00Z'),
      alert: {
        name: 'HighErrorRate',
        service: 'checkout',
        severity: 'critical',
        startsAt: Date.parse('2026-03-09T14:53:00Z'),
        labels: payload.alerts[0]?.labels,
        annotations: { summary: '5xx above 5%' },
      },
    });
    // No fingerprint in the payload: computed as Alertmanager would; the service from `job`; an
    // unknown severity becomes a warning; a resolved alert keeps its end, which is its time.
    expect(second).toMatchObject({
      fingerprint: alertFingerprint({ alertname: 'HighErrorRate', job: 'cart', severity: 'page' }),
      status: 'resolved',
      eventAt: Date.parse('2026-03-09T14:10:00Z'),
      alert: {
        service: 'cart',
        severity: 'warning',
        startsAt: Date.parse('2026-03-09T13:40:00Z'),
        endsAt: Date.parse('2026-03-09T14:10:00Z'),
      },
    });
  });

  test('a resolve without an end carries no time; Alertmanager payloads have no event id', () => {
    const { endsAt: _none, ...noEnd } = payload.alerts[1] as (typeof payload.alerts)[1];
    const [resolved] = parseAlertmanagerPayload({ ...payload, alerts: [noEnd] });
    expect(resolved?.status).toBe('resolved');
    expect(resolved).not.toHaveProperty('eventAt');
    expect(resolved).not.toHaveProperty('eventId');
  });

  test.each([
    {
      name: 'another version',
      body: { ...payload, version: '3' },
      message: 'field "version": only version "4"',
    },
    { name: 'no alerts', body: { ...payload, alerts: [] }, message: 'field "alerts"' },
    {
      name: 'a bad start time',
      body: { ...payload, alerts: [{ ...payload.alerts[0], startsAt: 'yesterday' }] },
      message: 'field "alerts.0.startsAt"',
    },
    { name: 'not an object', body: 'hello', message: 'alertmanager payload: field "(body)"' },
  ])('$name → a 400-worthy message naming the field', ({ body, message }) => {
    expect(() => parseAlertmanagerPayload(body)).toThrow(message);
  });
});

import { expect, test } from 'vitest';
import { alertFingerprint } from './fingerprint.js';
import { parseGenericAlert } from './generic.js';

const now = Date.parse('2026-03-09T15:00:00Z');

test('the smallest alert: name and service; severity, status and time take defaults', () => {
  expect(parseGenericAlert({ name: 'BackupFailed', service: 'postgres' }, now)).toEqual({
    source: 'generic',
    fingerprint: alertFingerprint({ alertname: 'BackupFailed', service: 'postgres' }),
    status: 'firing',
    groupKey: 'generic:postgres',
    alert: {
      name: 'BackupFailed',
      service: 'postgres',
      severity: 'warning',
      startsAt: now,
      labels: { alertname: 'BackupFailed', service: 'postgres' },
      annotations: {},
    },
  });
});

test('the same alert sent twice has the same identity; another label makes another', () => {
  const a = parseGenericAlert({ name: 'X', service: 's', labels: { region: 'eu' } }, now);
  const b = parseGenericAlert({ name: 'X', service: 's', labels: { region: 'eu' } }, now + 60_000);
  const c = parseGenericAlert({ name: 'X', service: 's', labels: { region: 'us' } }, now);
  expect(a.fingerprint).toBe(b.fingerprint);
  expect(a.fingerprint).not.toBe(c.fingerprint);
});

test.each([
  {
    name: 'firing: its startsAt orders it; id names the delivery',
    body: { name: 'X', service: 's', startsAt: '2026-03-09T14:00:00Z', id: 'run-41' },
    expected: { eventAt: Date.parse('2026-03-09T14:00:00Z'), eventId: 'run-41' },
  },
  {
    name: 'resolved: its endsAt orders it; eventId is id’s other name',
    body: {
      name: 'X',
      service: 's',
      status: 'resolved',
      startsAt: '2026-03-09T14:00:00Z',
      endsAt: '2026-03-09T14:30:00Z',
      eventId: 'run-42',
    },
    expected: { eventAt: Date.parse('2026-03-09T14:30:00Z'), eventId: 'run-42' },
  },
  {
    name: 'resolved without endsAt: no time of its own (receipt is not the event)',
    body: { name: 'X', service: 's', status: 'resolved', startsAt: '2026-03-09T14:00:00Z' },
    expected: {},
  },
])('$name', ({ body, expected }) => {
  const parsed = parseGenericAlert(body, now);
  expect({ eventAt: parsed.eventAt, eventId: parsed.eventId }).toEqual({
    eventAt: undefined,
    eventId: undefined,
    ...expected,
  });
});

test.each([
  { body: { service: 'x' }, message: 'generic alert: field "name"' },
  { body: { name: 'x', service: 'y', id: 'a', eventId: 'b' }, message: 'field "eventId": id and eventId' },
  { body: { name: 'x', service: 'y', id: '' }, message: 'field "id"' },
  { body: { name: 'x', service: 'y', severity: 'sev1' }, message: 'field "severity"' },
  { body: { name: 'x', service: 'y', startsAt: '9am' }, message: 'field "startsAt"' },
  { body: { name: 'x', service: 'y', colour: 'red' }, message: 'generic alert: field "(body)"' },
  { body: [], message: 'generic alert: field "(body)"' },
])('bad input $body → a message naming the field', ({ body, message }) => {
  expect(() => parseGenericAlert(body, now)).toThrow(message);
});

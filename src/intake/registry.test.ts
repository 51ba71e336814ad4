import { describe, expect, test } from 'vitest';
import { bearerRefusal } from './auth.js';
import { bearerAuthSchema } from './auth-schema.js';
import {
  ALERT_SOURCES,
  alertSourceAuthShape,
  alertSources,
  checkAlertSourceAuth,
  describeAlertSourceAuth,
  isAlertSource,
  openAlertSources,
} from './registry.js';
import { type AlertSourceDef, defineAlertSource } from './source.js';

const SECRET = 'a-shared-secret-of-some-length';
const request = (headers: Record<string, string>) => ({
  header: (name: string) => headers[name.toLowerCase()],
  rawBody: new TextEncoder().encode('{}'),
  nowMs: 0,
});

test('the list of sources and the auth: settings are the registry', () => {
  expect(ALERT_SOURCES).toEqual(['alertmanager', 'grafana', 'pagerduty', 'generic']);
  expect(Object.keys(alertSourceAuthShape)).toEqual(ALERT_SOURCES);
  expect(ALERT_SOURCES.every(isAlertSource)).toBe(true);
  expect(isAlertSource('toString')).toBe(false);
});

describe.each(ALERT_SOURCES)('%s', (kind) => {
  test('without a credential it is open, and listed as open', () => {
    expect(checkAlertSourceAuth({}, kind, request({}))).toBeUndefined();
    expect(openAlertSources({})).toContain(kind);
    expect(describeAlertSourceAuth({}, kind)).toBe('open (no credential)');
  });

  test('with a credential, a request carrying none is refused with 401', () => {
    const rule = [{ bearer: SECRET }, { secrets: [SECRET] }]
      .map((c) => alertSources[kind].authSchema.safeParse(c))
      .find((r) => r.success)?.data;
    expect(rule).toBeDefined();
    const auth = { [kind]: rule };
    expect(checkAlertSourceAuth(auth, kind, request({}))).toEqual({ status: 401, error: 'unauthorized' });
    expect(openAlertSources(auth)).not.toContain(kind);
    expect(describeAlertSourceAuth(auth, kind)).not.toContain(SECRET);
  });

  test('its security properties are stated', () => {
    const { security, description } = alertSources[kind];
    expect(description.length).toBeGreaterThan(10);
    expect(security.authentication.length).toBeGreaterThan(0);
  });
});

test('the auth check used is the source’s own: the generic webhook’s HMAC header is its setting', () => {
  const auth = { generic: { hmacSecret: SECRET, header: 'X-Sig' } };
  expect(checkAlertSourceAuth(auth, 'generic', request({ 'x-sig': 'sha256=00' }))).toEqual({
    status: 403,
    error: 'forbidden',
  });
  expect(describeAlertSourceAuth(auth, 'generic')).toBe('HMAC-SHA256 in X-Sig');
});

test('an entry missing a property does not compile', () => {
  const parts = {
    description: 'x',
    parse: () => [],
    authSchema: bearerAuthSchema,
    checkAuth: (rule: { bearer: string }, req: Parameters<typeof bearerRefusal>[0]) =>
      bearerRefusal(req, rule.bearer),
    describeAuth: () => 'bearer token',
  };
  // @ts-expect-error `security` is missing
  const incomplete = defineAlertSource({ ...parts });
  const registry = {
    // @ts-expect-error `describeAuth` is missing
    x: { ...incomplete, describeAuth: undefined },
  } satisfies Record<string, AlertSourceDef>;
  expect(Object.keys(registry)).toEqual(['x']);
});

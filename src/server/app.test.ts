import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AuthConfig } from '../config/schema.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';

const T0 = Date.parse('2026-03-09T15:00:00Z');
const AM_TOKEN = 'am-token-0123456789abcdef';
const PD_SECRET = 'pd-secret-0123456789abcdef';
const GENERIC_SECRET = 'generic-secret-0123456789';
const API_TOKEN = 'api-token-0123456789abcdef';

let store: Store;
let queued = 0;

beforeEach(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  queued = 0;
});
afterEach(() => store.close());

function app(auth: AuthConfig = {}, bodyLimit = 64 * 1024) {
  return createApp({
    store,
    auth,
    bodyLimit,
    intake: { groupWindowMs: 5 * 60_000, maxAttempts: 3 },
    now: () => T0,
    onQueued: () => queued++,
  });
}

function amPayload(
  alerts: { name: string; status?: 'firing' | 'resolved'; pod?: string }[],
  groupKey = '{}:{alertname="x"}',
) {
  return {
    version: '4',
    groupKey,
    status: 'firing',
    receiver: 'nightshift',
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    alerts: alerts.map((a) => ({
      status: a.status ?? 'firing',
      labels: { alertname: a.name, service: 'checkout', severity: 'critical', ...(a.pod && { pod: a.pod }) },
      annotations: { summary: 'errors' },
      startsAt: '2026-03-09T14:55:00Z',
      endsAt: '0001-01-01T00:00:00Z',
    })),
  };
}

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('webhooks', () => {
  test('an alert starts one investigation; the same alert again is a duplicate', async () => {
    const a = app();
    const first = await a.request('/webhooks/alertmanager', post(amPayload([{ name: 'HighErrorRate' }])));
    expect(first.status).toBe(202);
    const body = (await first.json()) as { outcomes: { kind: string; investigationId: string }[] };
    expect(body.outcomes.map((o) => o.kind)).toEqual(['new']);
    const again = await a.request('/webhooks/alertmanager', post(amPayload([{ name: 'HighErrorRate' }])));
    expect(((await again.json()) as { outcomes: { kind: string }[] }).outcomes[0]?.kind).toBe('duplicate');
    expect(queued).toBe(1);
    expect(await store.listInvestigations({ limit: 10 })).toHaveLength(1);
  });

  test('alerts delivered together are one investigation; a resolve of all queues the resolve', async () => {
    const a = app();
    const res = await a.request('/webhooks/alertmanager', post(amPayload([{ name: 'A' }, { name: 'B' }])));
    const outcomes = ((await res.json()) as { outcomes: { kind: string; investigationId: string }[] })
      .outcomes;
    expect(outcomes.map((o) => o.kind)).toEqual(['new', 'grouped']);
    expect(outcomes[0]?.investigationId).toBe(outcomes[1]?.investigationId);
    const resolved = await a.request(
      '/webhooks/alertmanager',
      post(
        amPayload([
          { name: 'A', status: 'resolved' },
          { name: 'B', status: 'resolved' },
        ]),
      ),
    );
    const kinds = ((await resolved.json()) as { outcomes: { kind: string; allResolved?: boolean }[] })
      .outcomes;
    expect(kinds.map((o) => [o.kind, o.allResolved])).toEqual([
      ['resolved', false],
      ['resolved', true],
    ]);
    expect((await store.pendingJobs()).map((j) => j.kind).sort()).toEqual(['investigate', 'resolve']);
  });

  test.each([
    ['no credentials', {}, 401],
    ['a wrong token', { authorization: 'Bearer nope' }, 403],
    ['not a bearer header', { authorization: 'Basic abc' }, 403],
    ['the right token', { authorization: `Bearer ${AM_TOKEN}` }, 202],
  ])('alertmanager with %s: %i', async (_name, headers, status) => {
    const res = await app({ alertmanager: { bearer: AM_TOKEN } }).request(
      '/webhooks/alertmanager',
      post(amPayload([{ name: 'X' }]), headers),
    );
    expect(res.status).toBe(status);
    if (status >= 400) {
      const text = await res.text();
      expect(text).not.toContain(AM_TOKEN);
      expect(text.length).toBeLessThan(40);
    }
  });

  test('PagerDuty deliveries are checked against the signature of the raw body', async () => {
    const body = JSON.stringify({
      event: {
        id: 'ev1',
        event_type: 'incident.triggered',
        resource_type: 'incident',
        occurred_at: '2026-03-09T14:58:00Z',
        data: {
          id: 'PT4KHLK',
          type: 'incident',
          title: 'Checkout down',
          urgency: 'high',
          service: { id: 'S1', summary: 'checkout' },
        },
      },
    });
    const sign = (secret: string) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const a = app({ pagerduty: { secrets: [PD_SECRET] } });
    const send = (headers: Record<string, string>) => a.request('/webhooks/pagerduty', post(body, headers));
    expect((await send({})).status).toBe(401);
    expect((await send({ 'x-pagerduty-signature': sign('another-secret-0123456789') })).status).toBe(403);
    const ok = await send({ 'x-pagerduty-signature': sign(PD_SECRET) });
    expect(ok.status).toBe(202);
    const inv = (await store.listInvestigations({ limit: 1 }))[0];
    expect(inv).toMatchObject({ service: 'checkout', severity: 'critical' });
  });

  test('the generic webhook may use an HMAC signature header', async () => {
    const body = JSON.stringify({ name: 'QueueBacklog', service: 'worker' });
    const a = app({ generic: { hmacSecret: GENERIC_SECRET, header: 'X-Nightshift-Signature' } });
    const sig = `sha256=${createHmac('sha256', GENERIC_SECRET).update(body).digest('hex')}`;
    expect((await a.request('/webhooks/generic', post(body))).status).toBe(401);
    expect(
      (await a.request('/webhooks/generic', post(body, { 'x-nightshift-signature': 'sha256=00' }))).status,
    ).toBe(403);
    expect((await a.request('/webhooks/generic', post(body, { 'x-nightshift-signature': sig }))).status).toBe(
      202,
    );
  });

  test.each([
    ['not JSON', '{"version":', /^body is not JSON/],
    ['a missing field', { version: '4', status: 'firing', receiver: 'r', alerts: [] }, /field "groupKey"/],
    ['an empty alert list', { ...amPayload([{ name: 'X' }]), alerts: [] }, /field "alerts"/],
    [
      'a bad time',
      {
        ...amPayload([{ name: 'X' }]),
        alerts: [{ ...amPayload([{ name: 'X' }]).alerts[0], startsAt: 'yesterday' }],
      },
      /field "alerts.0.startsAt"/,
    ],
  ])('a payload with %s is a 400 naming the problem', async (_name, body, message) => {
    const res = await app().request('/webhooks/alertmanager', post(body));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(await store.listInvestigations({ limit: 10 })).toHaveLength(0);
  });

  test('a body over the limit is a 413 and nothing is recorded', async () => {
    const big = amPayload([{ name: 'X' }]);
    big.commonAnnotations = { blob: 'x'.repeat(5000) };
    const res = await app({}, 2048).request('/webhooks/alertmanager', post(big));
    expect(res.status).toBe(413);
    expect(await store.listInvestigations({ limit: 10 })).toHaveLength(0);
  });

  test('an unknown source is a 404 that lists the sources', async () => {
    const res = await app().request('/webhooks/zabbix', post({}));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('alertmanager, grafana, pagerduty, generic');
  });

  test('healthz answers', async () => {
    const res = await app().request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', store: 'sqlite', pendingJobs: 0, deadJobs: 0 });
  });
});

describe('JSON API', () => {
  async function oneInvestigation(a: ReturnType<typeof app>): Promise<string> {
    const res = await a.request('/webhooks/generic', post({ name: 'HighLatency', service: 'api' }));
    return ((await res.json()) as { outcomes: { investigationId: string }[] }).outcomes[0]
      ?.investigationId as string;
  }

  test('lists and gets investigations; unknown ids are 404', async () => {
    const a = app();
    const id = await oneInvestigation(a);
    const list = (await (await a.request('/api/investigations?limit=5')).json()) as {
      investigations: { id: string }[];
    };
    expect(list.investigations.map((i) => i.id)).toEqual([id]);
    const one = (await (await a.request(`/api/investigations/${id}`)).json()) as {
      alerts: { name: string }[];
    };
    expect(one.alerts.map((x) => x.name)).toEqual(['HighLatency']);
    expect((await a.request('/api/investigations/nope')).status).toBe(404);
    expect((await a.request(`/api/investigations/${id}/trace`)).status).toBe(404);
    const bad = await a.request('/api/investigations?limit=0');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('limit');
  });

  test('feedback is validated, stored and counted in stats', async () => {
    const a = app();
    const id = await oneInvestigation(a);
    const bad = await a.request(`/api/investigations/${id}/feedback`, post({ grade: 'great' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('grade');
    const ok = await a.request(
      `/api/investigations/${id}/feedback`,
      post({
        grade: 'partly_correct',
        rootCause: 'connection pool too small after deploy',
        by: 'oncall',
      }),
    );
    expect(ok.status).toBe(201);
    const stats = (await (await a.request('/api/stats')).json()) as { graded: number; accuracy: unknown };
    expect(stats.graded).toBe(1);
    expect(stats.accuracy).toEqual({ correct: 0, correctOrPartly: 1 });
  });

  test('with an API token, requests without it are refused', async () => {
    const a = app({ api: { bearer: API_TOKEN } });
    expect((await a.request('/api/stats')).status).toBe(401);
    expect((await a.request('/api/stats', { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
    expect(
      (await a.request('/api/stats', { headers: { authorization: `Bearer ${API_TOKEN}` } })).status,
    ).toBe(200);
  });
});

describe('requests from browsers and foreign names (the default server has no auth)', () => {
  const alert = { name: 'HighErrorRate', service: 'checkout' };

  test('a cross-origin text/plain POST is refused and opens nothing', async () => {
    const res = await app().request('/webhooks/generic', {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body: JSON.stringify(alert),
    });
    expect(res.status).toBe(403);
    expect(await store.listInvestigations({ limit: 10 })).toEqual([]);
  });

  test('a form-encoded POST without browser headers is refused as not JSON', async () => {
    const res = await app().request('/webhooks/generic', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=x&service=y',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toMatch(/application\/json/);
    expect(await store.listInvestigations({ limit: 10 })).toEqual([]);
  });

  test('feedback sent as text/plain is refused and records no grade', async () => {
    const a = app();
    await a.request('/webhooks/generic', post(alert));
    const [inv] = await store.listInvestigations({ limit: 1 });
    const res = await a.request(`/api/investigations/${inv?.id}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ grade: 'wrong' }),
    });
    expect(res.status).toBe(415);
    expect(await store.listFeedback()).toEqual([]);
  });

  test('a foreign Host (DNS rebinding) cannot read the API; a loopback one can', async () => {
    const a = app();
    await a.request('/webhooks/generic', post(alert));
    const foreign = await a.request('/api/investigations', { headers: { host: 'evil.example:8787' } });
    expect(foreign.status).toBe(421);
    expect(await foreign.text()).not.toContain('checkout');
    const local = await a.request('/api/investigations', { headers: { host: '127.0.0.1:8787' } });
    expect(local.status).toBe(200);
  });

  test('a configured name is answered', async () => {
    const a = createApp({
      store,
      auth: {},
      bodyLimit: 1024,
      intake: { groupWindowMs: 60_000, maxAttempts: 3 },
      allowedHosts: ['nightshift.monitoring.svc'],
    });
    expect(
      (await a.request('/healthz', { headers: { host: 'nightshift.monitoring.svc:8787' } })).status,
    ).toBe(200);
    expect((await a.request('/healthz', { headers: { host: 'other.monitoring.svc:8787' } })).status).toBe(
      421,
    );
  });

  test('every route has the body limit: an oversized feedback body is a 413, chunked or declared', async () => {
    const a = app({}, 2048);
    await a.request('/webhooks/generic', post(alert));
    const [inv] = await store.listInvestigations({ limit: 1 });
    const big = JSON.stringify({ grade: 'wrong', rootCause: 'x'.repeat(4000) });
    const declared = await a.request(`/api/investigations/${inv?.id}/feedback`, post(big));
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await a.request(`/api/investigations/${inv?.id}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await store.listFeedback()).toEqual([]);
  });
});

describe('the report page', () => {
  test('opens without auth on the default server, as HTML with a strict CSP', async () => {
    const a = app();
    await a.request('/webhooks/generic', post({ name: 'HighErrorRate', service: 'checkout' }));
    const [inv] = await store.listInvestigations({ limit: 1 });
    const res = await a.request(`/investigations/${inv?.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await res.text()).toContain('HighErrorRate');
    expect((await a.request('/investigations/nope')).status).toBe(404);
  });

  test('with an API token, a browser signs in with Basic auth (token as password)', async () => {
    const a = app({ api: { bearer: API_TOKEN } });
    await a.request('/webhooks/generic', post({ name: 'HighErrorRate', service: 'checkout' }));
    const [inv] = await store.listInvestigations({ limit: 1 });
    const path = `/investigations/${inv?.id}`;
    const anonymous = await a.request(path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="nightshift"/);
    const basic = (password: string) => ({
      headers: { authorization: `Basic ${Buffer.from(`oncall:${password}`).toString('base64')}` },
    });
    expect((await a.request(path, basic('not-the-token'))).status).toBe(403);
    expect((await a.request(path, basic(API_TOKEN))).status).toBe(200);
    expect((await a.request(path, { headers: { authorization: `Bearer ${API_TOKEN}` } })).status).toBe(200);
  });
});

import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AuthConfig } from '../config/schema.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';

/**
 * Replayed and out-of-order webhooks, end to end through the HTTP surface: a signed delivery sent
 * again, or arriving after a later state, must not open an investigation or queue a brief.
 */

const T0 = Date.parse('2026-03-09T15:00:00Z');
const PD_SECRET = 'pd-secret-0123456789abcdef';
const GENERIC_SECRET = 'generic-secret-0123456789';
const GRAFANA_SECRET = 'grafana-secret-0123456789';

let store: Store;
let clock: number;
beforeEach(async () => {
  store = await openStore({ kind: 'sqlite', path: ':memory:' });
  clock = T0;
});
afterEach(() => store.close());

function app(auth: AuthConfig) {
  return createApp({
    store,
    auth,
    bodyLimit: 64 * 1024,
    intake: { groupWindowMs: 5 * 60_000, maxAttempts: 3 },
    now: () => clock,
  });
}

const post = (body: string, headers: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

interface Answer {
  status: number;
  outcomes: { kind: string; reason?: string }[];
  error?: string;
}

async function answer(res: Response): Promise<Answer> {
  const json = (await res.json()) as { outcomes?: Answer['outcomes']; error?: string };
  return { status: res.status, outcomes: json.outcomes ?? [], ...(json.error && { error: json.error }) };
}

/** How many investigations and queued jobs the store holds: what a replay must not change. */
async function counts() {
  return {
    investigations: (await store.listInvestigations({ limit: 100 })).length,
    jobs: (await store.pendingJobs()).map((j) => j.kind).sort(),
  };
}

describe('PagerDuty', () => {
  const hmac = (body: string) => `v1=${createHmac('sha256', PD_SECRET).update(body).digest('hex')}`;
  function event(id: string, type: string, occurredAt: string): string {
    return JSON.stringify({
      event: {
        id,
        event_type: type,
        resource_type: 'incident',
        occurred_at: occurredAt,
        data: {
          id: 'PT4KHLK',
          type: 'incident',
          title: 'Checkout down',
          urgency: 'high',
          created_at: '2026-03-09T14:58:00Z',
          service: { id: 'S1', summary: 'checkout' },
        },
      },
    });
  }
  const triggered = event('ev-trigger', 'incident.triggered', '2026-03-09T14:58:00Z');
  const resolved = event('ev-resolve', 'incident.resolved', '2026-03-09T15:10:00Z');

  async function triggerThenResolve(a: ReturnType<typeof app>) {
    const send = (body: string) =>
      a.request('/webhooks/pagerduty', post(body, { 'x-pagerduty-signature': hmac(body) }));
    expect((await answer(await send(triggered))).outcomes.map((o) => o.kind)).toEqual(['new']);
    clock = T0 + 10 * 60_000;
    expect((await answer(await send(resolved))).outcomes.map((o) => o.kind)).toEqual(['resolved']);
    expect(await counts()).toEqual({ investigations: 1, jobs: ['investigate', 'resolve'] });
    return send;
  }

  test('the same signed trigger replayed after its resolve is ignored: no investigation, no job', async () => {
    const send = await triggerThenResolve(app({ pagerduty: { secrets: [PD_SECRET] } }));
    clock = T0 + 20 * 60_000;
    const replay = await answer(await send(triggered));
    expect(replay).toEqual({
      status: 202,
      outcomes: [
        {
          kind: 'ignored',
          reason: 'event ev-trigger (pagerduty) already received',
          fingerprint: expect.any(String),
        },
      ],
    });
    expect(await counts()).toEqual({ investigations: 1, jobs: ['investigate', 'resolve'] });
  });

  test('a late genuine retry with a new id but an older time is ignored; a reopen later reopens', async () => {
    const send = await triggerThenResolve(app({ pagerduty: { secrets: [PD_SECRET] } }));
    const late = await answer(await send(event('ev-late', 'incident.triggered', '2026-03-09T14:58:00Z')));
    expect(late.outcomes).toEqual([
      expect.objectContaining({
        kind: 'ignored',
        reason: expect.stringContaining('not newer than its latest state'),
      }),
    ]);
    expect(await counts()).toEqual({ investigations: 1, jobs: ['investigate', 'resolve'] });

    const reopened = await answer(
      await send(event('ev-reopen', 'incident.reopened', '2026-03-09T15:30:00Z')),
    );
    expect(reopened.outcomes.map((o) => o.kind)).toEqual(['new']);
    expect(await counts()).toEqual({ investigations: 2, jobs: ['investigate', 'investigate', 'resolve'] });
  });
});

describe('generic webhook, signed timestamp', () => {
  const body = JSON.stringify({ name: 'QueueBacklog', service: 'worker', id: 'run-7' });
  const sign = (text: string) => `sha256=${createHmac('sha256', GENERIC_SECRET).update(text).digest('hex')}`;
  const seconds = (ms: number) => String(Math.floor(ms / 1000));
  const timestamped = (ts: string, text = body) => ({
    'x-nightshift-timestamp': ts,
    'x-nightshift-signature': sign(`${ts}.${text}`),
  });
  const generic = (extra: Partial<NonNullable<AuthConfig['generic']>> = {}) =>
    app({ generic: { hmacSecret: GENERIC_SECRET, header: 'X-Nightshift-Signature', ...extra } });

  test.each([
    { name: 'now', skewMs: 0, status: 202 },
    { name: '5 minutes old (the edge)', skewMs: -5 * 60_000, status: 202 },
    { name: '5 minutes and 1 s old', skewMs: -5 * 60_000 - 1_000, status: 403 },
    { name: '6 minutes in the future', skewMs: 6 * 60_000, status: 403 },
  ])('a timestamp $name → $status', async ({ skewMs, status }) => {
    const res = await answer(
      await generic().request('/webhooks/generic', post(body, timestamped(seconds(T0 + skewMs)))),
    );
    expect(res.status).toBe(status);
    if (status === 403) {
      expect(res.error).toMatch(
        /^forbidden: the signed timestamp \(header X-Nightshift-Timestamp\) is 3\d\d s (old|in the future), outside the 300 s tolerance/,
      );
      expect(await counts()).toEqual({ investigations: 0, jobs: [] });
    }
  });

  test('the tolerance is configurable', async () => {
    const a = generic({ timestampTolerance: 60_000 });
    const res = await answer(
      await a.request('/webhooks/generic', post(body, timestamped(seconds(T0 - 90_000)))),
    );
    expect(res).toMatchObject({ status: 403, error: expect.stringContaining('outside the 60 s tolerance') });
  });

  test('the timestamp is signed: a fresh one cannot be put on an old signature', async () => {
    // A captured body-only signature with today's timestamp added, and a timestamp moved forward.
    const oldBodyOnly = { 'x-nightshift-timestamp': seconds(T0), 'x-nightshift-signature': sign(body) };
    const moved = { ...timestamped(seconds(T0 - 3_600_000)), 'x-nightshift-timestamp': seconds(T0) };
    for (const headers of [oldBodyOnly, moved]) {
      expect(await answer(await generic().request('/webhooks/generic', post(body, headers)))).toEqual({
        status: 403,
        outcomes: [],
        error: 'forbidden',
      });
    }
  });

  test('a body-only signature still works, unless a timestamp is required', async () => {
    const bodyOnly = { 'x-nightshift-signature': sign(body) };
    expect((await generic().request('/webhooks/generic', post(body, bodyOnly))).status).toBe(202);
    const strict = await answer(
      await generic({ requireTimestamp: true }).request('/webhooks/generic', post(body, bodyOnly)),
    );
    expect(strict).toMatchObject({
      status: 401,
      error: expect.stringContaining('header X-Nightshift-Timestamp'),
    });
  });

  test('a timestamp that is not unix seconds is refused, naming the header', async () => {
    const headers = timestamped('2026-03-09T15:00:00Z');
    const res = await answer(await generic().request('/webhooks/generic', post(body, headers)));
    expect(res).toEqual({
      status: 403,
      outcomes: [],
      error: 'forbidden: header X-Nightshift-Timestamp must be the unix time in seconds',
    });
  });

  test('a replayed delivery with the same id is ignored, even freshly signed', async () => {
    const a = generic();
    const first = await answer(await a.request('/webhooks/generic', post(body, timestamped(seconds(T0)))));
    expect(first.outcomes.map((o) => o.kind)).toEqual(['new']);
    clock = T0 + 60_000;
    // A resolve carrying the same id: were the id not remembered, it would resolve the alert.
    const again = JSON.stringify({
      name: 'QueueBacklog',
      service: 'worker',
      status: 'resolved',
      eventId: 'run-7',
    });
    const replay = await answer(
      await a.request('/webhooks/generic', post(again, timestamped(seconds(clock), again))),
    );
    expect(replay.outcomes).toEqual([
      expect.objectContaining({ kind: 'ignored', reason: 'event run-7 (generic) already received' }),
    ]);
    expect(await counts()).toEqual({ investigations: 1, jobs: ['investigate'] });
  });
});

describe('Grafana HMAC', () => {
  const body = JSON.stringify({
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'HighMemory', service: 'cart' },
        startsAt: '2026-03-09T14:55:00Z',
        endsAt: '0001-01-01T00:00:00Z',
      },
    ],
  });
  const grafanaSign = (text: string) => createHmac('sha256', GRAFANA_SECRET).update(text).digest('hex');

  test('signs <timestamp>:<body> in bare hex when a timestamp header is configured', async () => {
    const a = app({
      grafana: {
        hmacSecret: GRAFANA_SECRET,
        header: 'X-Grafana-Alerting-Signature',
        timestampHeader: 'X-Grafana-Alerting-Timestamp',
      },
    });
    const ts = String(T0 / 1000);
    const signed = {
      'x-grafana-alerting-timestamp': ts,
      'x-grafana-alerting-signature': grafanaSign(`${ts}:${body}`),
    };
    expect((await a.request('/webhooks/grafana', post(body, signed))).status).toBe(202);
    const bodyOnly = { 'x-grafana-alerting-signature': grafanaSign(body) };
    expect((await a.request('/webhooks/grafana', post(body, bodyOnly))).status).toBe(401);
    clock = T0 + 10 * 60_000;
    const stale = await answer(await a.request('/webhooks/grafana', post(body, signed)));
    expect(stale).toMatchObject({ status: 403, error: expect.stringContaining('600 s old') });
  });

  test('without a timestamp header the body alone is signed', async () => {
    const a = app({ grafana: { hmacSecret: GRAFANA_SECRET, header: 'X-Grafana-Alerting-Signature' } });
    const signed = { 'x-grafana-alerting-signature': grafanaSign(body) };
    expect((await a.request('/webhooks/grafana', post(body, signed))).status).toBe(202);
    const wrong = { 'x-grafana-alerting-signature': grafanaSign(`${body} `) };
    expect((await a.request('/webhooks/grafana', post(body, wrong))).status).toBe(403);
  });
});

describe('Alertmanager ordering', () => {
  function delivery(status: 'firing' | 'resolved', startsAt: string, endsAt = '0001-01-01T00:00:00Z') {
    return JSON.stringify({
      version: '4',
      groupKey: '{}:{alertname="HighErrorRate"}',
      status,
      receiver: 'nightshift',
      alerts: [{ status, labels: { alertname: 'HighErrorRate', service: 'checkout' }, startsAt, endsAt }],
    });
  }

  test('a repeat is a duplicate, a late retry after the resolve is ignored, a new start is new', async () => {
    const a = app({});
    const send = async (body: string) =>
      (await answer(await a.request('/webhooks/alertmanager', post(body, {})))).outcomes.map((o) => o.kind);
    const episode = delivery('firing', '2026-03-09T14:50:00Z');
    expect(await send(episode)).toEqual(['new']);
    expect(await send(episode)).toEqual(['duplicate']); // repeat_interval
    expect(await send(delivery('resolved', '2026-03-09T14:50:00Z', '2026-03-09T14:59:00Z'))).toEqual([
      'resolved',
    ]);
    expect(await send(episode)).toEqual(['ignored']); // a retry of the firing, delivered late
    expect(await counts()).toEqual({ investigations: 1, jobs: ['investigate', 'resolve'] });
    expect(await send(delivery('firing', '2026-03-09T15:05:00Z'))).toEqual(['new']);
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../testing/connectors/prometheus-server.js';
import { rejection } from '../../../testing/errors.js';
import type { NightshiftError } from '../../core/index.js';
import { createPrometheusClient } from './client.js';

const TOKEN = 'sekret-token-4711';
const PASSWORD = 'hunter2-password';

/** A stand-in for Prometheus: each path answers as the test needs; requests are recorded. */
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes: Record<string, Handler> = {
  '/ok/api/v1/query_range': (_req, res) =>
    json(res, 200, {
      status: 'success',
      warnings: ['results may be incomplete'],
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { __name__: 'up', job: 'api' },
            values: [
              [1774286340, '1'],
              [1774286340.5, 'NaN'],
              [1774286341.25, '+Inf'],
              [1774286342, '-Inf'],
            ],
          },
        ],
      },
    }),
  '/ok/api/v1/series': (_req, res) =>
    json(res, 200, { status: 'success', data: [{ __name__: 'up', job: 'api' }] }),
  '/bad/api/v1/query_range': (_req, res) =>
    json(res, 400, {
      status: 'error',
      errorType: 'bad_data',
      error: '1:5: parse error: unclosed left parenthesis',
    }),
  // Echoes the credentials it was sent: they must still not reach a message.
  '/auth/api/v1/query_range': (req, res) => {
    res.writeHead(401, { 'content-type': 'text/plain' });
    res.end(`unauthorized: ${req.headers.authorization}`);
  },
  '/echo/api/v1/query_range': (req, res) =>
    json(res, 422, {
      status: 'error',
      errorType: 'execution',
      error: `denied for ${req.headers.authorization}`,
    }),
  '/html/api/v1/query_range': (_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><body>Bad Gateway</body></html>');
  },
  '/shape/api/v1/query_range': (_req, res) =>
    json(res, 200, { status: 'success', data: { resultType: 'vector', result: [] } }),
  '/slow/api/v1/query_range': () => {
    // Never answers; the client must give up.
  },
};

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

let server: Server;
let base: string;
const seen: { url: string; authorization?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({
      url: req.url ?? '',
      ...(req.headers.authorization && { authorization: req.headers.authorization }),
    });
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = routes[path];
    if (route) route(req, res);
    else json(res, 404, { status: 'error', errorType: 'not_found', error: 'no such route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const window = { startMs: 1774286340000, endMs: 1774286369999, stepMs: 30_000 };

function leaks(error: NightshiftError): string {
  return `${error.message}\n${error.hint ?? ''}`;
}

describe('prometheus client', () => {
  it('sends the range in seconds with decimals, the step and the token; parses values and warnings', async () => {
    const client = createPrometheusClient({
      url: `${base}/ok`,
      auth: { bearer: TOKEN },
      headers: {},
      timeoutMs: 5_000,
    });
    const answer = await client.queryRange('up', window, undefined);
    expect(answer).toEqual({
      warnings: ['results may be incomplete'],
      data: [
        {
          metric: { __name__: 'up', job: 'api' },
          values: [
            [1774286340, 1],
            [1774286340.5, Number.NaN],
            [1774286341.25, Number.POSITIVE_INFINITY],
            [1774286342, Number.NEGATIVE_INFINITY],
          ],
        },
      ],
    });
    expect(seen.at(-1)).toEqual({
      url: '/ok/api/v1/query_range?query=up&start=1774286340.000&end=1774286369.999&step=30',
      authorization: `Bearer ${TOKEN}`,
    });
  });

  it('repeats match[] for series and sends basic auth', async () => {
    const client = createPrometheusClient({
      url: `${base}/ok/`,
      auth: { username: 'nightshift', password: PASSWORD },
      headers: {},
      timeoutMs: 5_000,
    });
    const answer = await client.series(['up', '{job="a"}'], { startMs: 1000, endMs: 2500 });
    expect(answer.data).toEqual([{ __name__: 'up', job: 'api' }]);
    expect(seen.at(-1)).toEqual({
      url: `/ok/api/v1/series?${new URLSearchParams([
        ['match[]', 'up'],
        ['match[]', '{job="a"}'],
        ['start', '1.000'],
        ['end', '2.500'],
      ])}`,
      authorization: `Basic ${Buffer.from(`nightshift:${PASSWORD}`).toString('base64')}`,
    });
  });

  it('shows Prometheus message and the query of a 400 bad_data', async () => {
    const client = createPrometheusClient({ url: `${base}/bad`, headers: {}, timeoutMs: 5_000 });
    const error = await rejection(client.queryRange('rate(up', window));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(
      `Prometheus at ${base}/bad/api/v1/query_range rejected the query: ` +
        '1:5: parse error: unclosed left parenthesis (query: rate(up)',
    );
  });

  it('says to check the url when nothing listens', async () => {
    const port = await freePort();
    const client = createPrometheusClient({ url: `http://127.0.0.1:${port}`, headers: {}, timeoutMs: 5_000 });
    const error = await rejection(client.labels());
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toBe(
      `cannot reach Prometheus at http://127.0.0.1:${port}/api/v1/labels: ECONNREFUSED`,
    );
    expect(error.hint).toBe('check the url and that Prometheus is up');
  });

  it.each([
    { name: 'bearer token', options: { auth: { bearer: TOKEN } }, secret: TOKEN },
    {
      name: 'basic auth password',
      options: { auth: { username: 'u', password: PASSWORD } },
      secret: PASSWORD,
    },
  ])('401 says to check the credentials without leaking the $name', async ({ options, secret }) => {
    const client = createPrometheusClient({ url: `${base}/auth`, headers: {}, timeoutMs: 5_000, ...options });
    const error = await rejection(client.queryRange('up', window));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(
      `Prometheus at ${base}/auth/api/v1/query_range refused the request (HTTP 401 Unauthorized)`,
    );
    expect(error.hint).toContain('check prometheus.auth');
    expect(leaks(error)).not.toContain(secret);
  });

  it('redacts credentials that a server echoes in its error, or that sit in the url', async () => {
    const client = createPrometheusClient({
      url: `http://user:${PASSWORD}@${base.slice('http://'.length)}/echo`,
      headers: { 'X-Scope-OrgID': 'tenant-secret' },
      timeoutMs: 5_000,
    });
    const error = await rejection(client.queryRange('up', window));
    expect(seen.at(-1)?.authorization).toBe(`Basic ${Buffer.from(`user:${PASSWORD}`).toString('base64')}`);
    expect(error.message).toBe(
      `Prometheus at ${base}/echo/api/v1/query_range failed (execution): denied for *** (query: up)`,
    );
    expect(leaks(error)).not.toContain(PASSWORD);
    expect(client.where).toBe(`${base}/echo`);
  });

  it('reports a body that is not the Prometheus API', async () => {
    const client = createPrometheusClient({ url: `${base}/html`, headers: {}, timeoutMs: 5_000 });
    const error = await rejection(client.queryRange('up', window));
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toContain('answered HTTP 502 with a body that is not the Prometheus API');
    expect(error.message).toContain('Bad Gateway');
  });

  it('reports data of an unexpected shape', async () => {
    const client = createPrometheusClient({ url: `${base}/shape`, headers: {}, timeoutMs: 5_000 });
    const error = await rejection(client.queryRange('up', window));
    expect(error.code).toBe('QUERY_FAILED');
    expect(error.message).toContain('answered with data of an unexpected shape');
  });

  it('gives up after timeoutMs', async () => {
    const client = createPrometheusClient({ url: `${base}/slow`, headers: {}, timeoutMs: 200 });
    const started = Date.now();
    const error = await rejection(client.queryRange('up', window));
    expect(error.code).toBe('QUERY_TIMEOUT');
    expect(error.message).toBe(`Prometheus at ${base}/slow/api/v1/query_range did not answer within 200 ms`);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('rejects with the reason of an aborted signal, before and during a request', async () => {
    const client = createPrometheusClient({ url: `${base}/slow`, headers: {}, timeoutMs: 10_000 });
    const before = new AbortController();
    before.abort(new Error('investigation cancelled'));
    const requests = seen.length;
    await expect(client.queryRange('up', window, before.signal)).rejects.toThrow('investigation cancelled');
    expect(seen.length).toBe(requests);

    const during = new AbortController();
    const pending = client.queryRange('up', window, during.signal);
    setTimeout(() => during.abort(new Error('source timed out')), 50);
    await expect(pending).rejects.toThrow('source timed out');
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rejection } from '../../testing/errors.js';
import { HttpError, type HttpRequest, httpJson, httpText, replaceSecrets } from './http.js';

const TOKEN = 'tok-5b1e0c93d7a2';

/** A loopback server whose routes answer as each test needs; every request is recorded. */
async function listen(routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void>) {
  const seen: { path: string; authorization: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push({ path, authorization: req.headers.authorization });
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404).end('no such route');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let backend: Awaited<ReturnType<typeof listen>>;
let elsewhere: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  elsewhere = await listen({ '/steal': (_req, res) => res.end('{"ok":true}') });
  backend = await listen({
    '/ok': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"n":3,"name":"a"}'),
    '/moved': (_req, res) => res.writeHead(302, { location: `${elsewhere.url}/steal?key=${TOKEN}` }).end(),
    '/slow': () => {
      // Never answers.
    },
    '/echo': (req, res) => res.writeHead(500).end(`denied for ${req.headers.authorization}\n  try   later`),
    '/html': (_req, res) => res.writeHead(200).end('<html>login</html>'),
    // Echoes the whole URL, which is the secret.
    '/secret-path-4c1f9e': (req, res) =>
      res.writeHead(403).end(`no_service at http://${req.headers.host}${req.url}`),
  });
});
afterAll(async () => {
  await backend.close();
  await elsewhere.close();
});

const scrubToken = (text: string) => replaceSecrets(text, [TOKEN]);
function request(path: string, extra: Partial<HttpRequest> = {}): HttpRequest {
  return {
    service: 'Backend',
    url: `${backend.url}${path}`,
    headers: { authorization: `Bearer ${TOKEN}` },
    timeoutMs: 5_000,
    scrub: scrubToken,
    ...extra,
  };
}
const shape = z.object({ n: z.number(), name: z.string() });

describe('core/http', () => {
  it('returns the validated JSON of a 2xx answer, sending the headers', async () => {
    expect(await httpJson(request('/ok'), shape)).toEqual({ n: 3, name: 'a' });
    expect(backend.seen.at(-1)).toEqual({ path: '/ok', authorization: `Bearer ${TOKEN}` });
  });

  it('refuses a redirect, naming the endpoint and the target without its query, and never follows it', async () => {
    const error = await rejection(httpText(request('/moved')));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ kind: 'redirect', code: 'BAD_INPUT', status: 302 });
    expect(error.message).toBe(
      `Backend at ${backend.url}/moved answered with a redirect (HTTP 302) to ${elsewhere.url}/steal; redirects are not followed`,
    );
    expect(elsewhere.seen).toEqual([]);
  });

  it('gives up after timeoutMs', async () => {
    const started = Date.now();
    const error = await rejection(
      httpText(request('/slow', { timeoutMs: 150, hints: { timeout: 'raise x.timeoutMs' } })),
    );
    expect([error.code, error.message, error.hint]).toEqual([
      'QUERY_TIMEOUT',
      `Backend at ${backend.url}/slow did not answer within 150 ms`,
      'raise x.timeoutMs',
    ]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("rejects with the caller's abort reason, before and during the request", async () => {
    const before = backend.seen.length;
    const reason = new Error('investigation cancelled');
    await expect(httpText(request('/slow', { signal: AbortSignal.abort(reason) }))).rejects.toBe(reason);
    expect(backend.seen.length).toBe(before);

    const during = new AbortController();
    const pending = httpText(request('/slow', { signal: during.signal }));
    setTimeout(() => during.abort(new Error('source timed out')), 50);
    await expect(pending).rejects.toThrow('source timed out');
  });

  it('turns a bare abort into a cancelled error that names the endpoint', async () => {
    const during = new AbortController();
    const pending = httpText(request('/slow', { signal: during.signal }));
    setTimeout(() => during.abort(), 50);
    const error = await rejection(pending);
    expect([error.code, error.message]).toEqual([
      'QUERY_TIMEOUT',
      `stopped waiting for Backend at ${backend.url}/slow: the request was cancelled`,
    ]);
  });

  it('maps a non-2xx answer to one error shape, with the credentials the server echoed scrubbed', async () => {
    const error = (await rejection(httpText(request('/echo')))) as HttpError;
    expect({
      kind: error.kind,
      code: error.code,
      status: error.status,
      endpoint: error.endpoint,
      excerpt: error.excerpt,
      message: error.message,
    }).toEqual({
      kind: 'status',
      code: 'QUERY_FAILED',
      status: 500,
      endpoint: `${backend.url}/echo`,
      excerpt: 'denied for Bearer *** try later',
      message: `Backend at ${backend.url}/echo answered HTTP 500: denied for Bearer *** try later`,
    });
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(TOKEN);
  });

  it('never shows user info from the URL, and nothing of a URL that is itself a secret', async () => {
    const requests = backend.seen.length;
    const withUser = await rejection(
      httpText(request('', { url: `${backend.url.replace('://', `://reader:${TOKEN}@`)}/echo` })),
    );
    expect([withUser.code, withUser.message]).toEqual([
      'INTERNAL',
      'the request URL for Backend carries user info',
    ]);
    expect(backend.seen.length).toBe(requests);

    const secretUrl = `${backend.url}/secret-path-4c1f9e`;
    const error = (await rejection(
      httpText(request('', { url: secretUrl, service: 'the webhook', urlIsSecret: true, scrub: (t) => t })),
    )) as HttpError;
    expect([error.message, error.endpoint, error.code]).toEqual([
      'the webhook answered HTTP 403: no_service at ***',
      undefined,
      'BAD_INPUT',
    ]);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain('4c1f9e');
  });

  it('names the endpoint and the field when the JSON has an unexpected shape', async () => {
    const error = (await rejection(httpJson(request('/ok'), z.object({ n: z.string() })))) as HttpError;
    expect([error.kind, error.field]).toEqual(['shape', 'n']);
    expect(error.message).toMatch(
      new RegExp(
        `^Backend at ${backend.url}/ok answered with data of an unexpected shape \\(field n: .*string`,
      ),
    );
  });

  it('says so when a 2xx body is not JSON', async () => {
    const error = await rejection(httpJson(request('/html'), shape));
    expect(error.message).toBe(
      `Backend at ${backend.url}/html answered HTTP 200 with a body that is not JSON: <html>login</html>`,
    );
  });

  it('names the network error when nothing listens', async () => {
    const closed = await listen({});
    await closed.close();
    const error = (await rejection(httpText(request('', { url: `${closed.url}/x` })))) as HttpError;
    expect([error.kind, error.message, error.networkCode]).toEqual([
      'unreachable',
      `cannot reach Backend at ${closed.url}/x: ECONNREFUSED`,
      'ECONNREFUSED',
    ]);
  });
});

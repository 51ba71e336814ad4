/**
 * The one HTTP client helper: every connector and notifier that speaks HTTP goes through it, so
 * they all stop at the same timeout, stop when the caller's signal aborts, refuse redirects, keep
 * credentials out of their errors and fail with one error shape.
 *
 * - Timeout: each request gets `timeoutMs`, joined with the caller's signal (AbortSignal.any).
 * - Abort: a caller that aborts with a reason of its own gets that reason back unchanged (so a
 *   reader that rethrows it says what the caller said); a bare `abort()` becomes a `cancelled`
 *   HttpError that names the endpoint, since the default AbortError names nothing.
 * - Redirects are not followed (`redirect: 'manual'`): following one would send the
 *   Authorization header, or the secret URL of a webhook, to wherever the server points.
 * - Credentials: messages name `<service> at <url without user, password, query or fragment>`,
 *   and every text a server sends back passes through the caller's `scrub` before it reaches an
 *   error. core imports nothing of ours, so the redaction module (src/anonymise) is supplied by
 *   the callers through `scrub`; the caller also knows its own secrets (tokens, passwords).
 * - Non-2xx: one `HttpError` of kind `status` with the status, the endpoint, a short excerpt and
 *   the scrubbed body (callers that know the server's error format parse it for a better message).
 * - JSON: `httpJson` validates the body with the zod schema passed in; an error names the field.
 */
import type { z } from 'zod';
import { type ErrorCode, NightshiftError } from './errors.js';

/** What went wrong, one word per way a request can fail. */
export type HttpFailureKind =
  | 'timeout'
  | 'cancelled'
  | 'unreachable'
  | 'redirect'
  | 'status'
  | 'not-json'
  | 'shape';

export interface HttpRequest {
  /** Who answers, in messages: `Prometheus`, `Loki`, `the Slack webhook`. */
  service: string;
  /** Where to send the request. Credentials go in `headers`, never in the URL's user info. */
  url: URL | string;
  /** When the URL is itself a secret (a Slack webhook), messages name only the service. */
  urlIsSecret?: boolean;
  method?: 'GET' | 'POST';
  headers?: Readonly<Record<string, string>>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Removes credentials from any text that reaches an error. Required, so no caller forgets. */
  scrub: (text: string) => string;
  /** What to do about each kind of failure, in the caller's words (e.g. naming its settings). */
  hints?: Partial<Record<HttpFailureKind, string>>;
}

export interface HttpAnswer {
  status: number;
  text: string;
}

/** Longest excerpt of a body quoted in a message. */
export const EXCERPT_CHARS = 300;
/** Longest body kept on an error for callers to parse (error bodies are small; this bounds memory). */
const ERROR_BODY_CHARS = 64 * 1024;

const DEFAULT_HINTS: Record<HttpFailureKind, string> = {
  timeout: 'the server may be overloaded: try a smaller request, or raise the timeout',
  cancelled: 'the caller stopped waiting (its time budget ran out)',
  unreachable: 'check the url and the network path to it (DNS, proxy, firewall)',
  redirect: 'configure the final address: redirects are not followed, so credentials never go elsewhere',
  status: 'check the url and the credentials; the server log may say more',
  'not-json': 'check that the url points at the API itself, not at a login page or a proxy',
  shape: 'check that the url points at a server version Nightshift supports',
};

/** One failed HTTP request: which kind, where (never with credentials), and what came back. */
export class HttpError extends NightshiftError {
  readonly kind: HttpFailureKind;
  /** The URL without credentials, query or fragment; undefined when the URL is a secret. */
  readonly endpoint: string | undefined;
  readonly status: number | undefined;
  /** The start of the body, whitespace folded, scrubbed: fit for a message. */
  readonly excerpt: string | undefined;
  /** The body (scrubbed, at most 64 KiB), for callers that parse the server's error format. */
  readonly body: string | undefined;
  /** The response field that failed validation (`data.result.0.values`), for `shape`. */
  readonly field: string | undefined;
  /** The network error code (`ECONNREFUSED`, `ENOTFOUND`), for `unreachable`. */
  readonly networkCode: string | undefined;

  constructor(
    kind: HttpFailureKind,
    message: string,
    details: {
      code: ErrorCode;
      hint: string;
      endpoint?: string;
      status?: number;
      body?: string;
      field?: string;
      networkCode?: string;
    },
  ) {
    super(details.code, message, { hint: details.hint });
    this.name = 'HttpError';
    this.kind = kind;
    this.endpoint = details.endpoint;
    this.status = details.status;
    this.body = details.body;
    this.excerpt = details.body === undefined ? undefined : excerptOf(details.body);
    this.field = details.field;
    this.networkCode = details.networkCode;
  }
}

/** `url` + `path` without credentials, query or fragment: what messages may show. */
export function safeEndpoint(url: string | URL, path = ''): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}${path}`;
}

/** `text` with every one of `secrets` replaced by `***`, longest first (a secret may hold another). */
export function replaceSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length > 0) out = out.replaceAll(s, '***');
  }
  return out;
}

/**
 * What to throw when `signal` is aborted: the caller's own reason, or, for a bare `abort()`, a
 * `cancelled` HttpError naming `where` (e.g. `Loki at http://loki:3100`).
 */
export function abortError(signal: AbortSignal, where: string): unknown {
  const reason: unknown = signal.reason;
  const bare = reason === undefined || (reason instanceof Error && reason.name === 'AbortError');
  if (!bare) return reason;
  return new HttpError('cancelled', `stopped waiting for ${where}: the request was cancelled`, {
    code: 'QUERY_TIMEOUT',
    hint: DEFAULT_HINTS.cancelled,
  });
}

/** Sends the request; resolves with a 2xx answer's text, else rejects (see the module comment). */
export async function httpText(request: HttpRequest): Promise<HttpAnswer> {
  const url = new URL(request.url);
  if (url.username !== '' || url.password !== '') {
    // A bug of the caller's (fetch refuses such URLs, and they would end up in messages).
    throw new NightshiftError('INTERNAL', `the request URL for ${request.service} carries user info`, {
      hint: 'send credentials as an Authorization header (connectors/http-auth.ts credentialsOf)',
    });
  }
  const endpoint = request.urlIsSecret ? undefined : safeEndpoint(url);
  const where = endpoint === undefined ? request.service : `${request.service} at ${endpoint}`;
  const scrub = (text: string) =>
    request.scrub(request.urlIsSecret ? replaceSecrets(text, [url.href, String(request.url)]) : text);
  const fail = (
    kind: HttpFailureKind,
    message: string,
    details: Partial<ConstructorParameters<typeof HttpError>[2]> = {},
  ) =>
    new HttpError(kind, message, {
      code: kind === 'timeout' || kind === 'cancelled' ? 'QUERY_TIMEOUT' : 'QUERY_FAILED',
      hint: request.hints?.[kind] ?? DEFAULT_HINTS[kind],
      ...(endpoint !== undefined && { endpoint }),
      ...details,
    });
  const caller = request.signal;
  if (caller?.aborted) throw cancelledOr(abortError(caller, where), fail);

  const timeout = AbortSignal.timeout(request.timeoutMs);
  let status: number;
  let text: string;
  let location: string | null;
  try {
    const response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: caller ? AbortSignal.any([caller, timeout]) : timeout,
    });
    status = response.status;
    location = response.headers.get('location');
    text = await response.text();
  } catch (error) {
    if (caller?.aborted) throw cancelledOr(abortError(caller, where), fail);
    if (timeout.aborted) throw fail('timeout', `${where} did not answer within ${request.timeoutMs} ms`);
    // No cause attached: fetch's errors can quote the request URL.
    const networkCode = scrub(networkCodeOf(error));
    throw fail('unreachable', `cannot reach ${where}: ${networkCode}`, { networkCode });
  }
  if (status >= 300 && status < 400) {
    const to = location !== null && !request.urlIsSecret ? ` to ${scrub(safeLocation(location, url))}` : '';
    throw fail(
      'redirect',
      `${where} answered with a redirect (HTTP ${status})${to}; redirects are not followed`,
      {
        code: 'BAD_INPUT',
        status,
      },
    );
  }
  if (status < 200 || status >= 300) {
    const body = scrub(text.slice(0, ERROR_BODY_CHARS));
    const excerpt = excerptOf(body);
    throw fail('status', `${where} answered HTTP ${status}${excerpt === '' ? '' : `: ${excerpt}`}`, {
      code: status >= 400 && status < 500 && status !== 408 && status !== 429 ? 'BAD_INPUT' : 'QUERY_FAILED',
      status,
      body,
    });
  }
  return { status, text };
}

/** `httpText`, then the body parsed as JSON and validated by `schema`. */
export async function httpJson<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>> {
  const answer = await httpText(request);
  const url = new URL(request.url);
  const endpoint = request.urlIsSecret ? undefined : safeEndpoint(url);
  const where = endpoint === undefined ? request.service : `${request.service} at ${endpoint}`;
  const details = (kind: HttpFailureKind) => ({
    code: 'QUERY_FAILED' as const,
    hint: request.hints?.[kind] ?? DEFAULT_HINTS[kind],
    ...(endpoint !== undefined && { endpoint }),
    status: answer.status,
  });
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    const body = request.scrub(answer.text.slice(0, ERROR_BODY_CHARS));
    throw new HttpError(
      'not-json',
      `${where} answered HTTP ${answer.status} with a body that is not JSON: ${excerptOf(body) || '(empty)'}`,
      { ...details('not-json'), body },
    );
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || '(body)';
  throw new HttpError(
    'shape',
    `${where} answered with data of an unexpected shape (field ${field}: ${request.scrub(issue?.message ?? 'invalid')})`,
    { ...details('shape'), field },
  );
}

/** A caller's own abort reason passes through; a `cancelled` error is rebuilt with the caller's hint. */
function cancelledOr(error: unknown, fail: (kind: HttpFailureKind, message: string) => HttpError): unknown {
  return error instanceof HttpError && error.kind === 'cancelled' ? fail('cancelled', error.message) : error;
}

function networkCodeOf(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') {
    return cause.code;
  }
  return 'network error';
}

/** Where a redirect points, without credentials or query; `(unreadable location)` if not a URL. */
function safeLocation(location: string, base: URL): string {
  try {
    return safeEndpoint(new URL(location, base));
  } catch {
    return '(unreadable location)';
  }
}

function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

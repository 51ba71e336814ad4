/**
 * The one request the Loki source makes: GET /loki/api/v1/query_range. I/O only: auth and tenant
 * headers, a per-request timeout joined with the caller's signal, and failures turned into
 * NightshiftErrors that name the endpoint (never its credentials) and say what to do.
 * (core/http.ts does not exist yet; this is the smallest fetch that does the job.)
 */
import { NightshiftError } from '../../core/index.js';
import { credentialsOf, safeEndpoint, scrub } from '../http-auth.js';
import type { LokiConfig } from './config.js';
import { type LokiQueryResponse, lokiQueryResponseSchema } from './wire.js';

export interface QueryRangeParams {
  query: string;
  /** Nanosecond epoch strings: start inclusive, end exclusive (Loki's own convention). */
  startNs: string;
  endNs: string;
  limit: number;
}

export async function queryRange(
  config: LokiConfig,
  params: QueryRangeParams,
  signal: AbortSignal | undefined,
): Promise<LokiQueryResponse> {
  const endpoint = safeEndpoint(config.url, '/loki/api/v1/query_range');
  const target = new URL(`${config.url.replace(/\/$/, '')}/loki/api/v1/query_range`);
  target.username = '';
  target.password = '';
  const search = new URLSearchParams({
    query: params.query,
    start: params.startNs,
    end: params.endNs,
    limit: String(params.limit),
    direction: 'forward',
  });
  target.search = search.toString();
  const credentials = credentialsOf(config.url, config.auth);

  if (signal?.aborted) throw cancelled(endpoint);
  const timeout = AbortSignal.timeout(config.timeoutMs);
  let response: Response;
  let body: string;
  try {
    response = await fetch(target, {
      headers: {
        accept: 'application/json',
        ...(credentials.authorization && { authorization: credentials.authorization }),
        ...(config.tenant !== undefined && { 'x-scope-orgid': config.tenant }),
      },
      redirect: 'error',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    body = await response.text();
  } catch (error) {
    throw requestError(error, { endpoint, timedOut: timeout.aborted, timeoutMs: config.timeoutMs });
  }
  if (!response.ok) throw answerError(response.status, scrub(body, credentials.secrets), endpoint);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new NightshiftError(
      'QUERY_FAILED',
      `Loki at ${endpoint} answered with something that is not JSON`,
      {
        hint: 'check that the url points at Loki (or its gateway), not at a login page or proxy',
      },
    );
  }
  const parsed = lokiQueryResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NightshiftError(
      'QUERY_FAILED',
      `Loki at ${endpoint} answered in an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message})`,
      { hint: 'the query must select log streams; check the url and that the server is Loki 2.x or later' },
    );
  }
  return parsed.data;
}

export function cancelled(endpoint: string): NightshiftError {
  return new NightshiftError(
    'QUERY_TIMEOUT',
    `stopped reading logs from Loki at ${endpoint}: the read was cancelled`,
    {
      hint: 'the investigation stopped waiting for this source (its time budget ran out)',
    },
  );
}

/** No cause attached: fetch's errors can quote the request URL. */
function requestError(
  error: unknown,
  at: { endpoint: string; timedOut: boolean; timeoutMs: number },
): NightshiftError {
  if (at.timedOut)
    return new NightshiftError(
      'QUERY_TIMEOUT',
      `Loki at ${at.endpoint} did not answer within ${at.timeoutMs} ms`,
      {
        hint: 'narrow the query (a tighter stream selector) or raise loki.timeoutMs',
      },
    );
  if (error instanceof Error && error.name === 'AbortError') return cancelled(at.endpoint);
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : 'network error';
  return new NightshiftError('QUERY_FAILED', `could not reach Loki at ${at.endpoint} (${code})`, {
    hint: 'check loki.url and the network path to it (DNS, proxy, firewall)',
  });
}

/** Loki answers errors as plain text, e.g. `parse error at line 1, col 2: syntax error: …`. */
export function answerError(status: number, body: string, endpoint: string): NightshiftError {
  const text = body.trim().slice(0, 300);
  const what = text === '' ? `HTTP ${status}` : `HTTP ${status}: ${text}`;
  if (status === 400)
    return new NightshiftError('BAD_INPUT', `Loki at ${endpoint} rejected the query (${what})`, {
      hint: 'check loki.query: it must be a LogQL stream selector such as {service=~".+"}',
    });
  if (status === 401 || status === 403)
    return new NightshiftError('BAD_INPUT', `Loki at ${endpoint} refused the credentials (${what})`, {
      hint: 'check loki.auth (bearer token or username and password) and loki.tenant (X-Scope-OrgID)',
    });
  if (status === 404)
    return new NightshiftError('BAD_INPUT', `no Loki query API at ${endpoint} (${what})`, {
      hint: 'check loki.url: it is the base URL that serves /loki/api/v1/… (keep any gateway path prefix)',
    });
  if (status === 429)
    return new NightshiftError('QUERY_FAILED', `Loki at ${endpoint} is rate-limiting queries (${what})`, {
      hint: 'try again later, or lower loki.limit so each request asks for less',
    });
  return new NightshiftError('QUERY_FAILED', `Loki at ${endpoint} failed the query (${what})`, {
    hint: 'Loki may be overloaded or the range too large; try a shorter range or a tighter selector',
  });
}

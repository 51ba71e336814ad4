/**
 * The one request the Loki source makes: GET /loki/api/v1/query_range, through core/http.ts
 * (timeout joined with the caller's signal, redirects refused, credentials scrubbed). Loki's
 * answers are turned into NightshiftErrors that say what to do about the loki settings.
 */
import { HttpError, httpJson, NightshiftError, safeEndpoint } from '../../core/index.js';
import { credentialsOf } from '../http-auth.js';
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
  const credentials = credentialsOf(config.url, config.auth);
  const target = new URL(`${credentials.url.href.replace(/\/$/, '')}/loki/api/v1/query_range`);
  target.search = new URLSearchParams({
    query: params.query,
    start: params.startNs,
    end: params.endNs,
    limit: String(params.limit),
    direction: 'forward',
  }).toString();
  try {
    return await httpJson(
      {
        service: 'Loki',
        url: target,
        headers: {
          accept: 'application/json',
          ...(credentials.authorization && { authorization: credentials.authorization }),
          ...(config.tenant !== undefined && { 'x-scope-orgid': config.tenant }),
        },
        timeoutMs: config.timeoutMs,
        signal,
        scrub: credentials.scrub,
        hints: HINTS,
      },
      lokiQueryResponseSchema,
    );
  } catch (error) {
    if (error instanceof HttpError && error.kind === 'status' && error.status !== undefined) {
      throw answerError(error.status, error.excerpt ?? '', safeEndpoint(target));
    }
    throw error;
  }
}

/** What to do about each way a request fails, for Loki. */
const HINTS = {
  timeout: 'narrow the query (a tighter stream selector) or raise loki.timeoutMs',
  cancelled: 'the investigation stopped waiting for this source (its time budget ran out)',
  unreachable: 'check loki.url and the network path to it (DNS, proxy, firewall)',
  redirect: 'set loki.url to the final address (redirects are not followed, so credentials stay put)',
  'not-json': 'check that the url points at Loki (or its gateway), not at a login page or proxy',
  shape: 'the query must select log streams; check the url and that the server is Loki 2.x or later',
} as const;

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

/**
 * The requests the Jaeger source makes (service list and trace search, v1 or v3). I/O only: auth
 * headers, a per-request timeout joined with the caller's signal, and failures turned into
 * NightshiftErrors that name the endpoint (never its credentials) and say what to do.
 * (core/http.ts does not exist yet; this is the smallest fetch that does the job.)
 */
import type { Span } from '../../core/index.js';
import { NightshiftError } from '../../core/index.js';
import { credentialsOf, safeEndpoint, scrub } from '../http-auth.js';
import type { JaegerConfig } from './config.js';
import { spansFromV1, spansFromV3, toRfc3339 } from './map.js';
import { v1ServicesSchema, v1TracesSchema, v3ErrorSchema, v3ServicesSchema, v3TracesSchema } from './wire.js';

export function cancelled(endpoint: string): NightshiftError {
  return new NightshiftError(
    'QUERY_TIMEOUT',
    `stopped reading traces from Jaeger at ${endpoint}: the read was cancelled`,
    {
      hint: 'the investigation stopped waiting for this source (its time budget ran out)',
    },
  );
}

interface Answer {
  status: number;
  body: string;
}

async function get(
  config: JaegerConfig,
  path: string,
  params: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<Answer & { endpoint: string }> {
  const endpoint = safeEndpoint(config.url, path);
  if (signal?.aborted) throw cancelled(endpoint);
  const credentials = credentialsOf(config.url, config.auth);
  const target = new URL(`${credentials.url.href.replace(/\/$/, '')}${path}`);
  target.search = new URLSearchParams(params).toString();
  const timeout = AbortSignal.timeout(config.timeoutMs);
  try {
    const response = await fetch(target, {
      headers: {
        accept: 'application/json',
        ...(credentials.authorization && { authorization: credentials.authorization }),
      },
      redirect: 'error',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const body = scrub(await response.text(), credentials.secrets);
    return { status: response.status, body, endpoint };
  } catch (error) {
    if (timeout.aborted)
      throw new NightshiftError(
        'QUERY_TIMEOUT',
        `Jaeger at ${endpoint} did not answer within ${config.timeoutMs} ms`,
        {
          hint: 'lower jaeger.limit, list fewer jaeger.services, or raise jaeger.timeoutMs',
        },
      );
    if (error instanceof Error && error.name === 'AbortError') throw cancelled(endpoint);
    const cause = error instanceof Error ? error.cause : undefined;
    const code =
      typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
        ? cause.code
        : 'network error';
    throw new NightshiftError('QUERY_FAILED', `could not reach Jaeger at ${endpoint} (${code})`, {
      hint: 'check jaeger.url (jaeger-query, port 16686 by default) and the network path to it',
    });
  }
}

function parseJson(answer: Answer & { endpoint: string }): unknown {
  try {
    return JSON.parse(answer.body);
  } catch {
    return undefined;
  }
}

/** The message Jaeger put in an error answer, whichever API. */
function errorText(json: unknown, body: string): string {
  const v3 = v3ErrorSchema.safeParse(json);
  if (v3.success && v3.data.error.message) return v3.data.error.message;
  const v1 = v1TracesSchema.safeParse(json);
  const msg = v1.success
    ? v1.data.errors
        ?.map((e) => e.msg)
        .filter(Boolean)
        .join('; ')
    : undefined;
  return (msg || body.trim()).slice(0, 300);
}

export function answerError(status: number, text: string, endpoint: string): NightshiftError {
  const what = text === '' ? `HTTP ${status}` : `HTTP ${status}: ${text}`;
  if (status === 401 || status === 403)
    return new NightshiftError('BAD_INPUT', `Jaeger at ${endpoint} refused the credentials (${what})`, {
      hint: 'check jaeger.auth (bearer token or username and password)',
    });
  if (status === 404)
    return new NightshiftError('BAD_INPUT', `no Jaeger query API at ${endpoint} (${what})`, {
      hint: 'check jaeger.url and jaeger.api: /api/v3 needs Jaeger 1.41 or later (use api: v1 for older ones)',
    });
  if (status === 400)
    return new NightshiftError('BAD_INPUT', `Jaeger at ${endpoint} rejected the search (${what})`, {
      hint: 'check jaeger.services and jaeger.limit; this may also be a Jaeger version Nightshift does not know',
    });
  return new NightshiftError('QUERY_FAILED', `Jaeger at ${endpoint} failed the search (${what})`, {
    hint: 'the trace store behind Jaeger may be overloaded; try a shorter range or a lower jaeger.limit',
  });
}

function unexpected(endpoint: string, detail: string): NightshiftError {
  return new NightshiftError(
    'QUERY_FAILED',
    `Jaeger at ${endpoint} answered in an unexpected shape (${detail})`,
    {
      hint: 'check jaeger.url and jaeger.api (v1 or v3) match the server',
    },
  );
}

export async function listServices(config: JaegerConfig, signal: AbortSignal | undefined): Promise<string[]> {
  const path = config.api === 'v1' ? '/api/services' : '/api/v3/services';
  const answer = await get(config, path, {}, signal);
  const json = parseJson(answer);
  if (answer.status !== 200) throw answerError(answer.status, errorText(json, answer.body), answer.endpoint);
  if (config.api === 'v1') {
    const parsed = v1ServicesSchema.safeParse(json);
    if (!parsed.success) throw unexpected(answer.endpoint, 'expected {data: [service names]}');
    return parsed.data.data ?? [];
  }
  const parsed = v3ServicesSchema.safeParse(json);
  if (!parsed.success) throw unexpected(answer.endpoint, 'expected {services: [service names]}');
  return parsed.data.services ?? [];
}

export interface SearchWindow {
  service: string;
  /** Epoch ms; spans starting in [start, end] (Jaeger's bounds are inclusive). */
  start: number;
  end: number;
  limit: number;
}

/** One trace search: the spans of up to `limit` traces that have a span of the service in the window. */
export async function searchTraces(
  config: JaegerConfig,
  window: SearchWindow,
  signal: AbortSignal | undefined,
): Promise<Span[]> {
  if (config.api === 'v1') {
    const answer = await get(
      config,
      '/api/traces',
      {
        service: window.service,
        start: String(Math.floor(window.start * 1000)),
        end: String(Math.ceil(window.end * 1000)),
        limit: String(window.limit),
      },
      signal,
    );
    const json = parseJson(answer);
    if (answer.status !== 200)
      throw answerError(answer.status, errorText(json, answer.body), answer.endpoint);
    const parsed = v1TracesSchema.safeParse(json);
    if (!parsed.success) throw unexpected(answer.endpoint, 'expected {data: [traces]}');
    return spansFromV1(parsed.data.data ?? []);
  }
  const min = toRfc3339(window.start);
  const max = toRfc3339(window.end);
  const n = String(window.limit);
  // Canonical camelCase names (Jaeger 2.x) and the snake_case ones that older servers read; a
  // server takes the canonical form when both are present.
  const answer = await get(
    config,
    '/api/v3/traces',
    {
      'query.serviceName': window.service,
      'query.startTimeMin': min,
      'query.startTimeMax': max,
      'query.searchDepth': n,
      'query.service_name': window.service,
      'query.start_time_min': min,
      'query.start_time_max': max,
      'query.num_traces': n,
    },
    signal,
  );
  const json = parseJson(answer);
  if (answer.status === 404) {
    // Jaeger answers a search that found nothing with 404 "No traces found".
    const v3 = v3ErrorSchema.safeParse(json);
    if (v3.success && /no traces found/i.test(v3.data.error.message ?? '')) return [];
  }
  if (answer.status !== 200) throw answerError(answer.status, errorText(json, answer.body), answer.endpoint);
  const parsed = v3TracesSchema.safeParse(json);
  if (!parsed.success) throw unexpected(answer.endpoint, 'expected {result: {resourceSpans: [...]}}');
  return spansFromV3(parsed.data);
}

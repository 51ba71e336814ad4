/**
 * The requests the Jaeger source makes (service list and trace search, v1 or v3), through
 * core/http.ts (timeout joined with the caller's signal, redirects refused, credentials
 * scrubbed). Jaeger's answers are turned into NightshiftErrors that say what to do about the
 * jaeger settings.
 */
import type { z } from 'zod';
import type { Span } from '../../core/index.js';
import { HttpError, httpJson, NightshiftError } from '../../core/index.js';
import { credentialsOf } from '../http-auth.js';
import type { JaegerConfig } from './config.js';
import { spansFromV1, spansFromV3, toRfc3339 } from './map.js';
import { v1ServicesSchema, v1TracesSchema, v3ErrorSchema, v3ServicesSchema, v3TracesSchema } from './wire.js';

/** What to do about each way a request fails, for Jaeger. */
const HINTS = {
  timeout: 'lower jaeger.limit, list fewer jaeger.services, or raise jaeger.timeoutMs',
  cancelled: 'the investigation stopped waiting for this source (its time budget ran out)',
  unreachable: 'check jaeger.url (jaeger-query, port 16686 by default) and the network path to it',
  redirect: 'set jaeger.url to the final address (redirects are not followed, so credentials stay put)',
  'not-json': 'check jaeger.url and jaeger.api (v1 or v3) match the server',
  shape: 'check jaeger.url and jaeger.api (v1 or v3) match the server',
} as const;

/** GET `path` and validate the JSON answer; a non-2xx answer becomes Jaeger's own message. */
async function get<S extends z.ZodType>(
  config: JaegerConfig,
  path: string,
  params: Record<string, string>,
  schema: S,
  signal: AbortSignal | undefined,
): Promise<z.output<S>> {
  const credentials = credentialsOf(config.url, config.auth);
  const target = new URL(`${credentials.url.href.replace(/\/$/, '')}${path}`);
  target.search = new URLSearchParams(params).toString();
  return httpJson(
    {
      service: 'Jaeger',
      url: target,
      headers: {
        accept: 'application/json',
        ...(credentials.authorization && { authorization: credentials.authorization }),
      },
      timeoutMs: config.timeoutMs,
      signal,
      scrub: credentials.scrub,
      hints: HINTS,
    },
    schema,
  );
}

/** Jaeger's error answer as a NightshiftError; other failures pass through. */
function jaegerError(error: unknown): unknown {
  if (!(error instanceof HttpError) || error.kind !== 'status' || error.status === undefined) return error;
  const body = error.body ?? '';
  return answerError(error.status, errorText(parseJson(body), body), error.endpoint ?? 'Jaeger');
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
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

export async function listServices(config: JaegerConfig, signal: AbortSignal | undefined): Promise<string[]> {
  try {
    if (config.api === 'v1')
      return (await get(config, '/api/services', {}, v1ServicesSchema, signal)).data ?? [];
    return (await get(config, '/api/v3/services', {}, v3ServicesSchema, signal)).services ?? [];
  } catch (error) {
    throw jaegerError(error);
  }
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
    const params = {
      service: window.service,
      start: String(Math.floor(window.start * 1000)),
      end: String(Math.ceil(window.end * 1000)),
      limit: String(window.limit),
    };
    try {
      return spansFromV1((await get(config, '/api/traces', params, v1TracesSchema, signal)).data ?? []);
    } catch (error) {
      throw jaegerError(error);
    }
  }
  const min = toRfc3339(window.start);
  const max = toRfc3339(window.end);
  const n = String(window.limit);
  // Canonical camelCase names (Jaeger 2.x) and the snake_case ones that older servers read; a
  // server takes the canonical form when both are present.
  const params = {
    'query.serviceName': window.service,
    'query.startTimeMin': min,
    'query.startTimeMax': max,
    'query.searchDepth': n,
    'query.service_name': window.service,
    'query.start_time_min': min,
    'query.start_time_max': max,
    'query.num_traces': n,
  };
  try {
    return spansFromV3(await get(config, '/api/v3/traces', params, v3TracesSchema, signal));
  } catch (error) {
    if (isNoTracesFound(error)) return [];
    throw jaegerError(error);
  }
}

/** Jaeger answers a search that found nothing with 404 "No traces found". */
function isNoTracesFound(error: unknown): boolean {
  if (!(error instanceof HttpError) || error.status !== 404) return false;
  const v3 = v3ErrorSchema.safeParse(parseJson(error.body ?? ''));
  return v3.success && /no traces found/i.test(v3.data.error.message ?? '');
}
